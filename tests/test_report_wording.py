"""The words the human-facing reports use, case by case from tests/data/report/wording.yaml: what
a claim is about, deviations, plurals, publishers' names, when sources really disagree, and the
wordings a new user found wrong (issue 14, item 4) as they appear in the rendered report."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.reference.model import Citation, Observation
from factcheck.report import Report, render
from factcheck.report.model import DocumentReport
from factcheck.report.wording import (deviation_text, describe_claim, plural, publisher_name,
                                      sources_differ)
from factcheck.verify.model import Expected, Finding
from test_report_sample import located

CASES = yaml.safe_load((Path(__file__).parent / "data" / "report" / "wording.yaml").read_text("utf-8"))


def _ids(kind):
    return [case.get("id", str(case)) for case in CASES[kind]]


def claim_from(fields: dict) -> Claim:
    fields = dict(fields)
    year, since = fields.pop("year", None), fields.pop("since", None)
    period = ClaimPeriod(year, year) if year else ClaimPeriod(since, None) if since else None
    return Claim(sentence="x", sentence_start=0, start=0, end=1, quantity=None, period=period, **fields)


@pytest.mark.parametrize("case", CASES["describe"], ids=_ids("describe"))
def test_describe_claim(case):
    text = describe_claim(claim_from(case["claim"]))
    assert text == case["expect"]
    for words in case.get("never", ()):
        assert words not in text


@pytest.mark.parametrize("case", CASES["deviation"], ids=_ids("deviation"))
def test_deviation_is_stated_unambiguously(case):
    finding = Finding(claim=claim_from({"metric": "share"}), verdict="contradicted", explanation="",
                      expected=Expected(float(case["expected"]), case["unit"], "d", "c"), deviation=case["deviation"])
    assert deviation_text(finding) == case["expect"]


@pytest.mark.parametrize("case", CASES["plural"], ids=_ids("plural"))
def test_plural(case):
    assert plural(case["count"], case["noun"]) == case["expect"]


@pytest.mark.parametrize("case", CASES["publisher"], ids=_ids("publisher"))
def test_publisher_is_named_as_a_newsroom_cites_it(case):
    assert publisher_name(case["publisher"], case.get("publisher_id")) == case["expect"]


@pytest.mark.parametrize("case", CASES["disagreement"], ids=_ids("disagreement"))
def test_sources_differ_only_when_the_figures_do(case):
    assert sources_differ(case["text"]) is case["differ"]


def one_finding_report(spec: dict) -> Report:
    citation = Citation("Central Intelligence Agency (The World Factbook)", "The World Factbook", "https://example.org/f", 2024)
    lf = located("a.txt", 1, 1, f"{spec['value']}% of North Korea's exports go to China.", f"{spec['value']}%",
                 verdict=spec["verdict"], metric="share", kind="percent", value=float(spec["value"]), unit="percent",
                 expected=Expected(float(spec["expected"]), "percent", "factbook-latest", str(citation)),
                 deviation=spec["deviation"], explanation="Explained.",
                 evidence=[Observation("factbook-latest", "PRK", "CHN", "export", "TOTAL", 2023,
                                       float(spec["expected"]), "percent", 1.0, citation)])
    if spec.get("disagreement"):
        from dataclasses import replace

        lf = replace(lf, finding=replace(lf.finding, disagreement=spec["disagreement"]))
    return Report(documents=(DocumentReport("a.txt", (lf,)),))


@pytest.mark.parametrize("case", CASES["rendered"], ids=_ids("rendered"))
@pytest.mark.parametrize("fmt", ["terminal", "html"])
def test_rendered_wording(case, fmt):
    text = render(one_finding_report(case["finding"]), fmt, width=100, color=False, explain=True,
                  explain_all=case.get("explain_all", False))
    for words in case.get("present", ()):
        assert words in text, words
    for words in case.get("absent", ()):
        assert words not in text, words
