"""Typed provenance: where each part of a claim's reading came from, and what the reading left
unexplained.

Every slot of a claim (reporter, partner, flow, commodity, period, currency, metric) is either
stated in the claim's own clause or bound from somewhere else: a pronoun ("its", "the two
countries"), the figure before it in the same sentence ("$3.1 billion, down 8%"), the sentence or
paragraph before, a heading, the story as a whole, or a default the tool assumed. The verify stage
reads these types — never the words — to decide whether it may tell an author a figure is wrong
(`factcheck.verify.policy`).

A `Binding` is a `str` (the human-readable note the reports show) that also carries its slot and
source as typed values, so the claims stage can keep composing notes while every later stage
reads `binding.source`, not the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Source(str, Enum):
    """Where a slot's value came from, safest first."""

    STATED = "stated"  # written in the claim's own clause
    PRONOUN = "pronoun"  # "its", "them", "there", "the two countries": a word that points back
    SAME_SENTENCE = "same_sentence"  # the figure before it in the sentence ("$3.1 billion, down 8%")
    ELLIPSIS = "ellipsis"  # "the United States took 28% and China 20%": the verb left out
    PREVIOUS_SENTENCE = "previous_sentence"  # carried from the sentence or paragraph before, no pointing word
    HEADING = "heading"
    LEAD_IN = "lead_in"  # the line ending in a colon that a list's item lines stand under (claims/lists.py)
    STORY = "story"  # the pair of countries the story is about
    ASSUMED = "assumed"  # a default the tool chose (no partner named: the world)


# Bindings on which a `contradicted` may rest: the text itself says it, or a word points at it.
SAFE_SOURCES = frozenset({Source.STATED, Source.PRONOUN, Source.SAME_SENTENCE})

SLOTS = ("reporter", "partner", "flow", "commodity", "period", "currency", "metric", "scale")


class Binding(str):
    """A note on the reading ("'its' read as PRK from the sentence before") with its slot and
    source as typed values."""

    slot: str
    source: Source

    def __new__(cls, text: str, slot: str, source: Source) -> Binding:
        if slot not in SLOTS:
            raise ValueError(f"unknown slot {slot!r}")
        note = super().__new__(cls, text)
        note.slot = slot
        note.source = Source(source)
        return note

    def __getnewargs__(self) -> tuple[str, str, Source]:  # so findings cross process boundaries (--jobs)
        return str(self), self.slot, self.source

    def as_dict(self) -> dict:
        return {"slot": self.slot, "source": self.source.value, "note": str(self)}


def bindings_of(notes) -> tuple[Binding, ...]:
    """The typed bindings among a claim's notes (plain strings are display-only)."""
    return tuple(n for n in notes if isinstance(n, Binding))


def unsafe_bindings(notes) -> tuple[Binding, ...]:
    return tuple(b for b in bindings_of(notes) if b.source not in SAFE_SOURCES)


@dataclass(frozen=True)
class Unaccounted:
    """Words in the claim's clause that could change what the figure measures and that the
    reading did not account for: the claim must not be judged against the data as read.

    `part` names what is missing for a check (period, commodity, currency, metric), `rule` the
    closed-world rule that found it (an id of `closed_world.yaml`), `words` the words themselves.
    """

    part: str
    rule: str
    words: str
    reason: str
    month: int | None = None  # CW01 on one month's name ("in March 2019"): a monthly series can settle it

    def as_dict(self) -> dict:
        return {"part": self.part, "rule": self.rule, "words": self.words, "reason": self.reason, "month": self.month}
