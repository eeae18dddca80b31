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


# --- the cues compiled to spaCy matchers (factcheck/claims/frame_matcher.py) ---------------------

def _cues():
    for frame in _frames():
        for cue in frame.get("cues") or []:
            yield frame["id"], cue
    data = yaml.safe_load(files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))
    for cue in data["not_trade_figures"]["cues"]:
        yield "not-trade-figures", cue


def _cue_examples():
    for frame, cue in _cues():
        for example in cue["examples"]:
            yield pytest.param(cue["id"], example, id=f"{cue['id']}-{example['holds']}-{example['text'][:40]}")


def _figure_at(sentence: str):
    marked = MARK.search(sentence)
    assert marked, f"example has no [marked] figure: {sentence}"
    text = MARK.sub(r"\1", sentence)
    for s in extract(text).sentences:
        for q in s.quantities:
            if q.start == marked.start():
                return s, q
    raise AssertionError(f"the extract stage finds no figure at the mark: {sentence}")


@pytest.mark.parametrize("cue_id, example", list(_cue_examples()))
def test_cue_examples(cue_id, example):
    """Each cue holds for its positive examples and not for its negative ones."""
    from factcheck.claims.frame_matcher import cue_holds

    sentence, q = _figure_at(example["text"])
    start, end = q.start - sentence.start, q.end - sentence.start
    assert cue_holds(cue_id, sentence, q, start, end) is example["holds"], example["text"]


def test_every_cue_has_a_positive_and_a_negative_example():
    for frame, cue in _cues():
        holds = {example["holds"] for example in cue["examples"]}
        assert holds == {True, False}, f"{frame}/{cue['id']} needs an example that holds and one that does not"


@pytest.mark.parametrize("sentence", yaml.safe_load(files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))
                         ["not_trade_figures"]["examples"])
def test_no_trade_figure_makes_no_claim(sentence):
    """A price or an amount in a non-trade unit, even in a sentence about trade, is no claim at all."""
    marked = MARK.search(sentence)
    text = MARK.sub(r"\1", sentence)
    assert not [c for c in find_claims(extract(text), text=text) if c.start == marked.start()], sentence


def test_every_cue_is_read_by_some_reading():
    from factcheck.claims.frame_matcher import frames

    compiled = frames()
    used = {c for r in compiled.readings for c in (*r.all, *r.any, *r.unless)}
    assert set(compiled.cues) == used, f"cues no reading uses: {set(compiled.cues) - used}"


def test_word_lists_keep_step_with_the_lexicon():
    """The trade verbs and growth words the cues use are the lexicon's (which roles.py and context.py use)."""
    from factcheck.claims import lexicon as lx

    words = yaml.safe_load(files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))["words"]
    for name, patterns in (("trade_verbs", (lx.OUTBOUND_VERB, lx.INBOUND_VERB)), ("growth", (lx.GROWTH_UP, lx.GROWTH_DOWN))):
        for word in words[name]:
            assert any(p.fullmatch(word) for p in patterns), f"{name}: {word!r} is not in the lexicon"


def test_the_extractor_knows_every_growth_word_as_a_change():
    """A figure right after any growth word of the claims stage is read by the extractor as the
    size of a change ("climbing $29.4 billion to $382.9 billion" was a range before "climbing" was
    in its list), so the two lists stay in step."""
    from factcheck.extract import context

    words = yaml.safe_load(files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))["words"]["growth"]
    known = {*context.UP_WORDS, *context.DOWN_WORDS, *context.UP_NOUNS, *context.DOWN_NOUNS}
    assert sorted(set(words) - known) == []


BAD_FILES = {
    "not YAML": ("frames: [", "not valid YAML"),
    "no frames": ("words: {}", "needs a list `frames`"),
    "unbounded window": ("frames: [{id: f, metric: share, cues: [{id: c, before: [[{OP: '*'}]]}]}]\n"
                         "readings: [{kinds: [percent], frame: f, any: [c]}]", "has no bound"),
    "bad token pattern": ("frames: [{id: f, metric: share, cues: [{id: c, after: [[{LOWR: of}]]}]}]\n"
                          "readings: [{kinds: [percent], frame: f, any: [c]}]", "cue 'c': bad token pattern"),
    "unknown cue": ("frames: [{id: f, metric: share}]\nreadings: [{kinds: [percent], frame: f, any: [nope]}]", "unknown kind or cue"),
    "unquoted on": ("words: {w: [up, on]}\nframes: []", "quote yes/no/on/off"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_frames_file_is_refused_when_loaded(name):
    from factcheck.claims.frame_matcher import FrameFileError, load

    text, message = BAD_FILES[name]
    with pytest.raises(FrameFileError, match=re.escape(message)):
        load(text)
