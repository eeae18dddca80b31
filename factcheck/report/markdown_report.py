"""`--format markdown`: summary counts and a table per file, fit for a pull-request comment or a
GitHub job summary."""

from __future__ import annotations

from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER, SEVERITIES
from factcheck.report.wording import claim_label, describe_claim, format_value


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def summary_line(report: Report) -> str:
    counts = report.summary
    parts = [f"{SEVERITIES[v].symbol} {counts.get(v, 0)} {v}" for v in ORDER]
    files = len(report.documents)
    return (f"**factcheck**: {counts.get('claims', 0)} claims in {files} file{'s' if files != 1 else ''}"
            f" — " + " · ".join(parts))


def _row(lf: LocatedFinding) -> str:
    finding = lf.finding
    sev = SEVERITIES[finding.verdict]
    expected = finding.expected
    cells = [
        f"{lf.location.line}:{lf.location.column}",
        f"`{_cell(claim_label(finding.claim)).replace('`', '')}` {_cell(describe_claim(finding.claim))}",
        f"{sev.symbol} {finding.verdict}",
        format_value(expected.value, expected.unit) if expected else (f"missing: {finding.missing}" if finding.missing else "—"),
        _cell(expected.dataset) if expected else "—",
    ]
    return "| " + " | ".join(cells) + " |"


def _document(doc: DocumentReport, explain: bool) -> list[str]:
    lines = [f"#### `{doc.path}`", ""]
    for notice in doc.notices:
        lines += [f"> {_cell(notice)}", ""]
    if not doc.findings:
        return lines + [doc.empty_message, ""]
    lines += ["| Where | Claim | Verdict | Expected | Source |", "| --- | --- | --- | --- | --- |"]
    lines += [_row(lf) for lf in doc.findings]
    shown = [lf for lf in doc.findings if explain or SEVERITIES[lf.finding.verdict].is_problem]
    if shown:
        lines += ["", "<details><summary>Explanations</summary>", ""]
        for lf in shown:
            finding = lf.finding
            text = f"- **{lf.location.line}:{lf.location.column}** {_cell(finding.explanation)}"
            if finding.arithmetic:
                text += f" `{_cell(finding.arithmetic).replace('`', '')}`"
            if finding.expected:
                text += f" Source: {_cell(finding.expected.citation)}"
            lines.append(text)
        lines += ["", "</details>"]
    return lines + [""]


def render_markdown_text(report: Report, explain: bool = False) -> str:
    lines = [summary_line(report), ""]
    if report.baseline_suppressed:
        lines += [f"{report.baseline_suppressed} known finding(s) hidden by the baseline.", ""]
    for doc in report.documents:
        lines += _document(doc, explain)
    if report.datasets:
        lines.append("Reference data: " + "; ".join(f"{d.title} ({d.id} {d.version})" for d in report.datasets))
    return "\n".join(lines).rstrip() + "\n"


@renderer("markdown")
def render_markdown(report: Report, options: RenderOptions) -> str:
    return render_markdown_text(report, options.explain)
