"""Every example of every frame (factcheck/claims/frames.yaml), run through the whole extract ->
claims flow: the marked figure's claim is read by that frame, with the slots the example expects.
And every frame a claim records is one of the frames the file documents."""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from factcheck.claims import find_claims
from factcheck.claims.model import FLOWS, METRICS, SHARE_CHANGE
from factcheck.extract import extract

MARK = re.compile(r"\[([^\]]+)\]")
CLAIMS_DIR = Path(__file__).resolve().parents[1] / "factcheck" / "claims"
CASES = Path(__file__).parent / "data" / "claims" / "cases.yaml"
KNOWN_METRICS = set(METRICS) | {SHARE_CHANGE, "balance", "balance_change", "volume"}


@lru_cache(maxsize=1)
def _frames() -> list[dict]:
    return yaml.safe_load(files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))["frames"]


def _ids() -> set[str]:
    return {frame["id"] for frame in _frames()}


def _examples():
    for frame in _frames():
        for example in frame["examples"]:
            yield pytest.param(frame, example, id=f"{frame['id']}-{example['text'][:40]}")


def _claim_at(sentence: str):
    marked = MARK.search(sentence)
    assert marked, f"example has no [marked] figure: {sentence}"
    text = MARK.sub(r"\1", sentence)
    claims = [c for c in find_claims(extract(text), text=text) if c.start == marked.start()]
    return claims[0] if claims else None


@pytest.mark.parametrize("frame, example", list(_examples()))
def test_frame_examples(frame, example):
    claim = _claim_at(example["text"])
    assert claim is not None, f"the marked figure should be read as a claim: {example['text']}"
    assert claim.frame == frame["id"], f"read by {claim.frame}, not {frame['id']}: {example['text']}"
    expect = dict(example["expect"])
    period = expect.pop("period", None)
    got = {slot: getattr(claim, slot) for slot in expect}
    assert got == expect, example["text"]
    if period is not None:
        assert [claim.period.start, claim.period.end] == period, example["text"]
    metrics = frame["metric"] if isinstance(frame["metric"], list) else [frame["metric"]]
    assert claim.metric in metrics, f"{frame['id']} documents {metrics}, the claim is {claim.metric}"


def test_frames_are_well_formed():
    ids = [frame["id"] for frame in _frames()]
    assert len(ids) == len(set(ids)), "frame ids must be unique"
    for frame in _frames():
        assert frame["doc"].strip() and frame["slots"], frame["id"]
        assert 2 <= len(frame["examples"]) <= 4, f"{frame['id']} needs 2-4 examples"
        metrics = frame["metric"] if isinstance(frame["metric"], list) else [frame["metric"]]
        assert set(metrics) <= KNOWN_METRICS, frame["id"]
        for example in frame["examples"]:
            flow_known = "flow" not in frame["slots"] or example["expect"]["flow"] in FLOWS  # "unread" has no flow
            assert flow_known and example["expect"]["metric"] in metrics, example["text"]


@pytest.mark.parametrize("frame", _frames(), ids=lambda f: f["id"])
def test_reader_names_a_function_of_the_claims_stage(frame):
    module, _, name = frame["reader"].partition(":")
    assert module.startswith("factcheck.claims"), frame["reader"]
    assert callable(getattr(importlib.import_module(module), name, None)), f"no function {frame['reader']}"


def test_every_frame_id_set_in_code_is_documented():
    """The ids the code writes (frame="..." and the metric table) all exist in frames.yaml."""
    from factcheck.claims import COMMODITY_FRAMES, METRIC_FRAMES

    written = set(METRIC_FRAMES.values()) | set(COMMODITY_FRAMES.values())
    for path in CLAIMS_DIR.glob("*.py"):
        written |= set(re.findall(r"\bframe=\"([\w-]+)\"", path.read_text("utf-8")))
    assert written, "no frame ids found in the code"
    assert written <= _ids(), f"undocumented frames: {written - _ids()}"
    assert _ids() <= written, f"documented frames no code sets: {_ids() - written}"


def test_every_claim_of_the_claim_cases_records_a_documented_frame():
    cases = yaml.safe_load(CASES.read_text("utf-8"))
    seen = 0
    for case in cases:
        for claim in find_claims(extract(case["text"]), text=case["text"]):
            assert claim.frame in _ids(), f"{case['name']}: frame {claim.frame!r}"
            seen += 1
    assert seen > 50
