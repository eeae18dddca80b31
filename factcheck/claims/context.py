"""Discourse context: which countries "its", "the country" and "the two countries" refer to.

News copy names a country once and then says "its exports"; the claim must take the country from
the sentences or the heading before it, and record that it did (issue 5, context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from factcheck.claims import lexicon as lx
from factcheck.claims.provenance import Binding, Source
from factcheck.extract.model import Place, Quantity, Sentence
from factcheck.extract.numbers import SCALE_ABBREVIATIONS, SCALE_WORDS


GOVERNED = re.compile(r"\b(?:to|from|with|of|for|in|into|than|by|on|at|across|against|between|and)\s+(?:the\s+)?$", re.I)


# The extractor's own scale words and abbreviations: an amount carries a scale exactly when the
# extractor read one into it.
SCALES = {**SCALE_WORDS, **SCALE_ABBREVIATIONS}
SCALE = re.compile(r"(?<=[\d\s])(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b", re.I)


def scale_of(q: Quantity) -> float | None:
    """The scale word an amount was written with ("$227.3 billion" -> 1e9), or None."""
    m = SCALE.search(q.surface)
    return SCALES[m.group(1).lower()] if m else None


def with_carried_scale(quantities: list[Quantity], before: Quantity | None) -> tuple[list[Quantity], dict[int, Binding]]:
    """ "$227.3 billion in 2015 slid to $211.4 in 2016": an amount written without its scale,
    right after one written with it in the same currency, at a size that makes sense only with
    that scale (within a factor of three once scaled), takes the scale; each such amount's
    binding says so (an ellipsis: it may agree with the data, never be called wrong by it)."""
    out, notes, last = [], {}, before
    for q in quantities:
        scale = scale_of(last) if last is not None and q.kind == "money" and q.unit == last.unit else None
        if scale and scale_of(q) is None and 0 < q.value < 1000 and 1 / 3 <= q.value * scale / last.value <= 3:
            times = {k: getattr(q, k) * scale for k in ("value", "low", "high", "value_max") if getattr(q, k) is not None}
            q = replace(q, **times)
            notes[q.start] = Binding(f"scale of '{q.surface}' carried from '{last.surface}'", "scale", Source.ELLIPSIS)
        if q.kind == "money" and scale_of(q) is not None:
            last = q
        out.append(q)
    return out, notes


# The joint of "from $2.4 billion to $3 billion" (the extractor's from-to span).
FROM_TO_JOINT = re.compile(r"\s*(?:to|-|–|—)\s*")


def split_changes(quantities: list[Quantity], sentence: Sentence) -> list[Quantity]:
    """ "Imports increased from $2.4 billion to $3 billion": the extractor keeps the span as one
    from-to figure; a change from one level to another states two figures (the earlier level and
    the later one), never a range that any value between them would satisfy. Each side keeps its
    own place in the text and its own rounding (the extractor has already given the earlier side
    the later one's scale where it has none: "from 9 to 3 billion")."""
    out: list[Quantity] = []
    for q in quantities:
        before = sentence.text[max(0, q.start - sentence.start - 40):q.start - sentence.start]
        changed = q.direction is not None or lx.GROWTH_UP.search(before) or lx.GROWTH_DOWN.search(before)
        if q.range_kind != "from_to" or not changed or q.value_max is None:
            out.append(q)
            continue
        sides = _two_sides(q)
        out.extend(sides if sides else [q])
    return out


def _two_sides(q: Quantity) -> list[Quantity] | None:
    """The two figures of a from-to span, each at its own place. Their rounding comes from the
    span's own bounds: the lower bound is the smaller side's, the upper the larger's, and each
    side's rounding is as wide below as above."""
    joint = next((m for m in FROM_TO_JOINT.finditer(q.surface)
                  if m.start() > 0 and any(c.isdigit() for c in q.surface[:m.start()])
                  and any(c.isdigit() for c in q.surface[m.end():])), None)
    low, high = q.low if q.low is not None else q.value, q.high if q.high is not None else q.value_max
    if joint is None or q.value == q.value_max:
        return None
    rising = q.value < q.value_max
    earlier_half = q.value - low if rising else high - q.value
    later_half = high - q.value_max if rising else q.value_max - low
    first, second = q.surface[:joint.start()], q.surface[joint.end():]
    base = replace(q, surface=first, end=q.start + len(first), value=q.value, value_max=None,
                   low=q.value - earlier_half, high=q.value + earlier_half, range_kind=None, role="base", direction=None)
    level = replace(q, surface=second, start=q.start + joint.end(), value=q.value_max, value_max=None,
                    low=q.value_max - later_half, high=q.value_max + later_half, range_kind=None, role="level",
                    direction=None)
    return [base, level]


def in_an_amount(sentence: Sentence, place: Place) -> bool:
    """A country named inside an amount's currency ("542.41 billion U.S. dollars", "Hong Kong
    dollars") names no country of the text: "the country's exports" after it is not the US's."""
    return any(q.kind == "money" and q.start <= place.start and place.end <= q.end for q in sentence.quantities)


def is_possessive(sentence: Sentence, place: Place) -> bool:
    after = sentence.text[place.end - sentence.start : place.end - sentence.start + 2]
    return after in ("'s", "’s") or after[:1] in ("'", "’")


@dataclass
class Context:
    """Countries mentioned so far, most recent last. Subjects (possessive or sentence-initial
    mentions) are kept apart because "its" refers to a subject far more often than to a partner."""

    subjects: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    scaled_money: Quantity | None = None  # the last amount written with its scale ("$227.3 billion")

    def update(self, sentence: Sentence) -> None:
        scaled = [q for q in sentence.quantities if q.kind == "money" and scale_of(q) is not None]
        if scaled:
            self.scaled_money = scaled[-1]
        first = True
        for place in sentence.places:
            if not place.iso3 or in_an_amount(sentence, place):
                continue
            self.mentions.append(place.iso3)
            local = place.start - sentence.start
            governed = GOVERNED.search(sentence.text[max(0, local - 10):local])
            # a possessive, or the sentence's first country where no preposition governs it
            # ("Oil-rich South Sudan, which ...": the subject; "in North Korea": not one)
            if is_possessive(sentence, place) or (first and not governed):
                self.subjects.append(place.iso3)
            first = False
        del self.mentions[:-20], self.subjects[:-20]

    def singular(self, exclude: set[str] | frozenset[str] = frozenset()) -> str | None:
        """The country "its" most likely means: the latest subject, else the latest mention."""
        for pool in (self.subjects, self.mentions):
            for iso3 in reversed(pool):
                if iso3 not in exclude:
                    return iso3
        return None

    def pair(self) -> tuple[str, str] | None:
        """The two countries "the two countries" means: the two latest distinct mentions."""
        seen: list[str] = []
        for iso3 in reversed(self.mentions):
            if iso3 not in seen:
                seen.append(iso3)
            if len(seen) == 2:
                return seen[1], seen[0]
        return None
