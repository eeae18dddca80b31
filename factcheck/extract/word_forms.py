"""Quantities written mostly in words ("a penny", "doubled", "percent of 10") and the word hints
that tell the number reader where number words stand.

The spaCy pipeline finds these words with a PhraseMatcher on its tokens (`WordHints`); without a
Doc, `hints_from_text` finds them by a plain scan of the lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.extract import context, money
from factcheck.extract.model import Quantity
from factcheck.extract.numbers import NUMBER_WORDS, SCALE_WORDS

PERCENT_OF_RE = re.compile(r"(?i:\b(?:percents?|per\s?cent)\s+of\s+)")

A_UNIT_RE = re.compile(
    r"(?i:\b(?P<article>an?)(?=\s+(?:dollar|euro|penny|cent|dime|nickel|yen|yuan|rupee|rouble|ruble|franc|peso)\b(?!-)))"
)
MULTIPLIER_WORDS = re.compile(
    r"(?i:\b(?:(?P<two>doubled|doubling)|(?P<three>tripled|trebled|tripling)|(?P<four>quadrupled)"
    r"|(?P<half>halved|halving)|(?P<twice>twice)|(?P<thrice>thrice)"
    r"|(?P<fold>(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold))\b)"
)
FOLD_VALUES = {"two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0,
               "nine": 9.0, "ten": 10.0, "twenty": 20.0, "hundred": 100.0}
_MULTIPLIER_VALUES = {"two": (2.0, "up"), "three": (3.0, "up"), "four": (4.0, "up"), "half": (0.5, "down"),
                      "twice": (2.0, None), "thrice": (3.0, None)}


@dataclass(frozen=True)
class WordHints:
    """Where the words some patterns start from stand (character offsets, ascending). The spaCy
    pipeline finds them with a PhraseMatcher on its tokens, much faster than scanning the text
    with a case-insensitive alternation; `hints_from_text` finds them without a Doc."""

    numbers: Sequence[int] = ()  # number words: "ninety", "half", "million"
    multipliers: Sequence[int] = ()  # "doubled", "twice"
    units: Sequence[int] = ()  # currency words that may follow "a": "penny", "dollar"
    percents: Sequence[int] = ()  # "percent", "per cent"
    # Where a word that may end a hedge or name a change ends ("about", "than", "fell"); None when
    # not computed, and the readers then look at the text themselves.
    context_ends: frozenset[int] | None = None


MULTIPLIER_HINTS = ("doubled", "doubling", "tripled", "trebled", "tripling", "quadrupled", "halved", "halving",
                    "twice", "thrice") + tuple(f"{word}fold" for word in FOLD_VALUES)
UNIT_HINTS = ("dollar", "euro", "penny", "cent", "dime", "nickel", "yen", "yuan", "rupee", "rouble", "ruble",
              "franc", "peso")
PERCENT_HINTS = ("percent", "percents", "per cent")
CONTEXT_WORDS = context.CONTEXT_WORDS
_WORD_RE = re.compile(r"[^\W\d_]+")
A_BEFORE = re.compile(r"(?i:\ban?)\s+$")


def hints_from_text(text: str) -> WordHints:
    lowered = text.lower()
    numbers, multipliers, units, percents, context_ends = [], [], [], [], set()
    number_words = set(NUMBER_WORDS)
    for m in _WORD_RE.finditer(lowered):
        word = m.group(0)
        if word in CONTEXT_WORDS:
            context_ends.add(m.end())
        if word in number_words:
            numbers.append(m.start())
        elif word in MULTIPLIER_HINTS:
            multipliers.append(m.start())
        elif word in UNIT_HINTS:
            units.append(m.start())
        elif word in ("percent", "percents") or (word == "per" and lowered.startswith(" cent", m.end())):
            percents.append(m.start())
    return WordHints(numbers, multipliers, units, percents, frozenset(context_ends))


def single_units(text: str, starts: Sequence[int]) -> list[Quantity]:
    """"a penny", "less than a dollar a day": one unit of a currency named by its word."""
    out = []
    for start in starts:
        lead = A_BEFORE.search(text, max(0, start - 4), start)
        m = A_UNIT_RE.match(text, lead.start()) if lead else None
        if m is None:
            continue
        currency = money.currency_after(text, m.end("article"))
        if currency is None or currency[1].needs_scale:
            continue
        value = currency[1].factor
        out.append(Quantity(text[m.start():currency[0]], m.start(), currency[0], "money", value, currency[1].code,
                            value, value, hedge=context.hedge_before(text, m.start())[1]))
    return out


def multiplier_words(text: str, starts: Sequence[int]) -> list[Quantity]:
    out = []
    for start in starts:
        m = MULTIPLIER_WORDS.match(text, start)
        if m is None:
            continue
        name = next(k for k, v in m.groupdict().items() if v)
        if name == "fold":  # "sixfold": a factor, its direction set by the verb ("grew", "fell")
            value, direction = FOLD_VALUES[m.group("fold").lower()[:-4]], None
        else:
            value, direction = _MULTIPLIER_VALUES[name]
        out.append(Quantity(m.group(0), m.start(), m.end(), "multiplier", value, None, value, value,
                            hedge=context.hedge_before(text, m.start())[1], direction=direction))
    return out


def percent_of(text: str, readings: Sequence, starts: Sequence[int]) -> list[Quantity]:
    """"percent of 10", "per cent of twenty-two": the figure written after the word."""
    out = []
    by_start = {r.start: r for r in readings}
    for start in starts:
        m = PERCENT_OF_RE.match(text, start)
        if m is None:
            continue
        r = by_start.get(m.end())
        if r is None or r.kind != "count":
            continue
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:\d|\b(?:a|the|small|large|big|high|low))\s*$", before, re.I):
            continue  # "5 percent of", "a small percent of": the figure is not after the word
        low, high = r.bounds()
        out.append(Quantity(text[m.start():r.end], m.start(), r.end, "percent", r.value, "percent", low, high))
    return out


# Vague amounts: an order of magnitude, not a figure ("tens of millions of dollars", "hundreds of
# billions", "several billion euros"). Each lead word spans [low, high) times the scale.
VAGUE_SPANS = {"tens": (10.0, 100.0), "dozens": (12.0, 100.0), "hundreds": (100.0, 1000.0),
               "thousands": (1000.0, 10000.0), "several": (2.0, 10.0), "a few": (2.0, 10.0)}
# Plural scale words with no lead ("billions of dollars"): at least two, fewer than a thousand.
BARE_PLURAL_SPAN = (2.0, 1000.0)
_VAGUE_LEAD_PLURAL = re.compile(r"(?i:\b(?P<lead>tens|dozens|hundreds|thousands)\s+of\s+)$")
_VAGUE_LEAD_SINGULAR = re.compile(r"(?i:\b(?P<lead>several|a\s+few)\s+)$")
_SCALE_AT = re.compile(r"(?i:(?P<scale>thousand|million|billion|trillion)(?P<plural>s)?\b)")
_OF_AFTER = re.compile(r"\s+of(?=\s)")
_SCALE_STEMS = ("illion", "housand")


def vague_amounts(text: str) -> list[Quantity]:
    """"tens of millions of dollars", "hundreds of billions", "several billion euros", "billions
    of dollars": ranges over an order of magnitude, hedged "about", `range_kind` "vague". Found
    from the scale words, which every money figure has anyway, so no word hint is needed."""
    out = []
    for stem in _SCALE_STEMS:
        at = text.find(stem)
        while at >= 0:
            word_start = at
            while word_start > 0 and text[word_start - 1].isalpha():
                word_start -= 1
            found = _vague_at(text, word_start)
            if found is not None:
                out.append(found)
            at = text.find(stem, at + len(stem))
    return out


def _vague_at(text: str, start: int) -> Quantity | None:
    m = _SCALE_AT.match(text, start)
    if m is None:
        return None
    if not m.group("plural") and "few" not in text[max(0, start - 8):start].lower() \
            and "several" not in text[max(0, start - 9):start].lower():
        return None  # most scale words belong to a figure ("$3 million"): leave them quickly
    scale = SCALE_WORDS[m.group("scale").lower()]
    lead = (_VAGUE_LEAD_PLURAL if m.group("plural") else _VAGUE_LEAD_SINGULAR).search(text, max(0, m.start() - 20), m.start())
    span = VAGUE_SPANS[" ".join(lead.group("lead").lower().split())] if lead else BARE_PLURAL_SPAN
    currency = _currency_after_scale(text, m.end(), plural=bool(m.group("plural")))
    if lead is None and (currency is None or not m.group("plural")):
        return None  # "billions of dollars" is vague; "millions of people", "a million" are not
    first = lead.start() if lead else m.start()
    end, unit = (currency[0], currency[1].code) if currency else (m.end(), None)
    factor = currency[1].factor if currency else 1.0
    low, high = span[0] * scale * factor, span[1] * scale * factor
    return Quantity(text[first:end], first, end, "money" if currency else "count", low, unit, low, high,
                    value_max=high, hedge="about", range_kind="vague")


def _currency_after_scale(text: str, pos: int, *, plural: bool):
    """The currency after a vague scale: "millions of dollars" (plural), "several billion euros"."""
    if plural:
        of = _OF_AFTER.match(text, pos)
        if of is None:
            return None
        pos = of.end()
    return money.currency_after(text, pos)
