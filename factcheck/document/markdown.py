"""Markdown to prose with every character mapped back to its place in the source.

markdown-it-py gives each block's line range (`token.map`) and each inline token's content, but no
columns; this module finds each inline line in its source line and walks the inline tokens in
order, so emphasis markers, link destinations, escapes and entities are skipped while the prose
keeps exact source positions. Code (fenced, indented, inline), front matter, images, autolinks
and HTML are not prose; HTML comments are collected for suppression directives.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache

from markdown_it import MarkdownIt

from factcheck.document.html import html_to_prose
from factcheck.document.prose import ProseBuilder, RunMap
from factcheck.document.suppress import DIRECTIVE, Comment

# YAML (---) or TOML (+++, Hugo) front matter at the very top.
FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
SKIPPED_BLOCKS = {"fence", "code_block", "hr"}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable("table")
    md.disable("text_join")  # keep entities and escapes as separate tokens that carry their source
    return md


def blank_front_matter(source: str) -> str:
    """The source with YAML front matter replaced by spaces (lines and columns unchanged)."""
    match = FRONT_MATTER.match(source)
    if not match:
        return source
    blanked = re.sub(r"[^\r\n]", " ", match.group(0))
    return blanked + source[match.end():]


# Line breaks as markdown-it counts them (it normalises \r\n and a bare \r to \n before parsing),
# so its token line numbers meet the right source lines in files with old Mac line endings too.
LINE_BREAK = re.compile(r"\r\n|\r|\n")


# A file is parsed in sections of about this many characters, cut only where a new top-level
# block must start (see section_starts), so markdown-it's tokens for a 40 MB file are never all
# in memory at once (~25 bytes of tokens a character of source).
SECTION_CHARS = 256_000
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:", re.MULTILINE)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# HTML blocks that run across blank lines (CommonMark types 1-5), with what ends each.
_LONG_HTML = ((re.compile(r" {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.IGNORECASE),
               re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)),
              (re.compile(r" {0,3}<!--"), re.compile(r"-->")), (re.compile(r" {0,3}<\?"), re.compile(r"\?>")),
              (re.compile(r" {0,3}<![A-Za-z]"), re.compile(r">")), (re.compile(r" {0,3}<!\[CDATA\["), re.compile(r"\]\]>")))
# A line that starts a section: not indented, and not a list item, quote, table row, HTML or
# fence, which could belong to (or change) the block before the blank line.
_SECTION_START = re.compile(r"[^\s>|<`~*+\-=\d#\[]|#{1,6}(?:\s|$)")


class _LongBlocks:
    """Whether a line lies in fenced code or a multi-line HTML block, line by line."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.html_end: re.Pattern | None = None

    def inside(self, text: str) -> bool:
        """True when `text` (the next line) belongs to a block opened before it, updating the state
        (a line that opens a block is not inside one: nothing before it holds it)."""
        if self.fence is not None:
            closing = _FENCE.match(text)
            if closing and closing.group(1)[0] == self.fence[0] and len(closing.group(1)) >= len(self.fence) \
                    and not text[closing.end():].strip():
                self.fence = None
            return True
        if self.html_end is not None:
            if self.html_end.search(text):
                self.html_end = None
            return True
        opening = _FENCE.match(text)
        if opening and not (opening.group(1)[0] == "`" and "`" in text[opening.end():]):
            self.fence = opening.group(1)
            return False
        for start, end in _LONG_HTML:
            match = start.match(text)
            if match and not end.search(text, match.end()):
                self.html_end = end
                break
        return False


def section_starts(source: str, line_starts, size: int | None = None) -> list[int]:
    """Line numbers where the file can be parsed apart, every `size` characters or so: a plain
    line after a blank line, outside fenced code and multi-line HTML blocks, in a file without
    link reference definitions (which apply to the whole file). Such a line closes every open
    block, so the sections' tokens are the whole file's."""
    size = SECTION_CHARS if size is None else size
    if len(source) <= size or _REFERENCE_DEFINITION.search(source):
        return [0]
    starts, blocks, blank_before = [0], _LongBlocks(), False
    for line in range(len(line_starts) - 1):
        text = source[line_starts[line]:line_starts[line + 1]].rstrip("\r\n")
        inside = blocks.inside(text)  # a plain line opens no block, so it is checked first
        if not inside and blank_before and line_starts[line] - line_starts[starts[-1]] >= size \
                and _SECTION_START.match(text):
            starts.append(line)
        blank_before = not text.strip()
    return starts


