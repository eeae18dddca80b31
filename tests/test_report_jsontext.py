"""The fast JSON writer of the reports (factcheck/report/jsontext.py) against its definition, the
standard library: `json.dumps(finite_json(data), indent=2, ensure_ascii=False, allow_nan=False)`
over `dataclasses.asdict`-style dicts. Byte for byte, on generated data (every float magnitude,
escapes, nesting, values orjson cannot write) and on whole reports of real articles."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.report.json_report import claim_to_dict, render_json, report_to_dict
from factcheck.report.jsontext import dumps_indented, plain
from factcheck.report.model import finite_json
from factcheck.report.registry import RenderOptions
from report_oracle import definition, old_claim_dict
from test_report_sample import sample_report

REPO = Path(__file__).resolve().parents[1]


class Note(str):
    """Like a claim's typed notes: a str subclass with attributes."""


@dataclass(frozen=True)
class Inner:
    label: str
    amount: float | None = None


@dataclass(frozen=True)
class Outer:
    name: str
    inner: Inner | None
    items: tuple[Inner, ...] = ()
    extra: dict | None = None


floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [1e-5, -3.5e-7, 9.99e-5, 1e-4, 1e-9, 1e-10, 1e16, 1.5e300, 5e-324, -0.0, 0.0, 0.1, 2.27e9])
scalars = (st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | floats
           | st.text() | st.text().map(Note))
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(data)
def test_plain_data_is_written_as_the_standard_library_writes_it(value):
    assert dumps_indented(plain(value)) == definition(value)


@settings(max_examples=200, deadline=None)
@given(st.builds(Outer, st.text(), st.none() | st.builds(Inner, st.text(), st.none() | floats),
                 st.lists(st.builds(Inner, st.text(), floats), max_size=3).map(tuple),
                 st.none() | st.dictionaries(st.text(max_size=5), scalars, max_size=3)))
def test_dataclasses_are_written_as_asdict_then_the_standard_library(value):
    assert dumps_indented(plain(value)) == definition(asdict(value))


@pytest.mark.parametrize("value", [{"big": 2**70}, {1: "int key"}, {"x": [{True: 1.0}]}, [10**30, -(2**64)]],
                         ids=["int beyond 64 bits", "int key", "bool key", "huge ints"])
def test_what_orjson_refuses_is_written_by_the_standard_library(value):
    assert dumps_indented(plain(value)) == definition(value)


def test_small_floats_keep_pythons_exponent_form():
    assert dumps_indented(plain({"deviation": 1e-05, "tiny": [-2.5e-07]})) == definition(
        {"deviation": 1e-05, "tiny": [-2.5e-07]})
    assert "1e-05" in dumps_indented(plain([1e-05])) and not math.isnan(plain(1e-05))


def _with_odd_numbers(report):
    """The sample report with the numbers the fast writer must take care of: a tiny deviation
    (Python writes 1e-05), a non-finite one and a tiny evidence precision."""
    doc = report.documents[0]
    first = doc.findings[0]
    finding = replace(first.finding, deviation=1e-05,
                      evidence=tuple(replace(o, precision=3e-7) for o in first.finding.evidence))
    second = replace(doc.findings[1], finding=replace(doc.findings[1].finding, deviation=math.inf))
    findings = (replace(first, finding=finding), second, *doc.findings[2:])
    return replace(report, documents=(replace(doc, findings=findings), *report.documents[1:]))


@pytest.mark.parametrize("make", [sample_report, lambda: _with_odd_numbers(sample_report())], ids=["sample", "odd numbers"])
def test_a_report_is_written_as_its_definition(make):
    report = make()
    for doc in report.documents:
        for lf in doc.findings:
            assert finite_json(claim_to_dict(lf)) == finite_json(old_claim_dict(lf))
    expected = definition(report_to_dict(report)) + "\n"
    assert render_json(report, RenderOptions()) == expected


@pytest.mark.skipif(not (REPO / "claims").is_dir(), reason="the gold corpus is not in this checkout")
def test_the_gold_corpus_report_is_written_as_its_definition():
    from factcheck.cli.check import Job, load_catalog, run_jobs
    from factcheck.cli.config import Settings
    from factcheck.document import read_document
    from factcheck.report import Report

    paths = sorted(p for p in (REPO / "claims").iterdir() if p.suffix in (".md", ".txt", ".html"))[:12]
    load_catalog(None, ())
    results = run_jobs([Job(read_document(str(p)), Settings(), None) for p in paths], 1)
    report = Report(documents=tuple(r for r in results if not isinstance(r, str)))
    assert sum(len(d.findings) for d in report.documents) > 20
    for doc in report.documents:
        for lf in doc.findings:
            assert dumps_indented(claim_to_dict(lf)) == definition(old_claim_dict(lf))
    assert render_json(report, RenderOptions()) == definition(report_to_dict(report)) + "\n"
