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
from dataclasses import dataclass
from typing import Any, Union

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


@dataclass(frozen=True)
class RenderedFinding:
    """A finding already written in a stream format (`StreamWriter.render_finding`), with what the
    run still needs of it: its verdict (the summary, the exit code), fingerprint (--baseline),
    kind (--select, --ignore) and baseline entry (--write-baseline). A `--jobs` worker renders
    its documents' findings and sends these: text to copy, where a LocatedFinding was an object
    graph to pickle, unpickle and serialise again in the parent, whose serial share of the run
    was what kept --jobs 2 from scaling (issue 13)."""

    verdict: str
    fingerprint: str
    kind: str
    baseline: dict
    text: str


@dataclass(frozen=True)
class RenderedDocument:
    """One checked document with its findings rendered (RenderedFinding), as a worker sends it."""

    path: str
    notices: tuple[str, ...]
    findings: tuple[RenderedFinding, ...]


Streamed = Union[LocatedFinding, RenderedFinding]


def rendered(lf: LocatedFinding, writer_class: type[StreamWriter]) -> RenderedFinding:
    from factcheck.report.baseline import baseline_entry
    from factcheck.report.lint import kind_of

    return RenderedFinding(lf.finding.verdict, lf.fingerprint, kind_of(lf.finding.claim.metric), baseline_entry(lf),
                           writer_class.render_finding(lf))


def render_document(path: str, notices: tuple[str, ...], findings: Iterable[LocatedFinding],
                    writer_class: type[StreamWriter]) -> RenderedDocument:
    return RenderedDocument(path, tuple(notices), tuple(rendered(lf, writer_class) for lf in findings))


def verdict_of(item: Streamed) -> str:
    return item.verdict if isinstance(item, RenderedFinding) else item.finding.verdict


def kind_of_item(item: Streamed) -> str:
    from factcheck.report.lint import kind_of

    return item.kind if isinstance(item, RenderedFinding) else kind_of(item.finding.claim.metric)


def baseline_of(item: Streamed) -> dict:
    from factcheck.report.baseline import baseline_entry

    return item.baseline if isinstance(item, RenderedFinding) else baseline_entry(item)


class StreamWriter:
    """Counts what passes (the report's summary) and hands each piece of text to `write`. A
    document's findings may come as LocatedFindings or as RenderedFindings (rendered by
    `render_finding` in a worker); the bytes written are the same."""

    def __init__(self, head: Report, paths: list[str], write: Write) -> None:
        self.head, self.paths, self.write = head, paths, write
        self.summary = {"claims": 0, **{v: 0 for v in VERDICTS}}
        self.documents = 0

    @classmethod
    def render_finding(cls, lf: LocatedFinding) -> str:
        """The finding's own text in this format, the same whatever run it is part of ("" for a
        finding the format does not write)."""
        raise NotImplementedError

    def text_of(self, item: Streamed) -> str:
        return item.text if isinstance(item, RenderedFinding) else self.render_finding(item)

    def counted(self, findings: Iterable[Streamed]) -> Iterable[Streamed]:
        for item in findings:
            self.summary["claims"] += 1
            self.summary[verdict_of(item)] += 1
            yield item

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[LocatedFinding]) -> None:
        raise NotImplementedError

    def end(self, exit_code: int | None) -> None:
        raise NotImplementedError
