"""The verdict policy on whole sentences: tests/data/policy/cases.yaml (one case per misreading
class of issue 9, our own sentences), on the bundled data, or with COW imported where a case says
`needs: cow`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from factcheck.document.model import SourceDocument
from factcheck.pipeline import CheckOptions, check_document
from factcheck.reference import Catalog

CASES = yaml.safe_load((Path(__file__).parent / "data" / "policy" / "cases.yaml").read_text("utf-8"))["cases"]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return Catalog.load(tmp_path_factory.mktemp("empty-store"))  # bundled datasets only


def _finding(case, catalog):
    text = case["text"]
    doc = SourceDocument(path="case.txt", source=text, text=text, offsets=tuple(range(len(text))))
    report = check_document(doc, catalog, CheckOptions(as_of=dt.date.fromisoformat(case["as_of"])))
    at = text.index(case["figure"])
    found = [f.finding for f in report.findings if f.location.start == at]
    return found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[f"class{c['class']}-{c['name']}" for c in CASES])
def test_policy_case(case, request):
    """A case with `needs: cow` runs on a store with COW imported (skipped where ../shared is absent)."""
    if case.get("needs") == "cow":
        catalog = Catalog.load(request.getfixturevalue("cow_store"))
    else:
        catalog = request.getfixturevalue("bundled")
    finding = _finding(case, catalog)
    if finding is None:
        # Not reported at all is only acceptable where the case asks that some verdicts never appear.
        assert "verdict" not in case, f"no claim at {case['figure']!r}"
        return
    if "verdict" in case:
        assert finding.verdict == case["verdict"], finding.explanation
    if "missing" in case:
        assert finding.missing == case["missing"], finding.explanation
    assert finding.verdict not in case.get("never", []), finding.explanation


def test_every_class_has_cases():
    assert {c["class"] for c in CASES} == set(range(1, 9))
