"""Attribution: which publisher a sentence cites for its figures ("according to KOTRA").

The vocabulary is data (`attributions.yaml`), compiled once. The claims stage records the key;
the verify stage decides what a citation of an unheld series means for the verdict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factcheck import yamlfile


@dataclass(frozen=True)
class Publisher:
    key: str
    name: str
    held: str | None  # a part of the publisher's name as the catalog cites it; None: not held
    carries: bool = False  # a primary source: later paragraphs follow its series too
    currency: str = "USD"  # the currency its series are published in


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return yamlfile.safe_load(files("factcheck.claims").joinpath("attributions.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def publishers() -> dict[str, Publisher]:
    raw = _vocabulary()
    return {key: Publisher(key, entry["name"], entry.get("held"), bool(entry.get("carries")), entry.get("currency", "USD"))
            for key, entry in raw["publishers"].items()}


APOSTROPHE, APOSTROPHES = "'", "['’]"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    raw = _vocabulary()
    # an apostrophe in the vocabulary matches the typographic one copy is often set with ("China’s customs")
    groups = [f"(?P<{key}>{'|'.join(word.replace(APOSTROPHE, APOSTROPHES) for word in entry['words'])})"
              for key, entry in raw["publishers"].items()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])", re.I)


@lru_cache(maxsize=4096)  # asked for each figure of a sentence, and once more for the sentence as written
def attribution_in(text: str) -> str | None:
    """The key of the publisher the text cites, or None. A text that names several ("Using a
    method that produces different statistics from those announced by the Commerce Department,
    the Finance Ministry said") does not say which one its figures are from: one whose series the
    catalog does not hold is then the attribution, so that the figure is never contradicted by a
    series it may not come from (the first named, a held one, let a Census series judge a Japanese
    count); else the first named."""
    keys = list(dict.fromkeys(m.lastgroup for m in _pattern().finditer(text)))
    if len(keys) < 2:
        return keys[0] if keys else None
    return next((key for key in keys if publishers()[key].held is None), keys[0])


# Names of organisations that hold country names and trade words ("Korea Trade-Investment
# Promotion Agency", "China Council for the Promotion of International Trade", "US-China Business
# Council"): a publisher's name says who speaks, not whose trade a figure is.
# The word an organisation's name ends in; searched for first (ORGANISATION_WORD), since the
# name's optional lead of up to six capitalised words would be tried at every word of every sentence.
_ORGANISATION_NOUNS = (r"Association|Agency|Council|Organi[sz]ation|Bureau|Administration|Institute|Chamber|Commission|"
                       r"Ministry|Federation|Foundation|Corporation|Authority|Service")
ORGANISATION_WORD = re.compile(_ORGANISATION_NOUNS)
ORGANISATION = re.compile(
    r"\b(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+(?:(?:of|for|and|the|on)\s+)*){0,6}"
    rf"(?:{_ORGANISATION_NOUNS})\b"
    r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w&'’-]*(?:,)?\s*(?:and\s+)?){1,5})?")


# A speaker's office ("Malaysia's special envoy to China Tan Kok Wai said", "the Chinese ambassador
# to Malaysia", "the U.S. trade representative"): the countries in it say who speaks, not whose
# trade the figure is, like an organisation's name.
_OFFICES = r"envoy|ambassador|consul(?:-general)?|trade\s+representative|trade\s+negotiator|negotiator|diplomat|attach[eé]"
OFFICE_WORD = re.compile(_OFFICES, re.I)  # searched for first, as ORGANISATION_WORD
OFFICE = re.compile(
    r"(?:\b(?:the\s+)?(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:'s|’s)\s+|[A-Z][a-z]+\s+))?"
    r"(?:(?i:special|chief|top|senior|deputy|former|then|acting)\s+)*"
    rf"(?i:{_OFFICES})"
    r"(?:\s+(?:to|in|at|for)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?")


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """Spans of organisation names, speakers' offices and cited publishers in `text`."""
    spans = []
    if ORGANISATION_WORD.search(text):
        spans += [(m.start(), m.end()) for m in ORGANISATION.finditer(text) if " " in m.group(0).strip()]
    if OFFICE_WORD.search(text):
        spans += [(m.start(), m.end()) for m in OFFICE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _pattern().finditer(text)]
    return spans
