"""Plain-English pieces every human-facing renderer shares: values, claims, periods, sources,
deviations, and what to write instead.

The terminal, Markdown and HTML reports say the same things in the same words, so the words live
here (and the ones that are data in wording.yaml), not in each renderer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factcheck import yamlfile

from factcheck.claims.model import Claim
from factcheck.countries import name_of, possessive
from factcheck.numbers import format_value  # noqa: F401 - re-exported for the renderers
from factcheck.reference.model import Citation, Observation
from factcheck.verify.model import Alternative, Finding

WORLD = "WLD"
_FLOW_NOUNS = {"export": "exports", "import": "imports", "total": "trade"}


@lru_cache(maxsize=1)
def _wording() -> dict:
    return yamlfile.safe_load(files("factcheck.report").joinpath("wording.yaml").read_text("utf-8"))


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """'1 claim', '2 claims', '1 file', '0 files'."""
    return f"{count} {noun if count == 1 else (plural_noun or noun + 's')}"


def format_deviation(deviation: float | None, unit: str | None) -> str:
    """The signed deviation, compact ('+23.0 pp', '-1.3%'), for machine-like places."""
    if deviation is None:
        return ""
    if unit == "percent":
        return f"{deviation:+.1f} pp"
    return f"{deviation * 100:+.1f}%"


def _trimmed(number: float) -> str:
    text = f"{number:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def deviation_text(finding: Finding) -> str:
    """Where the claimed figure lies against the reference, unambiguously: "claim is 23 pp above
    74%", "claim is 12% below $2.1 billion". Empty when there is nothing to compare."""
    expected, deviation = finding.expected, finding.deviation
    if expected is None or deviation is None or expected.unit in ("rank", "year"):
        return ""
    reference = format_value(expected.value, expected.unit)
    size = abs(deviation) if expected.unit == "percent" else abs(deviation) * 100
    amount = f"{_trimmed(size)} pp" if expected.unit == "percent" else f"{_trimmed(size)}%"
    if amount in ("0 pp", "0%"):
        return f"claim equals {reference}"
    return f"claim is {amount} {'above' if deviation > 0 else 'below'} {reference}"


def period_text(claim: Claim) -> str:
    period = claim.period
    if not period or period.start is None:
        return ""
    if period.end is None:
        text = f"since {period.start}"
    elif period.end == period.start:
        text = str(period.start)
    else:
        text = f"{period.start}–{period.end}"
    return f"{text} (assumed)" if period.assumed else text


def _country(code: str | None) -> str:
    return name_of(code) if code else "an unknown country"


def _share_text(claim: Claim, reporter: str, partner: str, flow_noun: str) -> str:
    """A partner's share ("China's share of North Korea's exports") or, with no partner, a
    commodity's ("coal as a share of North Korea's exports"), never "the world's share"."""
    whole = f"{possessive(reporter)} {flow_noun}"
    if claim.partner in (None, WORLD):
        return f"{claim.commodity} as a share of {whole}" if claim.commodity else f"share of {whole}"
    text = f"{possessive(partner)} share of {whole}"
    return f"{text} ({claim.commodity})" if claim.commodity else text


def _flow_text(claim: Claim, reporter: str, partner: str, flow_noun: str) -> str:
    """A country's trade: with the world it is just "North Korea's exports", never "exports with
    the world"; with a partner, "to", "from" or "with" as the flow says."""
    flow = claim.flow or "total"
    if claim.partner in (None, WORLD):
        return f"{possessive(reporter)} {'total trade' if flow == 'total' else flow_noun}"
    if flow == "total":
        return f"{reporter}–{partner} trade" if claim.metric == "trade_value" else f"{possessive(reporter)} trade with {partner}"
    return f"{possessive(reporter)} {flow_noun} {'to' if flow == 'export' else 'from'} {partner}"


def describe_claim(claim: Claim) -> str:
    """What the claim is about, e.g. "China's share of North Korea's exports, 2023"."""
    reporter, partner = _country(claim.reporter), _country(claim.partner)
    flow_noun = _FLOW_NOUNS.get(claim.flow or "total", claim.flow or "trade")
    if claim.metric == "share":
        text = _share_text(claim, reporter, partner, flow_noun)
    else:
        text = _flow_text(claim, reporter, partner, flow_noun)
        if claim.metric != "trade_value":
            text = f"{claim.metric.replace('_', ' ')}: {text}"
        if claim.commodity:
            text += f" ({claim.commodity})"
    period = period_text(claim)
    return f"{text}, {period}" if period else text


