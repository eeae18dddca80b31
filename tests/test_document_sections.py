"""Issue 11, item 6: a long Markdown file is parsed in sections (document/markdown.py,
section_starts) so markdown-it's tokens for 40 MB are never all in memory; the sections must give
exactly the prose, maps and suppressions of the file parsed whole."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import factcheck.document.markdown as markdown
from factcheck.document import from_text
from test_document_convert import PIECES

REPO = Path(__file__).resolve().parents[1]
# Block constructs that run across blank lines or close at one, with plain lines to cut before.
BLOCKS = ["\n\n", "Plain line.\n", "# Heading\n", "```\n", "~~~~\n", "<!--\n", "-->\n", "<pre>\n", "</pre>\n",
          "- item\n", "  continued\n", "> quote\n", "| a | b |\n|---|---|\n| 1 | $2 |\n", "    indented\n",
          "Title\n===\n", "<!-- factcheck: off -->\n", "<!-- factcheck: on -->\n", "$5 billion in 2023.\n"]


def both_ways(source: str):
    """(the file parsed whole, the file cut at every line where a section may start)."""
    saved = markdown.SECTION_CHARS
    try:
        markdown.SECTION_CHARS = 10 ** 12
        whole = from_text(source, "whole.md", "markdown")
        markdown.SECTION_CHARS = 1
        cut = from_text(source, "whole.md", "markdown")
    finally:
        markdown.SECTION_CHARS = saved
    return whole, cut


def same(a, b) -> bool:
    return (a.text, list(a.offsets), list(a.ends), a.ignored, a.notices) == (b.text, list(b.offsets), list(b.ends), b.ignored, b.notices)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BLOCKS + PIECES), max_size=60))
def test_sections_give_the_prose_of_the_whole_file(pieces):
    whole, cut = both_ways("".join(pieces))
    assert same(whole, cut)


def test_the_gold_corpus_in_sections_is_the_corpus_whole():
    sources = [p.read_text(encoding="utf-8") for p in sorted((REPO / "claims").glob("*.md"))]
    sources += [p.read_text(encoding="utf-8") for p in sorted((REPO / "claims").glob("*.txt"))]
    joined = "\n\n".join(sources)
    lines = [0] + [m.end() for m in markdown.LINE_BREAK.finditer(joined)]
    assert len(markdown.section_starts(joined, lines, 1)) > 10  # really cut
    whole, cut = both_ways(joined)
    assert same(whole, cut)


def test_a_file_with_reference_definitions_is_parsed_whole():
    source = "See [the data][d].\n\n" + "Plain line.\n\n" * 50 + "[d]: https://example.org\n"
    lines = [0] + [m.end() for m in markdown.LINE_BREAK.finditer(source)]
    assert markdown.section_starts(source, lines, 1) == [0]
    whole, cut = both_ways(source)
    assert same(whole, cut)


def starts_of(source: str) -> list[int]:
    lines = [0] + [m.end() for m in markdown.LINE_BREAK.finditer(source)]
    return markdown.section_starts(source, lines, 1)


def test_cuts_follow_a_closed_fence_and_never_fall_inside_an_open_one():
    closed = "```\ncode\n\nmore code\n```\n\nAfter.\n\nLater.\n"
    assert starts_of(closed) == [0, 6, 8]  # "After." and "Later.", not the code's blank line
    unclosed = "Before.\n\n```\ncode\n\nPlain in code.\n"
    assert starts_of(unclosed) == [0]  # the fence runs to the end of the file
    comment = "<!--\n\nPlain in a comment.\n-->\n\nAfter.\n"
    assert starts_of(comment) == [0, 5]
