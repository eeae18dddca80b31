"""Currency forms before and after a figure, read from `currencies.yaml` beside this file.

Two patterns: PREFIX matches the currency written just before a number ("US$", "€", "USD",
"MEUR", "dollar") and is searched in the few characters before it; SUFFIX matches the currency
just after a number and its scale ("million finnish markka", "USD", "yen", "€", "cents").
Codes and one-letter dollar prefixes are matched case-sensitively ("A$" is Australian, "a $" is
not; "ALL 5" is not Albanian lek); currency words are matched in any case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factcheck import yamlfile


@dataclass(frozen=True)
class Currency:
    code: str
    factor: float = 1.0  # "cents" -> 0.01 of the unit
    scale: float = 1.0  # "MUSD" -> a million dollars
    needs_scale: bool = False  # "pounds" is money only beside a scale word


def _alt(items) -> str:
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


@lru_cache(maxsize=1)
def table() -> dict:
    return yamlfile.safe_load(files("factcheck.extract").joinpath("currencies.yaml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    t = table()
    codes, lower = t["codes"], t["lowercase_codes"]
    all_codes = _alt(codes + list(t["code_aliases"]))
    any_code = rf"(?:{all_codes}|{_alt(lower)})"
    dollar = rf"(?:{_alt(t['dollar_prefixes'])})\s?\$"
    dollar_after = rf"\$(?:{_alt(t['dollar_suffixes'])})"
    abbreviations = _alt(t["suffix_abbreviations"])
    symbols = _alt(t["symbols"])
    words = rf"(?i:{_alt(w.replace(' ', '_') for w in t['words'])})".replace("_", r"\s+")
    prefix_words = _alt(t["prefix_words"])
    prefix_abbreviations = _alt(t["prefix_abbreviations"])
    prefix = re.compile(
        rf"(?:(?<![A-Za-z])(?P<dollar>{dollar})|(?P<dollar_after>{dollar_after})|(?P<symbol>{symbols})"
        rf"|(?<![A-Za-z])(?P<mcode>M(?:{all_codes}))"
        rf"|(?<![A-Za-z])(?P<code>{any_code})(?:\$)?"
        rf"|(?<![\w.])(?P<pabbr>{prefix_abbreviations})"
        rf"|(?<![A-Za-z])(?P<word>(?i:{prefix_words})))\s?$"
    )
    suffix = re.compile(
        rf"(?:[ \t]?(?P<symbol>{symbols})"
        rf"|[ \t]?(?P<mcode>M(?:{all_codes}))(?![A-Za-z])"
        rf"|[ \t]?(?P<code>{any_code})(?![A-Za-z])"
        rf"|[ \t-]?(?P<word>{words})(?![A-Za-z])"
        rf"|[ \t]?(?P<abbr>{abbreviations})(?![\w$€£¥]))"
    )
    return prefix, suffix


def _word_currency(word: str) -> Currency:
    t = table()
    key = " ".join(word.lower().split())
    entry = t["words"][key]
    code, factor = (entry, 1.0) if isinstance(entry, str) else (entry[0], float(entry[1]))
    return Currency(code, factor, needs_scale=key in t["need_scale"])


def _code(code: str) -> str:
    code = code.upper()
    return table()["code_aliases"].get(code, code)


def _from_match(m: re.Match) -> Currency:
    t = table()
    if m.group("symbol"):
        return Currency(t["symbols"][m.group("symbol")])
    if m.group("mcode"):
        return Currency(_code(m.group("mcode")[1:]), scale=1e6)
    if m.group("code"):
        return Currency(_code(m.group("code")))
    groups = m.groupdict()
    if groups.get("dollar_after"):
        return Currency(t["dollar_suffixes"][m.group("dollar_after")[1:]])
    if groups.get("abbr"):
        return Currency(t["suffix_abbreviations"][m.group("abbr")]["code"])
    if groups.get("pabbr"):
        return Currency(t["prefix_abbreviations"][m.group("pabbr")]["code"])
    if groups.get("dollar"):
        letters = m.group("dollar").rstrip("$").rstrip()
        return Currency(t["dollar_prefixes"].get(letters, "USD"))
    word = m.group("word")
    prefix_code = _prefix_words_lower().get(word.lower())
    if prefix_code is not None:
        return Currency(prefix_code)
    return _word_currency(word)


@lru_cache(maxsize=1)
def _prefix_words_lower() -> dict[str, str]:
    return {k.lower(): v for k, v in table()["prefix_words"].items()}


@lru_cache(maxsize=1)
def _prefix_enders() -> tuple[frozenset[str], frozenset[str]]:
    """Last characters a written-before currency can end with, and the words it can be."""
    t = table()
    chars = set("$") | {s[-1] for s in t["symbols"]}
    words = {c.lower() for c in t["codes"] + list(t["code_aliases"])} | set(t["lowercase_codes"])
    words |= {"m" + w for w in words} | {w.lower().rstrip(".") for w in t["prefix_words"]}
    words |= {w.lower() for w in t["dollar_suffixes"]}  # "$US42": letters end the prefix
    words |= {w.lower() for w in t["prefix_abbreviations"]}
    return frozenset(chars), frozenset(words)


SCALED_AMOUNT = re.compile(r"[\d.,]+[\s-]?(?:billion|million|trillion|bn|mn|tn|m|b)\b", re.I)


def currency_before(text: str, pos: int) -> tuple[int, Currency] | None:
    """The currency written right before `pos`, with where it starts."""
    i = pos - 1 if pos and text[pos - 1] == " " else pos
    if i == 0:
        return None
    chars, words = _prefix_enders()
    last = text[i - 1]
    if last not in chars:
        if last == ".":
            i -= 1
        j = i
        while j > 0 and i - j < 8 and text[j - 1].isalpha():
            j -= 1
        if text[j:i].lower() not in words:
            return None
    prefix, _ = _patterns()
    m = prefix.search(text, max(0, pos - 12), pos)
    if not m or m.group("pabbr") and not (m.end("pabbr") == pos and SCALED_AMOUNT.match(text, pos)
                                          and _cued(text, pos, m.group("pabbr"), "prefix_abbreviations")):
        return None  # a short form is glued to a scaled amount ("R27.6 billion", not "the R2 road") and needs its cue
    return m.start(), _from_match(m)


def currency_after(text: str, pos: int) -> tuple[int, Currency] | None:
    """The currency written right after `pos`, with where it ends."""
    _, suffix = _patterns()
    m = suffix.match(text, pos)
    if not m:
        return None
    if m.group("abbr") and not _cued(text, pos, m.group("abbr")):
        return None
    return m.end(), _from_match(m)


@lru_cache(maxsize=None)
def _cue_pattern(abbr: str, table_name: str = "suffix_abbreviations") -> re.Pattern | None:
    cues = table()[table_name][abbr].get("cues")
    if not cues:
        return None
    return re.compile(rf"(?<![\w])(?:{_alt(cues)})(?![\w])")


def _cued(text: str, pos: int, abbr: str, table_name: str = "suffix_abbreviations") -> bool:
    """Whether a short form that names a currency only in context ("150 kn", "R27 billion") has its
    context: a cue word for that currency near the amount."""
    pattern = _cue_pattern(abbr, table_name)
    if pattern is None:
        return True
    window = table()["cue_window"]
    return pattern.search(text, max(0, pos - window), pos + window) is not None
