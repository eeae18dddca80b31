"""Collects prose text character by character with each character's place in the source."""

from __future__ import annotations

import re
from array import array

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)


class ProseBuilder:
    """Offsets and ends are machine integers (array "q", 8 bytes a character): lists of Python
    ints took ~70 bytes a character, so a 4 MB Markdown file held ~1 GB of maps."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets = array("q")
        self.ends = array("q")

    @property
    def last_end(self) -> int:
        return self.ends[-1] if self.ends else 0

    def add(self, text: str, source_start: int) -> None:
        """Text that stands verbatim in the source at `source_start`; URLs in it are not prose."""
        kept = 0
        for match in URL.finditer(text):
            self._verbatim(text[kept:match.start()], source_start + kept)
            kept = match.end()
        self._verbatim(text[kept:], source_start + kept)

    def _verbatim(self, text: str, source_start: int) -> None:
        for i, ch in enumerate(text):
            self.chars.append(" " if ch in "\r\n\t" else ch)
            self.offsets.append(source_start + i)
            self.ends.append(source_start + i + 1)

    def add_standing_for(self, text: str, source_start: int, source_end: int) -> None:
        """Text that replaces a source span (an entity, an escape, a line break)."""
        for ch in text:
            self.chars.append(ch)
            self.offsets.append(source_start)
            self.ends.append(source_end)

    def separate(self, separator: str = "\n\n") -> None:
        """Break between blocks ("\n\n") or table cells ("\n"), so sentence splitting sees them apart."""
        while self.chars and self.chars[-1] == " ":
            self.chars.pop(), self.offsets.pop(), self.ends.pop()
        if not self.chars:
            return
        trailing = 0
        while trailing < len(self.chars) and self.chars[-1 - trailing] == "\n":
            trailing += 1
        end = self.last_end
        for _ in range(len(separator) - trailing):
            self.chars.append("\n")
            self.offsets.append(end)
            self.ends.append(end)

    def result(self) -> tuple[str, array, array]:
        """(prose, offsets, ends): the maps as compact arrays, which index and bisect like tuples."""
        while self.chars and self.chars[-1].isspace():
            self.chars.pop(), self.offsets.pop(), self.ends.pop()
        return "".join(self.chars), self.offsets, self.ends
