"""Quantity and period cases as data (tests/data/extract/*.yaml), one test per case, grouped by the
failure classes of issue 3."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest
import yaml

from factcheck.extract import extract, extract_quantities

DATA = Path(__file__).parent / "data" / "extract"
AS_OF = dt.date(2025, 6, 1)


def _cases(name: str):
    loaded = yaml.safe_load((DATA / name).read_text("utf-8"))
    if isinstance(loaded, dict):
        return [pytest.param(case, id=f"{group}:{case['text'][:40]}") for group, cases in loaded.items() for case in cases]
    return [pytest.param(case, id=case["text"][:40]) for case in loaded]


def _same(actual, expected) -> bool:
    if isinstance(expected, str) and isinstance(actual, float):
        expected = float(expected)  # YAML 1.1 reads "1.5e9" (no exponent sign) as a string
    if isinstance(expected, float) or (isinstance(expected, int) and not isinstance(expected, bool)):
        return actual is not None and math.isclose(actual, expected, rel_tol=1e-6, abs_tol=1e-9)
    return actual == expected


def _check(found: list, expected: list[dict]) -> None:
    assert len(found) == len(expected), f"found {found}"
    for item, want in zip(found, expected):
        for field, value in want.items():
            assert _same(getattr(item, field), value), f"{field}: {getattr(item, field)!r} != {value!r} in {item}"


@pytest.mark.parametrize("case", _cases("quantities.yaml"))
def test_quantity_case(case: dict) -> None:
    found = extract_quantities(case["text"], as_of=AS_OF)
    for kind in case.get("absent", ()):
        assert all(q.kind != kind for q in found), found
    _check(found, case["expect"])
    for q in found:
        assert case["text"][q.start:q.end] == q.surface


@pytest.mark.parametrize("case", _cases("periods.yaml"))
def test_period_case(case: dict) -> None:
    periods = [p for s in extract(case["text"], as_of=AS_OF).sentences for p in s.periods]
    _check(periods, case["expect"])


def test_percentage_points_never_percent() -> None:
    for text in ("up 3 percentage points", "a 2 pp rise", "rose to 40%, up 3 points", "50 basis points"):
        kinds = [q.kind for q in extract_quantities(text) if q.value in (3, 2, 0.5)]
        assert kinds == ["percentage_points"], text


def test_numbers_in_periods_are_not_quantities() -> None:
    sentence = extract("In 2023, trade between China and North Korea was only $2.27 billion.").sentences[0]
    assert [q.surface for q in sentence.quantities] == ["$2.27 billion"]
    assert [p.surface for p in sentence.periods] == ["2023"]
