"""Issue 12, item 14: every figure is finite and in range, at import as at load and validate, and
no report prints `inf`, `nan` or invalid JSON, whatever size of number an article holds."""

from __future__ import annotations

import json
import math
import re

import pytest

from factcheck.document import from_text
from factcheck.errors import DatasetError
from factcheck.extract import extract_quantities
from factcheck.reference import Catalog
from factcheck.reference.importers import import_comtrade

HEADER = "refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n"


@pytest.mark.parametrize("row, expect", [
    ("2023,KOR,CHN,X,TOTAL,inf", "is not a finite number"),
    ("2023,KOR,CHN,X,TOTAL,1e308", "is above 1e+15 USD"),
    ("2023,KOR,CHN,X,TOTAL,-5", "is negative"),
    ("40000,KOR,CHN,X,TOTAL,5", "is not a year from 1000 to 2999"),
])
def test_an_import_refuses_figures_out_of_range(tmp_path, row, expect):
    path = tmp_path / "comtrade.csv"
    path.write_text(HEADER + "2022,KOR,CHN,X,TOTAL,100\n" + row + "\n")
    store = tmp_path / "store"
    with pytest.raises(DatasetError, match=re.escape(expect)):
        import_comtrade(path, data_dir=store)
    assert not [i for i in Catalog.load(data_dir=store).datasets() if not i.bundled]


@pytest.mark.parametrize("digits", [30, 320, 400])
def test_huge_numbers_in_an_article_give_no_non_finite_value(digits):
    text = f"Exports to China were ${'9' * digits} billion in 2023, and trade rose {'9' * digits}% last year."
    for q in extract_quantities(text):
        for number in (q.value, q.low, q.high, q.value_max):
            assert number is None or math.isfinite(number), q
        assert text[q.start:q.end] == q.surface


def test_json_reports_never_hold_infinity():
    from factcheck.report.model import finite_json

    data = finite_json({"a": float("inf"), "b": [float("nan"), 1.5], "c": {"d": -float("inf")}})
    assert json.loads(json.dumps(data, allow_nan=False)) == {"a": None, "b": [None, 1.5], "c": {"d": None}}


def test_a_huge_number_through_the_whole_check_and_every_renderer():
    from factcheck.pipeline import check_document
    from factcheck.report import Report, formats, render

    catalog = Catalog.load()
    doc = from_text(f"China's exports to North Korea were ${'9' * 400} billion in 2023, up {'9' * 320}% on 2022.",
                    "huge.txt")
    report = Report(documents=(check_document(doc, catalog),), datasets=(), tool_version="test")
    for name in formats():
        text = render(report, name, explain=True, color=False)
        words = set(text.replace("(", " ").replace(")", " ").replace("%", " ").split())
        assert not words & {"inf", "+inf", "-inf", "nan", "+nan", "$inf", "Infinity", "NaN"}, (name, text)
        if name in ("json", "sarif"):
            json.loads(text, parse_constant=lambda c: pytest.fail(f"{name} holds {c}"))
