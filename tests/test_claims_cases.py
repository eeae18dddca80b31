"""The claims stage reads each case in tests/data/claims/cases.yaml the way a fact-checker would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factcheck.claims import find_claims
from factcheck.extract import extract

CASES = yaml.safe_load((Path(__file__).parent / "data" / "claims" / "cases.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_claims_read_as_annotated(case):
    text = case["text"]
    as_of = dt.date.fromisoformat(case["as_of"]) if "as_of" in case else None  # relative years count from it
    claims = find_claims(extract(text, as_of=as_of), as_of=as_of, text=text)
    got = {text[c.start:c.end]: c for c in claims}
    expected_surfaces = [e["surface"] for e in case["claims"]]
    assert sorted(got) == sorted(expected_surfaces), [(text[c.start:c.end], c.metric) for c in claims]
    for expected in case["claims"]:
        claim = got[expected["surface"]]
        for key, value in expected.items():
            if key == "surface":
                continue
            if key == "period":
                for pkey, pvalue in value.items():
                    assert getattr(claim.period, pkey) == pvalue, (key, pkey, claim.period)
            elif key == "compared_with":
                assert list(claim.compared_with) == value
            elif key == "missing_parts":  # what the closed-world reading left open (Unaccounted.part)
                assert sorted({u.part for u in claim.unaccounted}) == value, claim.unaccounted
            elif key == "sources":  # {slot: source}: a typed binding of that slot from that source
                for slot, source in value.items():
                    assert any(b.slot == slot and b.source.value == source for b in claim.bindings), (slot, claim.bindings)
            elif key == "context_mentions":
                assert any(value in note for note in claim.context), claim.context
            else:
                assert getattr(claim, key) == value, (key, claim)
