"""Verdict semantics (DESIGN.md) on a small in-memory catalog: tests/data/verify/cases.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.extract.model import Quantity
from factcheck.link import link_claim
from factcheck.reference.model import Citation, Observation, Series
from factcheck.verify import verify_claim

DATA = yaml.safe_load((Path(__file__).parent / "data" / "verify" / "cases.yaml").read_text("utf-8"))


class SmallCatalog:
    """The part of factcheck.reference.Catalog that link and verify use, over a list of rows."""

    def __init__(self, rows):
        # an optional ninth column is the series' valuation ("cif": imports with freight and insurance)
        self.rows = [
            Observation(ds, rep, par, flow, "TOTAL", year, float(value), unit, float(prec), Citation(ds.upper(), f"{ds} table"),
                        series=Series(ds, ds.upper(), "reporter", "goods", valuation[0]) if valuation else None)
            for ds, rep, par, flow, year, value, unit, prec, *valuation in rows
        ]

    def observations(self, *, reporter=None, partner=None, flow=None, commodity="TOTAL", years=None, unit=None, mirror=True):
        return [o for o in self.rows
                if (reporter is None or o.reporter == reporter) and (partner is None or o.partner == partner)
                and (flow is None or o.flow == flow) and (commodity is None or o.commodity == commodity)
                and (unit is None or o.unit == unit) and (years is None or years[0] <= o.year <= years[1])]

    def knows_country(self, iso3):
        return any(iso3 in (o.reporter, o.partner) for o in self.rows)

    def datasets(self):
        return []


CATALOG = SmallCatalog(DATA["observations"])


def make_claim(spec: dict) -> Claim:
    if "quantity" in spec:
        fields = {k: float(v) if k in ("value", "low", "high") else v for k, v in spec["quantity"].items()}  # YAML reads 1.5e9 as text
        q = Quantity(start=0, end=len(fields["surface"]), **fields)
    else:  # a claim without a number (a rank)
        q = None
    year = spec.get("year")
    since = spec.get("since", year)  # a span's first year (a level as a share of a base year's)
    if "story_year" in spec:  # no year in the sentence; the text before it is about this one
        year = since = spec["story_year"]
    surface = q.surface if q is not None else "the claim"
    return Claim(
        sentence=surface, sentence_start=0, start=0, end=len(surface), metric=spec["metric"], quantity=q,
        rank=spec.get("rank"),
        reporter=spec["reporter"], partner=spec["partner"], flow=spec["flow"], hedge=spec.get("hedge"),
        direction=spec.get("direction"), period=ClaimPeriod(since, year, assumed=year is None or "story_year" in spec,
                                                             told_in_past=spec.get("told_in_past", False)),
    )


@pytest.mark.parametrize("case", DATA["cases"], ids=[c["name"] for c in DATA["cases"]])
def test_verdict(case):
    claim = make_claim(case["claim"])
    finding = verify_claim(claim, link_claim(claim, CATALOG), CATALOG)
    assert finding.verdict == case["verdict"], finding.explanation
    if "missing" in case:
        assert finding.missing == case["missing"]
    if "suggestion_contains" in case:
        assert case["suggestion_contains"] in (finding.suggestion or ""), finding.suggestion
    if "alternative_contains" in case:
        assert any(case["alternative_contains"] in a.description for a in finding.alternatives), finding.alternatives
    if "no_alternative_contains" in case:
        assert not any(case["no_alternative_contains"] in a.description for a in finding.alternatives), finding.alternatives
    if case.get("disagreement"):
        assert finding.disagreement
    if finding.verdict != "unverifiable":
        assert finding.expected is not None and finding.expected.citation
        assert finding.explanation
