"""Several publishers in one dataset are separate series (issue 10): KOTRA's 2022 China-North
Korea figure is supported by KOTRA's own series, and the finding shows that China's customs
published another figure. Bundled data only."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.document.model import SourceDocument
from factcheck.pipeline import CheckOptions, check_document
from factcheck.reference import Catalog


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return Catalog.load(tmp_path_factory.mktemp("empty-store"))


def _check(text: str, catalog, as_of: str):
    doc = SourceDocument(path="t.txt", source=text, text=text, offsets=tuple(range(len(text))))
    return check_document(doc, catalog, CheckOptions(as_of=dt.date.fromisoformat(as_of))).findings


def test_kotra_figure_is_not_contradicted_by_china_customs(bundled):
    [found] = _check("Trade between China and North Korea reached $1.53 billion in 2022.", bundled, "2023-08-16")
    finding = found.finding
    assert finding.verdict == "supported", finding.explanation
    assert "KOTRA" in finding.expected.citation
    assert "GACC" in finding.disagreement and "$1.028 billion" in finding.disagreement


def test_china_customs_figure_is_supported_with_kotra_shown(bundled):
    [found] = _check("Trade between China and North Korea reached $1.03 billion in 2022.", bundled, "2023-08-16")
    assert found.finding.verdict == "supported"
    assert "KOTRA" in found.finding.disagreement


def test_every_evidence_row_names_its_series(bundled):
    [found] = _check("Trade between China and North Korea reached $1.53 billion in 2022.", bundled, "2023-08-16")
    for row in found.finding.evidence:
        assert row.series is not None
        assert row.series.publisher and row.series.reporter_side and row.series.concept and row.series.valuation
        assert row.series.vintage
