"""What the document stage hands on: prose text plus a map back to the original file."""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Location:
    """A span in the original file. Offsets and columns count Unicode code points; lines and
    columns are 1-based; `end` and `end_column` are exclusive (DESIGN.md, JSON contract)."""

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class SourceDocument:
    """A decoded input file.

    `text` is the prose the extractor reads (markup, code and front matter blanked or removed);
    `offsets[i]` is the index in `source` of `text[i]`, so every position can be reported in the
    original file. `ignored` lists half-open ranges of `text` whose claims are suppressed.
    """

    path: str
    source: str
    text: str
    offsets: tuple[int, ...]
    format: str = "text"  # text | markdown | html
    encoding: str = "utf-8"
    notices: tuple[str, ...] = ()
    ignored: tuple[tuple[int, int], ...] = ()
    # Exclusive source end of each character of `text`, when one character stands for several
    # source characters (an entity such as `&euro;`); empty means `offsets[i] + 1`.
    ends: tuple[int, ...] = ()
    _line_starts: array = field(default_factory=lambda: array("q"), repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.text):
            raise ValueError("offsets must map every character of text")
        if self.ends and len(self.ends) != len(self.text):
            raise ValueError("ends must map every character of text")
        # A line ends at \n, \r\n or a bare \r (old Mac files), as editors and markdown-it count.
        starts = array("q", [0])  # machine integers: a tuple of ints was ~36 bytes a line
        starts.extend(m.end() for m in _LINE_BREAK.finditer(self.source))
        object.__setattr__(self, "_line_starts", starts)

    def source_offset(self, text_index: int) -> int:
        """Map an index of `text` (end positions included) to an index of `source`."""
        if text_index < len(self.offsets):
            return self.offsets[text_index]
        if self.ends:
            return self.ends[-1]
        return self.offsets[-1] + 1 if self.offsets else 0

    def source_end(self, text_index: int) -> int:
        """Exclusive index in `source` of the end of `text[text_index]`."""
        if self.ends and text_index < len(self.ends):
            return self.ends[text_index]
        return self.source_offset(text_index) + 1

    def line_column(self, source_index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, source_index)
        return line, source_index - self._line_starts[line - 1] + 1

    def locate(self, start: int, end: int) -> Location:
        """Location in the original file of `text[start:end]`."""
        src_start = self.source_offset(start)
        src_end = self.source_end(end - 1) if end > start else src_start
        line, column = self.line_column(src_start)
        end_line, end_column = self.line_column(src_end)
        return Location(src_start, src_end, line, column, end_line, end_column)

    def is_ignored(self, start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.ignored)
