"""`--format terminal`: a rich report for the person checking a story.

A summary panel with counts per verdict, a table per file, and with `--explain` each sentence with
the claim highlighted, the evidence rows with citations and the arithmetic. Colour follows
NO_COLOR and whether stdout is a terminal; below 70 columns the table becomes a list.
"""

from __future__ import annotations

import io
import os
import shutil
import sys

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER, SEVERITIES
from factcheck.report.wording import claim_label, describe_claim, format_deviation, format_value

NARROW = 70  # below: a list instead of a table
WIDE = 100  # from here: a column of its own for the source


def wants_color(color: bool | None) -> bool:
    if color is not None:
        return color
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


def _console(options: RenderOptions) -> tuple[Console, bool]:
    color = wants_color(options.color)
    width = options.width or shutil.get_terminal_size((100, 24)).columns
    console = Console(
        file=io.StringIO(), width=width, color_system="standard" if color else None,
        force_terminal=color, no_color=not color, highlight=False, emoji=False, soft_wrap=False,
    )
    return console, color


def _verdict(verdict: str) -> Text:
    sev = SEVERITIES[verdict]
    return Text(f"{sev.symbol} {verdict}", style=sev.style)


def _summary(report: Report) -> Panel:
    counts = report.summary
    files = len(report.documents)
    line = Text(f"{counts.get('claims', 0)} claims in {files} file{'s' if files != 1 else ''}   ")
    for verdict in ORDER:
        line.append_text(Text(f"{SEVERITIES[verdict].symbol} {counts.get(verdict, 0)} {verdict}",
                              style=SEVERITIES[verdict].style))
        line.append("   ")
    rows = [line]
    if report.baseline_suppressed:
        rows.append(Text(f"{report.baseline_suppressed} known finding(s) hidden by the baseline", style="dim"))
    if report.datasets:
        rows.append(Text("Reference data: " + "; ".join(f"{d.id} {d.version}" for d in report.datasets), style="dim"))
    if report.as_of:
        rows.append(Text(f"As of {report.as_of}", style="dim"))
    return Panel(Group(*rows), title="factcheck", title_align="left", expand=True)


def _expected(lf: LocatedFinding) -> str:
    finding = lf.finding
    if finding.expected:
        value = format_value(finding.expected.value, finding.expected.unit)
        deviation = format_deviation(finding.deviation, finding.expected.unit)
        return f"{value}\n({deviation})" if deviation else value
    return f"no data: {finding.missing}" if finding.missing else "—"


def _claim_cell(lf: LocatedFinding) -> Text:
    text = Text(claim_label(lf.finding.claim), style="bold")
    text.append("\n" + describe_claim(lf.finding.claim), style="dim")
    return text


def _table(doc: DocumentReport, width: int) -> Table:
    """Below WIDE columns the source moves under the expected value, leaving room for the claim."""
    wide = width >= WIDE
    sources = [lf.finding.expected.dataset for lf in doc.findings if lf.finding.expected]
    table = Table(expand=True, show_lines=False, header_style="bold")
    table.add_column("Where", no_wrap=True)
    table.add_column("Claim", ratio=1)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Expected" if wide else "Expected, source", min_width=12, max_width=18)
    if wide:
        # Dataset ids stay whole (they are what --prefer takes); very long ones end in an ellipsis.
        table.add_column("Source", no_wrap=True, overflow="ellipsis", max_width=min(18, max([6, *map(len, sources)])))
    for lf in doc.findings:
        source = lf.finding.expected.dataset if lf.finding.expected else "—"
        expected = Text(_expected(lf))
        if not wide and lf.finding.expected:
            expected.append("\n" + source, style="dim")
        cells = [f"{lf.location.line}:{lf.location.column}", _claim_cell(lf), _verdict(lf.finding.verdict), expected]
        table.add_row(*cells, *([source] if wide else []))
    return table


def _list(doc: DocumentReport) -> Group:
    items = []
    for lf in doc.findings:
        head = Text(f"{lf.location.line}:{lf.location.column} ")
        head.append_text(_verdict(lf.finding.verdict))
        head.append(f"  {claim_label(lf.finding.claim)}", style="bold")
        items += [head, Text("  " + describe_claim(lf.finding.claim), style="dim"),
                  Text("  expected: " + _expected(lf))]
    return Group(*items)


def _highlighted_sentence(lf: LocatedFinding, color: bool) -> Text:
    claim = lf.finding.claim
    start, end = claim.start - claim.sentence_start, claim.end - claim.sentence_start
    sentence = " ".join(claim.sentence.split()) if not (0 <= start < end <= len(claim.sentence)) else claim.sentence
    if not (0 <= start < end <= len(sentence)):
        return Text(sentence)
    if color:
        text = Text(sentence)
        text.stylize("bold reverse", start, end)
        return text
    return Text(f"{sentence[:start]}»{sentence[start:end]}«{sentence[end:]}")


def _explanation(lf: LocatedFinding, color: bool) -> Panel:
    finding = lf.finding
    parts: list = [_highlighted_sentence(lf, color), Text("")]
    parts.append(Text(finding.explanation or ""))
    if finding.arithmetic:
        parts.append(Text(f"Arithmetic: {finding.arithmetic}", style="cyan"))
    if finding.evidence:  # as lines, not a table: citations are long and must stay readable when narrow
        parts.append(Text("Evidence:", style="bold"))
        for obs in finding.evidence:
            row = Text(f"  • {obs.year} {obs.reporter}→{obs.partner} {obs.flow}"
                       + (f" {obs.commodity}" if obs.commodity != "TOTAL" else "")
                       + (" (mirror)" if obs.mirror else "") + ": ")
            row.append(format_value(obs.value, obs.unit), style="bold")
            row.append(f" — {obs.citation}", style="dim")
            parts.append(row)
    elif finding.expected:
        parts.append(Text(f"Source: {finding.expected.citation}", style="dim"))
    for alt in finding.alternatives:
        parts.append(Text(f"Alternative: {alt.description} ({format_value(alt.value, alt.unit)}, {alt.dataset})", style="magenta"))
    for label, value in (("Suggestion", finding.suggestion), ("Sources disagree", finding.disagreement),
                         ("Missing", finding.missing),
                         ("Not judged", "; ".join(f"{u.reason} [{u.rule}]" for u in finding.claim.unaccounted))):
        if value:
            parts.append(Text(f"{label}: {value}"))
    for note in finding.claim.context:
        parts.append(Text(f"Context: {note}", style="dim"))
    title = Text(f"{lf.path}:{lf.location.line}:{lf.location.column} ")
    title.append_text(_verdict(finding.verdict))
    return Panel(Group(*parts), title=title, title_align="left", expand=True)


def renderables(report: Report, *, width: int, explain: bool = False, color: bool = False) -> list:
    """What the terminal report prints, for any rich Console (tests use a recording one)."""
    items: list = [_summary(report)]
    for doc in report.documents:
        items.append(Text(doc.path, style="bold underline"))
        items += [Text(f"! {notice}", style="yellow") for notice in doc.notices]
        if not doc.findings:
            items.append(Text(doc.empty_message, style="dim"))
            continue
        items.append(_list(doc) if width < NARROW else _table(doc, width))
        if explain:
            items += [_explanation(lf, color) for lf in doc.findings]
    return items


@renderer("terminal")
def render_terminal(report: Report, options: RenderOptions) -> str:
    console, color = _console(options)
    for item in renderables(report, width=console.width, explain=options.explain, color=color):
        console.print(item)
    return console.file.getvalue()
