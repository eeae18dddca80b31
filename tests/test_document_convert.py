"""Markdown/HTML/text to prose: exact source positions, what is not prose, suppression comments
(cases as data in tests/data/document/), and conversion that never crashes on malformed input."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck.document import from_text

DATA = Path(__file__).parent / "data" / "document"
POSITIONS = yaml.safe_load((DATA / "positions.yaml").read_text(encoding="utf-8"))
SUPPRESSION = yaml.safe_load((DATA / "suppression.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", POSITIONS, ids=[c["name"] for c in POSITIONS])
def test_positions_in_the_original_file(case):
    doc = from_text(case["source"], "case", case["format"])
    for want in case.get("find", []):
        start = doc.text.find(want["surface"])
        assert start >= 0, f"{want['surface']!r} not in prose {doc.text!r}"
        loc = doc.locate(start, start + len(want["surface"]))
        got = {"line": loc.line, "column": loc.column, "end_line": loc.end_line, "end_column": loc.end_column}
        assert got == {k: want[k] for k in got}, want["surface"]
    for text in case.get("absent", []):
        assert text not in doc.text
    for text in case.get("contains", []):
        assert text in doc.text


@pytest.mark.parametrize("case", SUPPRESSION, ids=[c["name"] for c in SUPPRESSION])
def test_suppression_comments(case):
    doc = from_text(case["source"], "case", case["format"])
    for text in case.get("ignored", []):
        start = doc.text.find(text)
        assert start >= 0 and doc.is_ignored(start, start + len(text)), text
    for text in case.get("kept", []):
        start = doc.text.find(text)
        assert start >= 0 and not doc.is_ignored(start, start + len(text)), text


def test_unknown_directive_is_a_notice():
    doc = from_text("<!-- factcheck: ignroe -->\n$1 billion\n", "draft.md", "markdown")
    assert doc.notices == ("draft.md: line 1: unknown directive 'factcheck: ignroe' (use ignore, off or on)",)
    assert not doc.ignored


def test_paragraphs_stay_apart_for_sentence_splitting():
    doc = from_text("# Title\n\nFirst para\nstill first.\n\n- item one\n- item two\n", "d.md", "markdown")
    assert doc.text == "Title\n\nFirst para still first.\n\nitem one\n\nitem two"


PIECES = list("ab $5%*_`[]()!#|-<>&;\\\n:/.=\"'") + [
    "&amp;", "**", "```", "<!-- factcheck: off -->", "<!-- factcheck: ignore -->", "<p>", "</p>", "<script>",
    "&#36;", "http://x.y/", "---\n", "| a | b |\n|---|---|\n", "\n\n", "    ", "> ", "1. ",
]
MARKUP = st.lists(st.sampled_from(PIECES), max_size=80)


@settings(max_examples=300, deadline=None)
@given(source=MARKUP, fmt=st.sampled_from(["markdown", "html", "text"]))
@example(source=["| a | b |\n|---|---|\n", "a", "|", "5"], fmt="markdown")  # a body cell's figure under a header
def test_any_input_converts_and_maps_every_character(source, fmt):
    source = "".join(source)
    doc = from_text(source, "fuzz", fmt)
    assert len(doc.offsets) == len(doc.text)
    assert list(doc.offsets) == sorted(doc.offsets)
    for i, ch in enumerate(doc.text):
        if ch.isspace():
            continue
        if doc.source_end(i) == doc.offsets[i]:
            # words that stand for no source text (a table cell's header and row label, read
            # before its figure): they map to an empty span where the cell starts
            assert any(doc.offsets[j] == doc.offsets[i] < doc.source_end(j) for j in range(i + 1, len(doc.text))), (i, ch)
            continue
        origin = source[doc.offsets[i]]
        assert origin == ch or origin in "&\\", (i, ch, origin)
        loc = doc.locate(i, i + 1)
        assert 1 <= loc.line and 1 <= loc.column and loc.end > loc.start
    for lo, hi in doc.ignored:
        assert 0 <= lo < hi <= len(doc.text)
