"""The link stage turns claims into catalog queries or names the missing part
(tests/data/link/cases.yaml), against the real bundled catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.link import hs_codes_for, link_claim
from factcheck.reference import Catalog

CASES = yaml.safe_load((Path(__file__).parent / "data" / "link" / "cases.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return Catalog.load(tmp_path_factory.mktemp("empty-store"))  # bundled data only


def make_claim(spec: dict) -> Claim:
    year = spec.get("year")
    period = ClaimPeriod(year, year, unstated=spec.get("unstated", False))
    return Claim(sentence="", sentence_start=0, start=0, end=1, metric=spec["metric"], quantity=None,
                 reporter=spec["reporter"], partner=spec["partner"], flow=spec["flow"],
                 commodity=spec.get("commodity"), period=period)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_link(case, catalog):
    link = link_claim(make_claim(case["claim"]), catalog)
    if "missing" in case:
        assert link.query is None
        assert link.missing == case["missing"]
        assert link.notes, "an unverifiable link says why"
        return
    assert link.missing is None
    for key, value in case["query"].items():
        got = getattr(link.query, key)
        assert (list(got) if isinstance(got, tuple) else got) == value, key


def test_fuzzy_fallback_has_a_cutoff():
    assert "2401" in hs_codes_for("tobacco")
    assert hs_codes_for("qwertyuiop zxcv") == ()