def markdown_to_prose(source: str) -> tuple[str, RunMap, RunMap, list[Comment]]:
    line_starts = array("q", [0])
    line_starts.extend(m.end() for m in LINE_BREAK.finditer(source))
    walker = _TokenWalker(source, line_starts)
    parsed = blank_front_matter(source)
    starts = section_starts(parsed, line_starts)
    for first, stop in zip(starts, starts[1:] + [len(line_starts)]):
        section = parsed if len(starts) == 1 else parsed[walker.line_start(first):walker.line_start(stop)]
        for token in _parser().parse(section):
            walker.see(token, first)
    builder, comments = walker.builder, walker.comments
    text, offsets, ends = builder.result()
    return text, offsets, ends, comments


class _TokenWalker:
    """Turns markdown-it's tokens into prose, section after section; `first` is the line of the
    file a section starts at (token maps count from the section's first line)."""

    def __init__(self, source: str, line_starts) -> None:
        self.source, self.line_starts = source, line_starts
        self.line_cursor: dict[int, int] = {}
        self.builder = ProseBuilder()
        self.comments: list[Comment] = []
        self.cell_depth = 0
        self.table = _Table()

    def line_start(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.source)

    def see(self, token, first: int) -> None:
        builder = self.builder
        self.table.see(token)
        if token.type in ("th_open", "td_open"):
            self.cell_depth += 1
        elif token.type in ("th_close", "td_close"):
            self.cell_depth -= 1
        elif token.type in ("table_open", "table_close") or token.type in SKIPPED_BLOCKS:
            builder.separate()
        elif token.type == "html_block" and token.map:
            _add_html_block(self.source, self.line_start(token.map[0] + first), self.line_start(token.map[1] + first),
                            builder, self.comments)
        elif token.type == "inline" and token.map:
            builder.separate("\n" if self.cell_depth else "\n\n")
            content_map = _map_content(self.source, self.line_starts, token.content, token.map[0] + first, self.line_cursor)
            label = self.table.label_for(token.content) if self.cell_depth else None
            if label and content_map:  # the cell reads as "header, row: figure" (see _Table)
                builder.add_standing_for(label, content_map[0], content_map[0])
            _walk_inline(token.children or [], token.content, content_map, builder, self.comments)


class _Table:
    """Where the parser is in a table, so that a figure in a body cell reads with what the table
    says it is: "| 2019 | $215 million |" under "| Year | North Korea's exports to China |" reads
    "North Korea's exports to China, 2019: $215 million". The label stands for no source text
    (it maps to the cell's first character), so the figure itself keeps its exact position."""

    def __init__(self) -> None:
        self.headers: list[str] = []
        self.in_head = False
        self.column = -1
        self.row_label = ""

    def see(self, token) -> None:
        if token.type == "table_open":
            self.headers = []
        elif token.type in ("thead_open", "thead_close"):
            self.in_head = token.type == "thead_open"
        elif token.type == "tr_open":
            self.column, self.row_label = -1, ""
        elif token.type in ("th_open", "td_open"):
            self.column += 1

    def label_for(self, content: str) -> str | None:
        """The words to read before a cell's own (None for a header, a row's first cell, or a
        cell without a figure)."""
        text = " ".join(content.split())
        if self.in_head:
            self.headers.append(text)
            return None
        if self.column == 0:
            self.row_label = text
            return None
        if not any(ch.isdigit() for ch in text):
            return None
        header = self.headers[self.column] if self.column < len(self.headers) else ""
        parts = [part for part in (header, self.row_label) if part]
        return ", ".join(parts) + ": " if parts else None


def _add_html_block(source: str, start: int, end: int, builder: ProseBuilder, comments: list[Comment]) -> None:
    """Raw HTML in Markdown (`<div>...</div>`): its text is prose, read by the HTML converter."""
    text, offsets, ends, html_comments, _ = html_to_prose(source[start:end])
    comments.extend(Comment(c.start + start, c.end + start, c.body) for c in html_comments)
    builder.separate()
    for i, (ch, offset, stop) in enumerate(zip(text, offsets, ends)):
        if ch != "\n":
            builder.add_standing_for(ch, offset + start, stop + start)
        elif i + 1 < len(text) and text[i + 1] != "\n":  # the last newline of a run decides the break
            builder.separate("\n\n" if i and text[i - 1] == "\n" else "\n")
    builder.separate()


