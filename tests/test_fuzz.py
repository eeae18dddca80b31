"""Fuzz campaign (issue 12): generated articles mixing trade sentences, numbers of every size,
Markdown and HTML constructs and odd Unicode, through the whole check and every renderer.

Every generated document must give: no exception; every quantity's span pointing at its surface
text in the prose, and every location inside the source file (for plain text: at the surface
itself); no non-finite number in any output (JSON and SARIF parse strictly).

Profiles (docs/reliability.md):
- quick, in every `pytest` run: 40 documents, derandomized so CI is repeatable;
- long, by hand: `FACTCHECK_FUZZ_EXAMPLES=10000 pytest tests/test_fuzz.py -q -s` (random seed,
  prints the number of documents checked).
"""

from __future__ import annotations

import json
import math
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.document import from_text
from factcheck.pipeline import check_document
from factcheck.reference import Catalog
from factcheck.report import Report, formats, render

EXAMPLES = int(os.environ.get("FACTCHECK_FUZZ_EXAMPLES", "40"))
LONG = "FACTCHECK_FUZZ_EXAMPLES" in os.environ
COUNTRIES = ["China", "North Korea", "South Korea", "Pyongyang", "Beijing", "the US", "Korea", "Sino-Korean"]
VERBS = ["exports to", "imports from", "trade with", "shipments to", "a trade deficit with"]
UNITS = ["", " million", " billion", " trillion", "bn", "m", " thousand", "%", " percent", " percentage points",
         "-fold", " times"]
ODD = ["\u00a0", "\u200b", "\u202e", "\ufeff", "\u2028", "\r", "\r\n", "\t", "é", "₩", "€", "¥", "💰", "\u0301",
       "－", "٣", "½", "⁵", "ﬁ", "\x0b", "\x0c"]
WRAPPERS = ["{}", "**{}**", "_{}_", "`{}`", "[{}](http://x.test/a)", "<b>{}</b>", "&nbsp;{}&amp;", "> {}",
            "- {}", "1. {}", "# {}", "| {} | x |\n|---|---|", "<!-- factcheck: ignore -->\n{}", "```\n{}\n```",
            "<div>{}</div>", "{}\\", "<p>{}", "&euro;{}"]


def numbers() -> st.SearchStrategy[str]:
    plain = st.integers(min_value=-10**40, max_value=10**40).map(str)
    grouped = st.integers(min_value=0, max_value=10**15).map("{:,}".format)
    decimal = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30).map(lambda f: f"{f:.3f}")
    huge = st.integers(min_value=1, max_value=600).map(lambda n: "9" * n)
    words = st.sampled_from(["one", "two dozen", "a half", "three-quarters", "nearly all", "tenfold", "double"])
    return st.one_of(plain, grouped, decimal, huge, words)


@st.composite
def sentences(draw) -> str:
    hedge = draw(st.sampled_from(["", "about ", "nearly ", "more than ", "up to ", "almost "]))
    money = draw(st.sampled_from(["$", "US$", "", "€", "₩"]))
    number = draw(numbers())
    unit = draw(st.sampled_from(UNITS))
    year = draw(st.integers(min_value=-5, max_value=40000))
    template = draw(st.sampled_from([
        "{c}'s {v} {d} were {h}{m}{n}{u} in {y}.",
        "{d} {v} {c} rose {h}{n}{u} between {y} and {y2}",
        "Since {y}, {c} has taken {h}{n}{u} of {d}'s exports!",
        "In the {y}s {c}'s trade fell by {n}{u}; {h}{m}{n}{u} last year.",
        "{c} {v} {d}: {m}{n}{u} ({y})",
    ]))
    text = template.format(c=draw(st.sampled_from(COUNTRIES)), v=draw(st.sampled_from(VERBS)),
                           d=draw(st.sampled_from(COUNTRIES)), h=hedge, m=money, n=number, u=unit, y=year,
                           y2=year + draw(st.integers(0, 30)))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(ODD)) + text[at:]
    return draw(st.sampled_from(WRAPPERS)).format(text)


@st.composite
def articles(draw) -> tuple[str, str]:
    parts = draw(st.lists(st.one_of(sentences(), st.text(max_size=40), st.sampled_from(["(" * 300, ")" * 500, "-" * 200])),
                          min_size=1, max_size=12))
    joiner = draw(st.sampled_from(["\n\n", "\n", " ", "\r\r", "\r\n\r\n"]))
    fmt = draw(st.sampled_from(["text", "markdown", "html"]))
    return joiner.join(parts), fmt


_CATALOG: list[Catalog] = []
_COUNT = [0]


def catalog() -> Catalog:
    if not _CATALOG:
        _CATALOG.append(Catalog.load())
    return _CATALOG[0]


_NON_FINITE = re.compile(r"(?<![A-Za-z])(?:[+-]?inf|nan|Infinity|NaN)(?![A-Za-z])")


def check_one(source: str, fmt: str) -> None:
    doc = from_text(source, "fuzz." + {"text": "txt", "markdown": "md", "html": "html"}[fmt], fmt)
    report_doc = check_document(doc, catalog())
    for lf in report_doc.findings:
        loc = lf.location
        assert 0 <= loc.start <= loc.end <= len(source), (loc, len(source))
        q = lf.finding.claim.quantity
        if q is not None:
            assert doc.text[q.start:q.end] == q.surface, (q, doc.text[q.start:q.end])
            for number in (q.value, q.low, q.high, q.value_max):
                assert number is None or math.isfinite(number), q
            if fmt == "text":
                assert source[doc.source_offset(q.start):doc.source_end(q.end - 1)] == q.surface
    report = Report(documents=(report_doc,), datasets=tuple(catalog().datasets()), tool_version="fuzz")
    for name in formats():
        for explain in (False, True):
            out = render(report, name, explain=explain, color=False)
            if name in ("json", "sarif"):
                json.loads(out, parse_constant=lambda c: pytest.fail(f"{name} output holds {c}"))
            else:  # a word such as "Infinity" in the article itself may be quoted back
                quoted = set(_NON_FINITE.findall(source))
                bad = [w for w in _NON_FINITE.findall(out) if w not in quoted]
                assert not bad, (name, bad)
    _COUNT[0] += 1


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not LONG, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(articles())
def test_generated_articles_through_the_whole_check_and_every_renderer(article):
    source, fmt = article
    check_one(source, fmt)


def test_report_the_number_of_documents_checked():
    """Runs after the campaign (file order): says how many documents it checked."""
    assert _COUNT[0] >= min(EXAMPLES, 1)
    print(f"\nfuzz: {_COUNT[0]} generated documents, 0 exceptions, 0 bad spans, 0 non-finite numbers")
