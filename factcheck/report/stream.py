"""Reports written while the run goes on (issue 13, item 5): json, jsonl, sarif and github are
written document by document and finding by finding, so a run over 1,000 files or one 40 MB file
holds one finding at a time instead of the whole report and its rendered string.

Each streamed format writes exactly the bytes its renderer writes for the same report
(tests/test_report_stream.py compares them): the renderer is the definition, the stream a way of
producing it in pieces. A stream is driven as

    writer = get_streamer("json")(head, paths, write)     # head: a Report with no documents
    for each document: writer.document(path, notices, findings)   # findings: any iterable
    writer.end(exit_code)

and keeps only counts (`writer.summary`) and what a format must put after the findings (SARIF's
invocation, GitHub's notices).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from factcheck.report.jsontext import dumps_indented, plain
from factcheck.report.model import LocatedFinding, Report
from factcheck.verify.model import VERDICTS

Write = Callable[[str], Any]
STREAMERS: dict[str, type[StreamWriter]] = {}


def streamer(name: str):
    """Register a stream writer for the format `name` (the renderer of that name stays the definition)."""

    def register(cls: type[StreamWriter]) -> type[StreamWriter]:
        STREAMERS[name] = cls
        return cls

    return register


def get_streamer(name: str) -> type[StreamWriter] | None:
    """The stream writer of a format, or None when the format needs the whole report (terminal,
    markdown, html, concise, junit sort or count across documents before writing)."""
    return STREAMERS.get(name)


def dumps_at(value: Any, depth: int) -> str:
    """`value` as `json.dumps(finite_json(value), indent=2, ensure_ascii=False)` writes it `depth`
    levels deep inside a bigger document (see indent_at)."""
    return indent_at(dumps_indented(plain(value)), depth)


def indent_at(text: str, depth: int) -> str:
    """Indented JSON text moved `depth` levels deep: every line after the first indented by two
    spaces a level (a JSON string holds no raw newline, so splitting on lines is safe)."""
    return text.replace("\n", "\n" + "  " * depth) if depth else text


class StreamWriter:
    """Counts what passes (the report's summary) and hands each piece of text to `write`."""

    def __init__(self, head: Report, paths: list[str], write: Write) -> None:
        self.head, self.paths, self.write = head, paths, write
        self.summary = {"claims": 0, **{v: 0 for v in VERDICTS}}
        self.documents = 0

    def counted(self, findings: Iterable[LocatedFinding]) -> Iterable[LocatedFinding]:
        for lf in findings:
            self.summary["claims"] += 1
            self.summary[lf.finding.verdict] += 1
            yield lf

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[LocatedFinding]) -> None:
        raise NotImplementedError

    def end(self, exit_code: int | None) -> None:
        raise NotImplementedError
