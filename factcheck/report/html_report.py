"""`--format html`: one self-contained page a newsroom can share.

The article text with every claim highlighted in its verdict's colour; hovering, focusing
(keyboard) or clicking a claim opens a card with the expected value, how far off the claim is,
what to write instead, the mix-up it matches, the evidence rows with their citations (publisher,
title, series, year, link) and the arithmetic. A summary at the top (counts by verdict, files,
as-of date, the data used), a list of findings per document beside the text, and a print style
that puts every card inline under its claim.

No network, no framework: inline CSS, a few lines of vanilla JavaScript for click-to-pin (the page
works without it: hover, focus and `#claim` links use CSS only). Every piece of text is escaped
with `html.escape`: article text, claims and citations are untrusted.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape
from urllib.parse import urlsplit

from factcheck.countries import short_name
from factcheck.reference.model import Observation
from factcheck.report.model import DocumentReport, LocatedFinding, Report
from factcheck.report.registry import RenderOptions, renderer
from factcheck.report.severity import ORDER, SEVERITIES, ordered
from factcheck.report.wording import (claim_label, correction_text, describe_claim, deviation_text,
                                      disagreement_label, format_value, mixup_text, observation_source,
                                      plural, source_of)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")
_FLOW_WORDS = {"export": "exports", "import": "imports", "total": "total trade"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _safe_url(url: str | None) -> str | None:
    """Only http(s) links: a citation URL is data, and `javascript:` must never become a link."""
    if not url:
        return None
    return url if urlsplit(url).scheme in ("http", "https") else None


def _link(url: str | None, text: str | None = None) -> str:
    safe = _safe_url(url)
    label = _e(text if text is not None else url or "")
    if safe is None:
        return label
    return f'<a href="{_e(safe)}" rel="noopener noreferrer">{label}</a>'


def _claim_id(doc_index: int, finding_index: int) -> str:
    return f"claim-{doc_index + 1}-{finding_index + 1}"


# ---- the card a claim opens (phrasing content only: it sits inside the paragraph)
def _row(label: str, value_html: str, css: str = "row") -> str:
    return f'<span class="{css}"><span class="k">{_e(label)}</span><span class="v">{value_html}</span></span>'


def _evidence_row(obs: Observation) -> str:
    partner = "the world" if obs.partner == "WLD" else short_name(obs.partner)
    what = f"{obs.year}{'-%02d' % obs.month if obs.month else ''} · {short_name(obs.reporter)} → {partner} · {_FLOW_WORDS.get(obs.flow, obs.flow)}"
    if obs.commodity != "TOTAL":
        what += f" · {obs.commodity}"
    if obs.mirror:
        what += " · mirror (as the partner reports it)"
    citation = obs.citation
    parts = [f'<span class="pub">{_e(observation_source(obs))}</span>', _e(citation.publisher), _e(citation.title)]
    if obs.series is not None:  # what the series measures, without its publisher named again
        parts.append(_e(obs.series.describe().removeprefix(f"{obs.series.publisher}, ")))
    if citation.year:
        parts.append(_e(citation.year))
    if citation.url:
        parts.append(_link(citation.url))
    return (f'<span class="ev"><span class="ev-what">{_e(what)}</span>'
            f'<span class="ev-val">{_e(format_value(obs.value, obs.unit))}</span>'
            f'<span class="ev-cite">{" · ".join(p for p in parts if p)}</span></span>')


def _card_figures(lf: LocatedFinding) -> list[str]:
    finding = lf.finding
    rows = [_row("Claim", f"<b>{_e(claim_label(finding.claim))}</b> — {_e(describe_claim(finding.claim))}")]
    if finding.expected is not None:
        value = f"<b>{_e(format_value(finding.expected.value, finding.expected.unit))}</b>"
        if deviation := deviation_text(finding):
            value += f' <span class="dev">({_e(deviation)})</span>'
        source = source_of(finding)
        if source is not None:
            value += f" · {_link(source.url, source.name)}"
        rows.append(_row("Data", value))
    elif finding.missing:
        rows.append(_row("Missing", _e(finding.missing)))
    if correction := correction_text(finding):
        rows.append(_row("Write instead" if finding.verdict != "unverifiable" else "To check it", _e(correction), "row fix"))
    for alt in finding.alternatives:
        rows.append(_row("Possible mix-up", _e(f"{mixup_text(alt)} ({format_value(alt.value, alt.unit)})"), "row mixup"))
    return rows


def _card_details(lf: LocatedFinding) -> list[str]:
    finding = lf.finding
    parts = []
    if finding.explanation:
        parts.append(f'<span class="expl">{_e(finding.explanation)}</span>')
    if finding.arithmetic:
        parts.append(_row("Arithmetic", f"<code>{_e(finding.arithmetic)}</code>"))
    if finding.evidence:
        rows = "".join(_evidence_row(obs) for obs in finding.evidence)
        parts.append(f'<span class="sub">Evidence</span><span class="evidence">{rows}</span>')
    elif finding.expected is not None:
        parts.append(_row("Source", _e(finding.expected.citation)))
    if finding.disagreement:
        parts.append(_row(disagreement_label(finding.disagreement), _e(finding.disagreement)))
    if finding.claim.unaccounted:
        parts.append(_row("Not judged", _e("; ".join(f"{u.reason} [{u.rule}]" for u in finding.claim.unaccounted))))
    for note in finding.claim.context:
        parts.append(_row("Reading", _e(note), "row dim"))
    return parts


def _card(lf: LocatedFinding) -> str:
    finding = lf.finding
    sev = SEVERITIES[finding.verdict]
    head = (f'<span class="card-head"><span class="badge v-{finding.verdict}">{_e(sev.symbol)} {_e(finding.verdict)}</span>'
            f'<span class="where">line {lf.location.line}, column {lf.location.column}</span></span>')
    body = "".join(_card_figures(lf) + _card_details(lf))
    return f'<span class="card" role="note">{head}{body}</span>'


# ---- the article with its claims marked
def _spans(doc: DocumentReport) -> list[tuple[int, int, list[tuple[int, LocatedFinding]]]]:
    """(start, end, findings) of each highlight; a claim overlapping the one before joins it."""
    spans: list[tuple[int, int, list[tuple[int, LocatedFinding]]]] = []
    located = sorted(enumerate(doc.findings), key=lambda item: (item[1].finding.claim.start, item[0]))
    for index, lf in located:
        claim = lf.finding.claim
        if not (0 <= claim.start < claim.end <= len(doc.text)):
            continue
        if spans and claim.start < spans[-1][1]:
            spans[-1][2].append((index, lf))
            spans[-1] = (spans[-1][0], max(spans[-1][1], claim.end), spans[-1][2])
        else:
            spans.append((claim.start, claim.end, [(index, lf)]))
    return spans


def _mark(doc_index: int, text: str, findings: list[tuple[int, LocatedFinding]]) -> str:
    verdict = min((lf.finding.verdict for _, lf in findings), key=ORDER.index)
    first = _claim_id(doc_index, findings[0][0])
    cards = "".join(_card(lf) for _, lf in findings)
    return (f'<span class="claim v-{verdict}" id="{first}" data-verdict="{verdict}" tabindex="0">'
            f'<mark>{_e(text)}</mark>{cards}</span>')


def _paragraphs(text: str, spans: list[tuple[int, int, list]]) -> list[tuple[int, int]]:
    """Paragraph ranges of `text`: split at blank lines that are not inside a claim."""
    inside = [(start, end) for start, end, _ in spans]
    cuts = [m for m in _PARAGRAPH_BREAK.finditer(text) if not any(s < m.start() < e for s, e in inside)]
    ranges, start = [], 0
    for match in cuts:
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return [(s, e) for s, e in ranges if text[s:e].strip()]


def _with_text(doc: DocumentReport) -> DocumentReport:
    """A report built without the document's text shows the claims' sentences, one a paragraph,
    so every claim still has its highlight and card."""
    if doc.text:
        return doc
    sentences: dict[str, int] = {}
    findings = []
    for lf in doc.findings:
        claim = lf.finding.claim
        if claim.sentence not in sentences:
            sentences[claim.sentence] = sum(len(s) + 2 for s in sentences)
        shift = sentences[claim.sentence] - claim.sentence_start
        moved = replace(claim, start=claim.start + shift, end=claim.end + shift, sentence_start=sentences[claim.sentence])
        findings.append(replace(lf, finding=replace(lf.finding, claim=moved)))
    return replace(doc, findings=tuple(findings), text="\n\n".join(sentences))


def _article(doc_index: int, doc: DocumentReport) -> str:
    doc = _with_text(doc)
    spans = _spans(doc)
    html_paragraphs = []
    for start, end in _paragraphs(doc.text, spans):
        pieces, at = [], start
        for s, e, findings in spans:
            if s < start or s >= end:
                continue
            pieces.append(_e(doc.text[at:s]))
            pieces.append(_mark(doc_index, doc.text[s:e], findings))
            at = e
        pieces.append(_e(doc.text[at:end]))
        html_paragraphs.append(f"<p>{''.join(pieces).strip()}</p>")
    if not html_paragraphs:
        return '<article class="article"><p class="empty">The text of this document is not in the report.</p></article>'
    return f'<article class="article">{"".join(html_paragraphs)}</article>'


# ---- summaries
def _counts(counts: dict[str, int], css: str = "counts") -> str:
    items = "".join(f'<li class="count v-{v}"><span class="n">{counts.get(v, 0)}</span>'
                    f'<span class="label">{_e(SEVERITIES[v].symbol)} {_e(v)}</span></li>' for v in ORDER)
    return f'<ul class="{css}">{items}</ul>'


def _doc_counts(doc: DocumentReport) -> dict[str, int]:
    counts = {v: 0 for v in ORDER}
    for lf in doc.findings:
        counts[lf.finding.verdict] += 1
    return counts


def _datasets(report: Report) -> str:
    if not report.datasets:
        return ""
    rows = "".join(f"<tr><td><code>{_e(d.id)}</code></td><td>{_e(d.title)}</td><td>{_e(d.publisher)}</td>"
                   f"<td>{_e(d.version)}</td><td>{_e(d.license)}</td></tr>" for d in report.datasets)
    return (f'<details class="data"><summary>Reference data used: {plural(len(report.datasets), "dataset")} '
            f'({_e(", ".join(f"{d.id} {d.version}" for d in report.datasets))})</summary>'
            '<table><thead><tr><th>Dataset</th><th>Title</th><th>Publisher</th><th>Version</th><th>License</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></details>")


def _title(report: Report) -> str:
    return report.documents[0].path if len(report.documents) == 1 else plural(len(report.documents), "document")


def _header(report: Report) -> str:
    counts = report.summary
    files = ", ".join(doc.path for doc in report.documents)
    meta = [f"{plural(counts.get('claims', 0), 'claim')} in {plural(len(report.documents), 'file')}: {files}"]
    meta.append(f"as of {report.as_of}" if report.as_of else "as of: the latest data (no --as-of given)")
    meta.append(f"{report.tool_name} {report.tool_version}")
    baseline = (f'<p class="meta">{plural(report.baseline_suppressed, "known finding")} hidden by the baseline.</p>'
                if report.baseline_suppressed else "")
    return (f'<header class="top"><p class="kicker">Fact-check report</p>'
            f'<h1>{_e(_title(report))}</h1>'
            f'<p class="meta">{" · ".join(_e(m) for m in meta)}</p>{baseline}{_counts(counts)}{_datasets(report)}'
            '<p class="hint">Figures the check read are highlighted in the colour of their verdict. '
            'Hover over, tab to or click a highlight for the evidence, the arithmetic and what to write instead.</p>'
            "</header>")


def _finding_item(doc_index: int, index: int, lf: LocatedFinding) -> str:
    finding = lf.finding
    sev = SEVERITIES[finding.verdict]
    fix = correction_text(finding)
    fix_html = f'<span class="fix">{_e(fix)}</span>' if fix else ""
    return (f'<li class="item v-{finding.verdict}"><a href="#{_claim_id(doc_index, index)}">'
            f'<span class="badge v-{finding.verdict}">{_e(sev.symbol)} {_e(finding.verdict)}</span>'
            f'<span class="where">{lf.location.line}:{lf.location.column}</span>'
            f'<b>{_e(claim_label(finding.claim))}</b> <span class="what">{_e(describe_claim(finding.claim))}</span>'
            f"{fix_html}</a></li>")


def _findings_list(doc_index: int, doc: DocumentReport, options: RenderOptions) -> str:
    index_of = {id(lf): i for i, lf in enumerate(doc.findings)}
    shown = ordered(doc.findings, options.sort, options.quiet)
    items = "".join(_finding_item(doc_index, index_of[id(lf)], lf) for lf in shown)
    title = "Findings, most serious first" if options.sort == "severity" else "Findings, in reading order"
    return f'<aside class="findings"><h3>{title}</h3><ol>{items}</ol></aside>'


def _document(doc_index: int, doc: DocumentReport, options: RenderOptions) -> str:
    notices = "".join(f'<p class="notice">{_e(n)}</p>' for n in doc.notices)
    head = (f'<header class="doc-head"><h2>{_e(doc.path)}</h2>'
            f'<p class="meta">{plural(len(doc.findings), "claim")}</p>{_counts(_doc_counts(doc), "counts small")}</header>')
    if not doc.findings:
        body = '<p class="empty">No trade claims found.</p>'
    else:
        body = f'<div class="doc-body">{_article(doc_index, doc)}{_findings_list(doc_index, doc, options)}</div>'
    return f'<section class="document" id="doc-{doc_index + 1}">{head}{notices}{body}</section>'


@renderer("html")
def render_html(report: Report, options: RenderOptions) -> str:
    title = "factcheck: " + ", ".join(doc.path for doc in report.documents)
    documents = "".join(_document(i, doc, options) for i, doc in enumerate(report.documents))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # No network: nothing may load, whatever the data says.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f'{_header(report)}<main>{documents}</main>'
        f'<footer class="foot">Generated offline by {_e(report.tool_name)} {_e(report.tool_version)}. '
        "Verdicts: supported (inside the claim's rounding), approximate (within tolerance), contradicted "
        "(beyond tolerance), unverifiable (the data cannot settle it).</footer>"
        f"<script>{SCRIPT}</script></body></html>\n"
    )


CSS = """
:root{--ink:#1d2330;--muted:#5b6474;--line:#dde1e8;--paper:#fff;--bg:#f5f6f8;
--c-contradicted:#b3261e;--b-contradicted:#fde3e1;--c-approximate:#9a5b00;--b-approximate:#fff0cc;
--c-unverifiable:#33518f;--b-unverifiable:#e5ecfa;--c-supported:#1e6b34;--b-supported:#e1f3e6}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:#1a55b8}
.top,.document,.foot{max-width:1200px;margin:0 auto}
.top{padding:28px 32px 18px;background:var(--paper);border-bottom:1px solid var(--line)}
.kicker{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;font-weight:700;color:var(--c-contradicted)}
h1{margin:4px 0 2px;font:700 26px/1.25 Georgia,"Times New Roman",serif}
.meta{margin:2px 0;color:var(--muted);font-size:13px}
.hint{margin:12px 0 0;color:var(--muted);font-size:13px}
.counts{display:flex;gap:10px;list-style:none;margin:14px 0 8px;padding:0;flex-wrap:wrap}
.count{display:flex;align-items:baseline;gap:8px;padding:8px 14px;border-radius:8px;border:1px solid var(--line);background:var(--paper);min-width:150px}
.count .n{font-size:24px;font-weight:700}
.counts.small .count{min-width:0;padding:2px 10px}.counts.small .n{font-size:15px}
.count.v-contradicted{border-color:var(--c-contradicted);background:var(--b-contradicted);color:var(--c-contradicted)}
.count.v-approximate{border-color:var(--c-approximate);background:var(--b-approximate);color:var(--c-approximate)}
.count.v-unverifiable{border-color:var(--c-unverifiable);background:var(--b-unverifiable);color:var(--c-unverifiable)}
.count.v-supported{border-color:var(--c-supported);background:var(--b-supported);color:var(--c-supported)}
details.data{margin-top:8px;font-size:13px}details.data summary{cursor:pointer;color:var(--muted)}
details.data table{border-collapse:collapse;margin-top:6px;width:100%}
details.data th,details.data td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
.document{background:var(--paper);margin-top:18px;padding:20px 32px 28px;border:1px solid var(--line);border-radius:6px}
.doc-head{display:flex;align-items:center;gap:14px;flex-wrap:wrap;border-bottom:1px solid var(--line);padding-bottom:10px}
.doc-head h2{margin:0;font-size:17px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:600}
.doc-head .counts{margin:0}
.notice{background:#fff7e0;border-left:4px solid var(--c-approximate);padding:6px 10px;font-size:13px}
.doc-body{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:36px;margin-top:16px}
.article{font:17px/1.75 Georgia,"Times New Roman",serif;max-width:720px}
.article p{margin:0 0 1em}
.claim{position:relative;cursor:pointer;outline:none}
.claim mark{color:inherit;padding:1px 2px;border-radius:3px;border-bottom:3px solid}
.claim.v-contradicted mark{background:var(--b-contradicted);border-color:var(--c-contradicted)}
.claim.v-approximate mark{background:var(--b-approximate);border-color:var(--c-approximate)}
.claim.v-unverifiable mark{background:var(--b-unverifiable);border-color:var(--c-unverifiable);border-bottom-style:dashed}
.claim.v-supported mark{background:var(--b-supported);border-color:var(--c-supported)}
.claim:focus-visible mark,.claim.pinned mark,.claim:target mark{box-shadow:0 0 0 2px var(--ink)}
.card{display:none;position:absolute;z-index:10;left:0;top:1.6em;width:460px;max-width:88vw;padding:12px 14px;
background:var(--paper);border:1px solid var(--line);border-radius:8px;box-shadow:0 10px 30px rgba(20,30,50,.18);
font:13px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;cursor:auto;text-align:left}
.claim:hover>.card,.claim:focus-visible>.card,.claim.pinned>.card,.claim:target>.card{display:block}
.card>span{display:block}
.card-head{display:flex!important;justify-content:space-between;align-items:center;margin-bottom:6px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:700;color:#fff;white-space:nowrap}
.badge.v-contradicted{background:var(--c-contradicted)}.badge.v-approximate{background:var(--c-approximate)}
.badge.v-unverifiable{background:var(--c-unverifiable)}.badge.v-supported{background:var(--c-supported)}
.where{color:var(--muted);font-size:12px}
.row{display:grid!important;grid-template-columns:104px 1fr;gap:8px;padding:3px 0;border-top:1px solid #eef0f4}
.row .k{color:var(--muted);font-weight:600}
.row.fix .v{font-weight:700;color:var(--c-supported)}
.row.mixup .v{color:#6b2c91}
.row.dim{color:var(--muted)}
.dev{color:var(--c-contradicted)}
.expl{margin:6px 0;color:var(--ink)}
.sub{margin-top:6px;font-weight:700;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.evidence{display:block}
.ev{display:grid;grid-template-columns:1fr auto;gap:0 10px;padding:5px 0;border-top:1px dashed var(--line)}
.ev-what{font-weight:600}.ev-val{font-weight:700;text-align:right}
.ev-cite{grid-column:1 / -1;color:var(--muted);font-size:12px;word-break:break-word}
.ev-cite .pub{color:var(--ink);font-weight:600}
code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f1f3f6;padding:1px 4px;border-radius:3px;white-space:normal}
.findings h3{margin:0 0 8px;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.findings ol{list-style:none;margin:0;padding:0;position:sticky;top:12px}
.item a{display:block;padding:8px 10px;margin-bottom:6px;border:1px solid var(--line);border-left-width:4px;border-radius:4px;color:var(--ink);text-decoration:none;font-size:13px}
.item a:hover{background:#f7f8fa}
.item.v-contradicted a{border-left-color:var(--c-contradicted)}.item.v-approximate a{border-left-color:var(--c-approximate)}
.item.v-unverifiable a{border-left-color:var(--c-unverifiable)}.item.v-supported a{border-left-color:var(--c-supported)}
.item .badge{margin-right:6px}.item .where{margin-right:6px}
.item .what{color:var(--muted)}.item .fix{display:block;margin-top:3px;color:var(--c-supported);font-weight:600}
.empty{color:var(--muted)}
.foot{padding:18px 32px 40px;color:var(--muted);font-size:12px}
@media (max-width:900px){.doc-body{grid-template-columns:1fr}.findings ol{position:static}}
@media print{
 body{background:#fff;font-size:11pt}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .top,.document{border:0;padding:0;margin:0 0 12pt}
 .hint,script{display:none}
 details.data>*{display:block}
 .doc-body{display:block}
 .article{max-width:none;font-size:11pt}
 .claim>.card{display:block;position:static;width:auto;max-width:none;box-shadow:none;margin:4pt 0 8pt;
  border:1px solid #999;break-inside:avoid;font-size:9pt}
 .findings{break-before:page}.findings ol{position:static}
 a{color:inherit}.ev-cite a::after{content:""}
}
"""

# Click pins a card open (and unpins the others); Escape or a click elsewhere closes it. Without
# JavaScript the cards still open on hover, keyboard focus and #claim links (CSS).
SCRIPT = """
(function(){
  function unpin(except){document.querySelectorAll('.claim.pinned').forEach(function(c){if(c!==except){c.classList.remove('pinned');}});}
  document.addEventListener('click',function(ev){
    var claim=ev.target.closest('.claim');
    if(claim && ev.target.closest('.card')){return;}
    unpin(claim);
    if(claim){claim.classList.toggle('pinned');}
  });
  document.addEventListener('keydown',function(ev){
    if(ev.key==='Escape'){unpin(null);if(document.activeElement){document.activeElement.blur();}}
    if((ev.key==='Enter'||ev.key===' ')&&document.activeElement&&document.activeElement.classList.contains('claim')){
      ev.preventDefault();var c=document.activeElement;unpin(c);c.classList.toggle('pinned');}
  });
})();
"""