def _map_content(source: str, line_starts: list[int], content: str, first_line: int,
                 line_cursor: dict[int, int]) -> list[int]:
    """Source index of every character of an inline token's content (its lines are the source's
    lines from `first_line` on, less block prefixes such as `> `, `- ` or table pipes)."""
    mapping: list[int] = []
    for j, piece in enumerate(content.split("\n")):
        line = first_line + j
        start = line_starts[line] if line < len(line_starts) else len(source)
        found = LINE_BREAK.search(source, start)
        end = len(source) if found is None else found.start()
        src_line = source[start:end]
        cursor = line_cursor.get(line, 0)
        if src_line.endswith(piece) and len(src_line) - len(piece) >= cursor and "|" not in src_line:
            col = len(src_line) - len(piece)
        elif src_line.rstrip().endswith(piece) and "|" not in src_line:
            col = len(src_line.rstrip()) - len(piece)
        else:
            col = src_line.find(piece, cursor)
        if col >= 0:
            line_cursor[line] = col + len(piece)
            mapping.extend(range(start + col, start + col + len(piece)))
        else:  # the parser dropped characters (an escaped table pipe): align as a subsequence
            at = min(cursor, len(src_line))
            for ch in piece:
                found = src_line.find(ch, at)
                at = min(found if found >= 0 else at, len(src_line))
                mapping.append(start + at)
                at = min(at + 1, len(src_line))
            line_cursor[line] = at
        mapping.append(end)  # the newline joining this piece to the next
    return mapping[:-1] if mapping else mapping


def _walk_inline(children, content: str, content_map: list[int], builder: ProseBuilder,
                 comments: list[Comment]) -> None:
    def src(i: int) -> int:
        if not content_map:
            return 0
        return content_map[min(max(i, 0), len(content_map) - 1)]

    def find(needle: str, pos: int) -> int:
        found = content.find(needle, pos) if needle else -1
        return pos if found < 0 else found

    pos = 0
    in_autolink = False
    for child in children:
        kind = child.type
        if kind == "text":
            i = find(child.content, pos)
            if not in_autolink:
                _add_run(builder, child.content, i, content_map)
            pos = i + len(child.content)
        elif kind == "text_special":  # an entity (&amp;) or escape (\*): one character, a source span
            i = find(child.markup, pos)
            builder.add_standing_for(child.content, src(i), src(i + len(child.markup) - 1) + 1)
            pos = i + len(child.markup)
        elif kind in ("softbreak", "hardbreak"):
            i = find("\n", pos)
            builder.add_standing_for(" ", src(i), src(i) + 1)
            pos = i + 1
        elif kind == "code_inline":
            i = find(child.markup, pos)
            close = content.find(child.markup, i + len(child.markup))
            pos = len(content) if close < 0 else close + len(child.markup)
        elif kind == "html_inline":
            i = find(child.content, pos)
            if DIRECTIVE.search(child.content):
                comments.append(Comment(src(i), src(i + len(child.content) - 1) + 1, child.content))
            pos = i + len(child.content)
        elif kind == "link_open" and child.markup == "autolink":
            in_autolink = True
        elif kind == "link_close" and child.markup == "autolink":
            in_autolink = False
            pos = find(">", pos) + 1
        elif kind == "link_close":
            pos = _skip_link_tail(content, find("]", pos) + 1)
        elif kind == "image":
            pos = _skip_link_tail(content, find("]", find("![", pos) + 2) + 1)
        elif child.markup and kind.endswith(("_open", "_close")):
            pos = find(child.markup, pos) + len(child.markup)


def _add_run(builder: ProseBuilder, text: str, i: int, content_map: list[int]) -> None:
    """Add text found at content index `i`, split where its source positions are not contiguous."""
    if not text:
        return
    positions = _positions(content_map, i, len(text))
    run_start = 0
    previous = positions[0]
    for k in range(1, len(text)):
        position = positions[k]
        if position != previous + 1:
            builder.add(text[run_start:k], positions[run_start])
            run_start = k
        previous = position
    builder.add(text[run_start:], positions[run_start])


def _positions(content_map: list[int], i: int, count: int) -> list[int]:
    """Source positions of content indexes i .. i + count - 1 (clamped to the content, as `src`)."""
    if not content_map:
        return [0] * count
    last = len(content_map) - 1
    if i >= 0 and i + count - 1 <= last:
        return content_map[i:i + count]
    return [content_map[min(max(j, 0), last)] for j in range(i, i + count)]


def _skip_link_tail(content: str, pos: int) -> int:
    """Past `(destination "title")` or `[label]` after a link's closing bracket."""
    if content.startswith("(", pos):
        depth = 0
        for k in range(pos, len(content)):
            if content[k] == "(":
                depth += 1
            elif content[k] == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
        return len(content)
    if content.startswith("[", pos):
        close = content.find("]", pos)
        return len(content) if close < 0 else close + 1
    return pos