def claim_label(claim: Claim) -> str:
    """The claimed figure as written, or the words that make a claim with no number."""
    if claim.quantity is not None:
        return claim.quantity.surface
    return claim.sentence[claim.start - claim.sentence_start: claim.end - claim.sentence_start] or claim.metric


# ---- sources
@dataclass(frozen=True)
class SourceName:
    """A source as a newsroom cites it: "CIA World Factbook 2026", with a link where known."""

    name: str
    url: str | None = None

    def __str__(self) -> str:
        return self.name


_BRACKETED = re.compile(r"\(([^()]{2,24})\)\s*$")


def publisher_name(publisher: str, publisher_id: str | None = None) -> str:
    """The short name a publisher is cited by (wording.yaml), else the acronym in its name's last
    brackets when it is one, else the name as published."""
    known = _wording()["publishers"]
    if publisher_id and publisher_id in known:
        return known[publisher_id]
    match = _BRACKETED.search(publisher)
    if match and match.group(1).replace(" ", "").isupper():
        return match.group(1)
    return publisher


def _matching_observation(finding: Finding) -> Observation | None:
    """The evidence row the expected value came from: same dataset and value, else same dataset."""
    expected = finding.expected
    rows = finding.evidence
    if expected is None:
        return rows[0] if rows else None
    same = [o for o in rows if o.dataset == expected.dataset]
    exact = [o for o in same if o.value == expected.value]
    return (exact or same or [None])[0]


def observation_source(obs: Observation) -> SourceName:
    publisher_id = obs.series.publisher_id if obs.series else None
    return citation_source(obs.citation, publisher_id)


def citation_source(citation: Citation, publisher_id: str | None = None) -> SourceName:
    name = publisher_name(citation.publisher, publisher_id)
    return SourceName(f"{name} {citation.year}" if citation.year else name, citation.url)


_URL_IN_CITATION = re.compile(r"<([^<>\s]+)>\s*$")


def source_of(finding: Finding) -> SourceName | None:
    """The source of the expected value by its publisher's name and year, not a dataset id."""
    if finding.expected is None:
        return None
    obs = _matching_observation(finding)
    if obs is not None:
        return observation_source(obs)
    citation = finding.expected.citation
    url = _URL_IN_CITATION.search(citation)
    publisher = citation.split(", ")[0] if citation else finding.expected.dataset
    return SourceName(publisher_name(_URL_IN_CITATION.sub("", publisher).strip()), url.group(1) if url else None)


# ---- what to write instead
def correction_text(finding: Finding) -> str:
    """What to write instead, in one line: "Write 74% for 2023 (CIA World Factbook 2026)" for a
    wrong or approximate figure; for an unverifiable claim, what the writer can add."""
    if finding.verdict == "supported":
        return ""
    if finding.verdict == "unverifiable":
        return _wording()["missing_advice"].get(finding.missing or "", "")
    if finding.expected is None:
        return finding.suggestion or ""
    if finding.claim.quantity is None:  # a rank, trend or comparison: the verify stage's words
        return finding.suggestion or ""
    value = format_value(finding.expected.value, finding.expected.unit)
    year = finding.claim.period.start if finding.claim.period and finding.claim.period.end == finding.claim.period.start else None
    source = source_of(finding)
    return f"Write {value}" + (f" for {year}" if year else "") + (f" ({source})" if source else "")


def mixup_text(alternative: Alternative) -> str:
    """The neighbouring reading a figure matches, short: "97% matches China's share of North
    Korea's imports in 2023" (the verify stage adds the value, source and the reading it replaces)."""
    text = alternative.description
    for cut in (" (", ", not "):
        if cut in text:
            text = text[: text.index(cut)]
    return text


_GIVES = re.compile(r"^.*? gives (?P<chosen>.+?); (?P<others>.+?)\.?$")
_OTHER_FIGURE = re.compile(r"\([^()]*\): (?P<value>.+?)(?=, [A-Z]|$)")


def sources_differ(disagreement: str | None) -> bool:
    """Whether the other sources in a finding's `disagreement` publish a different figure as
    shown. The verify stage lists sources whose rounding intervals do not overlap, which can still
    print the same ("-16%; -16%, -16%"): calling those "Sources disagree" is false."""
    if not disagreement:
        return False
    match = _GIVES.match(disagreement.strip())
    if not match:
        return True
    others = [m.group("value").strip() for m in _OTHER_FIGURE.finditer(match.group("others"))]
    return not others or any(value != match.group("chosen").strip() for value in others)


def disagreement_label(disagreement: str | None) -> str:
    """The label a finding's other sources get: "Sources disagree" only when they do."""
    return "Sources disagree" if sources_differ(disagreement) else "Other sources give the same figure"
