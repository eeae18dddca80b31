"""Collects prose text run by run with each character's place in the source."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_NOT_PROSE_SPACE = str.maketrans("\r\n\t", "   ")


class RunMap:
    """A sequence of integers stored as runs: from `starts[k]` on, the value is `values[k]` plus
    `steps[k]` (0 or 1) for every position further. Prose maps to its source in long runs (a
    paragraph's words stand verbatim, one character a character) broken only where markup was
    left out, so a 40 MB Markdown file's two maps take a few MB instead of 640 MB (array "q",
    8 bytes a character) or GBs (tuples of ints). Indexes, iterates and bisects like a tuple."""

    __slots__ = ("starts", "values", "steps", "length")

    def __init__(self) -> None:
        self.starts, self.values, self.steps = array("q"), array("q"), array("b")
        self.length = 0

    def extend(self, value: int, step: int, count: int) -> None:
        """`count` more positions: value, value + step, value + 2 * step, ..."""
        if count <= 0:
            return
        if self.starts and self.steps[-1] == step and self._at(-1, self.length) == value:
            self.length += count
            return
        self.starts.append(self.length), self.values.append(value), self.steps.append(step)
        self.length += count

    def truncate(self, length: int) -> None:
        """Keep the first `length` positions."""
        while self.starts and self.starts[-1] >= length:
            self.starts.pop(), self.values.pop(), self.steps.pop()
        self.length = min(self.length, length)

    def _at(self, run: int, index: int) -> int:
        return self.values[run] + self.steps[run] * (index - self.starts[run])

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.length))]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError("RunMap index out of range")
        return self._at(bisect_right(self.starts, index) - 1, index)

    def __iter__(self) -> Iterator[int]:
        bounds = list(self.starts[1:]) + [self.length] if self.starts else []
        for run, stop in enumerate(bounds):
            value, step = self.values[run], self.steps[run]
            for i in range(stop - self.starts[run]):
                yield value + step * i

    def __eq__(self, other) -> bool:
        return isinstance(other, RunMap | list | tuple | array) and len(self) == len(other) and all(
            a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment] - mutable while built

    def __repr__(self) -> str:
        return f"RunMap({len(self)} positions in {len(self.starts)} runs)"


class ProseBuilder:
    """The prose as a list of pieces and the two maps as runs (RunMap). Characters one at a time
    (a list of str plus two int arrays) held ~24 bytes a character while a file was converted."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.offsets = RunMap()
        self.ends = RunMap()

    @property
    def last_end(self) -> int:
        return self.ends[-1] if self.length else 0

    def add(self, text: str, source_start: int) -> None:
        """Text that stands verbatim in the source at `source_start`; URLs in it are not prose."""
        kept = 0
        for match in URL.finditer(text):
            self._verbatim(text[kept:match.start()], source_start + kept)
            kept = match.end()
        self._verbatim(text[kept:], source_start + kept)

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _verbatim(self, text: str, source_start: int) -> None:
        if text:
            self._append(text.translate(_NOT_PROSE_SPACE))
            self.offsets.extend(source_start, 1, len(text))
            self.ends.extend(source_start + 1, 1, len(text))

    def add_standing_for(self, text: str, source_start: int, source_end: int) -> None:
        """Text that replaces a source span (an entity, an escape, a line break)."""
        if text:
            self._append(text)
            self.offsets.extend(source_start, 0, len(text))
            self.ends.extend(source_end, 0, len(text))

    def _drop_trailing(self, is_dropped) -> None:
        """Remove trailing characters while `is_dropped(ch)` holds."""
        while self.parts:
            last = self.parts[-1]
            keep = len(last)
            while keep and is_dropped(last[keep - 1]):
                keep -= 1
            if keep == len(last):
                break
            self.length -= len(last) - keep
            if keep:
                self.parts[-1] = last[:keep]
            else:
                self.parts.pop()
            self.offsets.truncate(self.length), self.ends.truncate(self.length)
            if keep:
                break

    def _trailing_newlines(self) -> int:
        count = 0
        for part in reversed(self.parts):
            stripped = len(part) - len(part.rstrip("\n"))
            count += stripped
            if stripped < len(part):
                break
        return count

    def separate(self, separator: str = "\n\n") -> None:
        """Break between blocks ("\n\n") or table cells ("\n"), so sentence splitting sees them apart."""
        self._drop_trailing(lambda ch: ch == " ")
        if not self.length:
            return
        missing = len(separator) - self._trailing_newlines()
        if missing > 0:
            end = self.last_end
            self._append("\n" * missing)
            self.offsets.extend(end, 0, missing)
            self.ends.extend(end, 0, missing)

    def result(self) -> tuple[str, RunMap, RunMap]:
        """(prose, offsets, ends): the maps as RunMaps, which index, iterate and bisect like tuples."""
        self._drop_trailing(str.isspace)
        return "".join(self.parts), self.offsets, self.ends
