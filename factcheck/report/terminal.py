"""`--format terminal`: a rich report for the person checking a story.

A summary panel with counts per verdict, a table per file that says under each claim that is not
supported how far off it is, what to write instead and the mix-up it matches, the source by its
publisher's name and year (a link where the terminal shows links); with `--explain` each sentence
with the claim highlighted, the evidence rows with citations and the arithmetic. Findings come most
serious first (`--sort position` keeps the article's order); `--quiet` leaves out supported ones.
Colour follows NO_COLOR and whether stdout is a terminal; below 70 columns the table becomes a list.
"""

from __future__ import annotations

import io
import os
import shutil
import sys

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from factcheck.countries import sentence_start
from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER, SEVERITIES, ordered
from factcheck.report.wording import (claim_label, correction_text, describe_claim, deviation_text,
                                      disagreement_label, format_value, mixup_text, plural, source_of)

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


def _summary(report: Report, quiet: bool = False) -> Panel:
    counts = report.summary
    line = Text(f"{plural(counts.get('claims', 0), 'claim')} in {plural(len(report.documents), 'file')}   ")
    for verdict in ORDER:
        line.append_text(Text(f"{SEVERITIES[verdict].symbol} {counts.get(verdict, 0)} {verdict}",
                              style=SEVERITIES[verdict].style))
        line.append("   ")
    rows = [line]
    if quiet and counts.get("supported"):
        rows.append(Text(f"{plural(counts['supported'], 'supported claim')} not listed (--quiet)", style="dim"))
    if report.baseline_suppressed:
        rows.append(Text(f"{report.baseline_suppressed} known finding(s) hidden by the baseline", style="dim"))
    if report.datasets:
        rows.append(Text("Reference data: " + "; ".join(f"{d.id} {d.version}" for d in report.datasets), style="dim"))
    if report.as_of:
        rows.append(Text(f"As of {report.as_of}", style="dim"))
    return Panel(Group(*rows), title="factcheck", title_align="left", expand=True)


def _expected_value(lf: LocatedFinding) -> str:
    finding = lf.finding
    if finding.expected:
        return format_value(finding.expected.value, finding.expected.unit)
    return f"no data: {finding.missing}" if finding.missing else "—"


def _source(lf: LocatedFinding) -> Text:
    """The publisher's name and year, a link to the source where the terminal shows links."""
    source = source_of(lf.finding)
    if source is None:
        return Text("—")
    return Text(source.name, style=Style(link=source.url) if source.url else "")


def _advice(lf: LocatedFinding) -> list[Text]:
    """What the table says under a claim that is not supported: how far off it is, what to write
    instead, and the neighbouring reading the figure matches."""
    finding = lf.finding
    if finding.verdict == "supported":
        return []
    lines = []
    if deviation := deviation_text(finding):
        lines.append(Text(deviation, style=SEVERITIES[finding.verdict].style))
    if correction := correction_text(finding):
        lines.append(Text(f"→ {correction}", style="bold green"))
    lines += [Text(f"Mix-up: {mixup_text(alt)}", style="magenta") for alt in finding.alternatives[:1]]
    return lines


def _claim_cell(lf: LocatedFinding) -> Text:
    text = Text(claim_label(lf.finding.claim), style="bold")
    text.append("  " + describe_claim(lf.finding.claim), style="dim")
    for line in _advice(lf):
        text.append("\n")
        text.append_text(line)
    return text


SOURCE_WIDTH = 26  # the source column never takes more (issue 14: under 70 columns in all)


def _table(findings: list[LocatedFinding], width: int) -> Table:
    """Below WIDE columns the source moves under the expected value, leaving room for the claim."""
    wide = width >= WIDE
    table = Table(expand=True, show_lines=True, header_style="bold")
    table.add_column("Where", no_wrap=True)
    table.add_column("Claim", ratio=1, overflow="fold")
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Expected" if wide else "Expected, source", min_width=8, max_width=12 if wide else 18)
    if wide:
        table.add_column("Source", max_width=SOURCE_WIDTH)
    for lf in findings:
        expected = Text(_expected_value(lf))
        source = _source(lf)
        if not wide and lf.finding.expected:
            expected.append("\n")
            expected.append_text(source.copy())
            expected.stylize("dim", len(_expected_value(lf)))
        cells = [f"{lf.location.line}:{lf.location.column}", _claim_cell(lf), _verdict(lf.finding.verdict), expected]
        table.add_row(*cells, *([source] if wide else []))
    return table


def _list(findings: list[LocatedFinding]) -> Group:
    items = []
    for lf in findings:
        head = Text(f"{lf.location.line}:{lf.location.column} ")
        head.append_text(_verdict(lf.finding.verdict))
        head.append(f"  {claim_label(lf.finding.claim)}", style="bold")
        expected = Text("expected: " + _expected_value(lf))
        if lf.finding.expected:
            expected.append(", ")
            expected.append_text(_source(lf))
        details = [Text(sentence_start(describe_claim(lf.finding.claim)), style="dim"), expected, *_advice(lf)]
        items += [head, Padding(Group(*details), (0, 0, 0, 2))]
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
    for label, value in (("Suggestion", finding.suggestion), (disagreement_label(finding.disagreement), finding.disagreement),
                         ("Missing", finding.missing),
                         ("Not judged", "; ".join(f"{u.reason} [{u.rule}]" for u in finding.claim.unaccounted))):
        if value:
            parts.append(Text(f"{label}: {value}"))
    for note in finding.claim.context:
        parts.append(Text(f"Context: {note}", style="dim"))
    title = Text(f"{lf.path}:{lf.location.line}:{lf.location.column} ")
    title.append_text(_verdict(finding.verdict))
    return Panel(Group(*parts), title=title, title_align="left", expand=True)


def renderables(report: Report, *, width: int, explain: bool = False, color: bool = False,
                options: RenderOptions | None = None) -> list:
    """What the terminal report prints, for any rich Console (tests use a recording one).
    `explain` explains the findings that are not supported; `options.explain_all` every one."""
    options = options or RenderOptions(explain=explain)
    explain = explain or options.explain or options.explain_all
    items: list = [_summary(report, options.quiet)]
    for doc in report.documents:
        items.append(Text(doc.path, style="bold underline"))
        items += [Text(f"! {notice}", style="yellow") for notice in doc.notices]
        if not doc.findings:
            items.append(Text(doc.empty_message, style="dim"))
            continue
        findings = ordered(doc.findings, options.sort, options.quiet)
        if not findings:
            items.append(Text(f"All {plural(len(doc.findings), 'claim')} supported.", style="green"))
            continue
        items.append(_list(findings) if width < NARROW else _table(findings, width))
        if explain:
            items += [_explanation(lf, color) for lf in findings
                      if options.explain_all or lf.finding.verdict != "supported"]
    return items


@renderer("terminal")
def render_terminal(report: Report, options: RenderOptions) -> str:
    console, color = _console(options)
    for item in renderables(report, width=console.width, color=color, options=options):
        console.print(item)
    return console.file.getvalue()
