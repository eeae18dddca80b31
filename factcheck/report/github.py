"""`--format github`: workflow commands that annotate the changed files in a pull request.

GitHub shows at most 10 annotations of each kind per step, so `write_step_summary` puts the full
report into the job summary (`$GITHUB_STEP_SUMMARY`) as well.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from factcheck.errors import ConfigError
from factcheck.report.markdown_report import render_markdown_text
from factcheck.report.model import LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.sarif import message_text
from factcheck.report.severity import SEVERITIES
from factcheck.report.stream import Streamed, StreamWriter, Write, streamer


def escape_data(text: str) -> str:
    """As @actions/core escapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As @actions/core escapes a property value (`:` and `,` separate properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(path: str, root: str | None = None) -> str:
    """GitHub matches annotations to files by their path in the repository: an absolute path
    inside the workspace (or the current folder) is made relative to it."""
    root = root or os.environ.get("GITHUB_WORKSPACE") or os.getcwd()
    candidate = Path(path)
    if candidate.is_absolute() and candidate.is_relative_to(root):
        return candidate.relative_to(root).as_posix()
    return candidate.as_posix() if not candidate.is_absolute() else path


def annotation(lf: LocatedFinding) -> str | None:
    sev = SEVERITIES[lf.finding.verdict]
    if sev.github_command is None:
        return None
    loc = lf.location
    properties = {
        "file": repository_path(lf.path), "line": loc.line, "col": loc.column, "endLine": loc.end_line,
        "endColumn": loc.end_column, "title": f"factcheck: {lf.finding.verdict}",
    }
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{sev.github_command} {props}::{escape_data(message_text(lf))}"


@renderer("github")
def render_github(report: Report, options: RenderOptions) -> str:
    lines = [a for doc in report.documents for lf in doc.findings if (a := annotation(lf))]
    for doc in report.documents:
        lines += notice_lines(doc.path, doc.notices)
    lines.append(summary_line(report.summary))
    return "\n".join(lines) + "\n"


def summary_line(counts: Mapping[str, int]) -> str:
    return f"factcheck: {counts.get('claims', 0)} claims, " + ", ".join(
        f"{counts.get(v, 0)} {v}" for v in ("contradicted", "approximate", "unverifiable", "supported"))


def notice_lines(path: str, notices: tuple[str, ...]) -> list[str]:
    return [f"::notice file={escape_property(repository_path(path))}::{escape_data(n)}" for n in notices]


@streamer("github")
class GithubStream(StreamWriter):
    """`render_github`'s bytes: annotations as the findings come, then every document's notices
    and the summary line. (The job summary needs the whole report: with GITHUB_STEP_SUMMARY set
    the CLI renders instead of streaming.)"""

    def __init__(self, head: Report, paths: list[str], write: Write) -> None:
        super().__init__(head, paths, write)
        self.notices: list[str] = []

    @classmethod
    def render_finding(cls, lf: LocatedFinding) -> str:
        line = annotation(lf)
        return line + "\n" if line else ""

    def document(self, path: str, notices: tuple[str, ...], findings: Iterable[Streamed]) -> None:
        self.documents += 1
        for item in self.counted(findings):
            if (text := self.text_of(item)):
                self.write(text)
        self.notices += notice_lines(path, notices)

    def end(self, exit_code: int | None) -> None:
        self.write("".join(line + "\n" for line in self.notices) + summary_line(self.summary) + "\n")


def write_step_summary(report: Report, env: Mapping[str, str] = os.environ) -> bool:
    """Append the full Markdown report to the job summary when running in GitHub Actions."""
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    try:
        with Path(target).open("a", encoding="utf-8") as handle:
            handle.write(render_markdown_text(report, explain=False) + "\n")
    except OSError as exc:
        raise ConfigError(f"GITHUB_STEP_SUMMARY {target}: cannot be written ({exc.strerror or exc})") from None
    return True
