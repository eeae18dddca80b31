"""Discourse context: which countries "its", "the country" and "the two countries" refer to.

News copy names a country once and then says "its exports"; the claim must take the country from
the sentences or the heading before it, and record that it did (issue 5, context).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.extract.model import Place, Sentence


GOVERNED = re.compile(r"\b(?:to|from|with|of|for|in|into|than|by|on|at|across|against|between|and)\s+(?:the\s+)?$", re.I)


def is_possessive(sentence: Sentence, place: Place) -> bool:
    after = sentence.text[place.end - sentence.start : place.end - sentence.start + 2]
    return after in ("'s", "’s") or after[:1] in ("'", "’")


@dataclass
class Context:
    """Countries mentioned so far, most recent last. Subjects (possessive or sentence-initial
    mentions) are kept apart because "its" refers to a subject far more often than to a partner."""

    subjects: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)

    def update(self, sentence: Sentence) -> None:
        first = True
        for place in sentence.places:
            if not place.iso3:
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
