"""Suppression comments (`<!-- factcheck: ignore -->`, `off` ... `on`) turned into ranges of prose.

Converters report where each comment stands in the source; this module turns those into the
half-open ranges of `text` whose claims are skipped (`SourceDocument.ignored`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DIRECTIVE = re.compile(r"<!--\s*factcheck\s*:\s*([\w-]+)\s*-->", re.IGNORECASE)
KNOWN = {"ignore", "off", "on"}
# A closing block tag between the prose and a comment on the same source line
# (`<p>...</p><!-- factcheck: ignore --><p>`) puts the comment between blocks: it is not trailing.
BLOCK_END = re.compile(
    r"</\s*(?:p|div|li|h[1-6]|blockquote|section|article|header|footer|aside|main|nav|figure|figcaption"
    r"|table|thead|tbody|tfoot|tr|td|th|ul|ol|dl|dt|dd|pre)\s*>", re.IGNORECASE)


@dataclass(frozen=True)
class Comment:
    """An HTML comment in the source: `start`/`end` are source offsets, `body` its inner text."""

    start: int
    end: int
    body: str


def comments_in(source: str, start: int = 0, end: int | None = None) -> list[Comment]:
    """Factcheck comments found by pattern in `source[start:end]` (for plain text and HTML blocks)."""
    stop = len(source) if end is None else end
    return [Comment(m.start(), m.end(), m.group(0)) for m in DIRECTIVE.finditer(source, start, stop)]


def ignored_ranges(
    source: str, text: str, offsets: tuple[int, ...], comments: list[Comment]
) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...]]:
    """(ranges of `text` to ignore, notices about unknown directives)."""
    ranges: list[tuple[int, int]] = []
    notices: list[str] = []
    off_since: int | None = None

    def text_index(source_index: int) -> int:
        return bisect.bisect_left(offsets, source_index)

    for comment in sorted(comments, key=lambda c: c.start):
        match = DIRECTIVE.search(comment.body)
        if not match:
            continue
        directive = match.group(1).lower()
        line = source.count("\n", 0, comment.start) + 1
        if directive not in KNOWN:
            notices.append(f"line {line}: unknown directive 'factcheck: {directive}' (use ignore, off or on)")
        elif directive == "off":
            off_since = text_index(comment.end) if off_since is None else off_since
        elif directive == "on":
            if off_since is not None:
                ranges.append((off_since, text_index(comment.start)))
                off_since = None
        else:
            ranges.append(_ignore_range(source, text, offsets, comment, text_index))
    if off_since is not None:
        ranges.append((off_since, len(text)))
    return tuple(r for r in ranges if r[0] < r[1]), tuple(notices)


def _ignore_range(source, text, offsets, comment, text_index) -> tuple[int, int]:
    """A comment after prose on its line ignores that line (like `# noqa`; in HTML, the prose line
    or cell it ends); a comment on its own line ignores the next paragraph.

    "After prose on its line" is decided by the prose that stands for the source line before the
    comment (no closing block tag between them), with the paragraph break a converter puts after
    it stripped: at the end of a
    Markdown or HTML paragraph the first prose index at or after the comment is already past that
    break, and reading from there once made the comment hide the next paragraph instead."""
    line_start = source.rfind("\n", 0, comment.start) + 1
    line_end = source.find("\n", comment.end)
    line_end = len(source) if line_end < 0 else line_end
    first = text_index(line_start)
    before = text[first:text_index(comment.start)].rstrip()
    if before.strip() and not BLOCK_END.search(source, offsets[first + len(before) - 1] + 1, comment.start):
        here = first + len(before)
        line_begin = max(first, text.rfind("\n", 0, here) + 1)
        next_break = text.find("\n", here)
        return line_begin, max(here, min(text_index(line_end), len(text) if next_break < 0 else next_break))
    start = text_index(comment.end)
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n\n", start)
    return start, len(text) if end < 0 else end
