"""Numbers as written in news: digits ("2.27", "12,34,567.89"), words ("ninety-seven", "half a
billion", "two-thirds"), fractions ("1/4"), and the rounding interval a stated figure implies.

Why regular expressions over the raw text rather than spaCy token patterns: news glues numbers to
units and scales ("USD10m", "$1.5bn", "115USD"), which spaCy's tokenizer keeps as one token or
splits in places that differ by form; a character-level pattern finds them all the same way.
"""

from __future__ import annotations

import re
from typing import NamedTuple

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
HUNDRED = {"hundred": 100, "dozen": 12}
SCALE_WORDS = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
# Scale abbreviations are read only next to a currency ("$5m"), never on a bare number ("10 m").
SCALE_ABBREVIATIONS = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "t": 1e12, "tn": 1e12, "trn": 1e12, "tr": 1e12, "trln": 1e12, "tln": 1e12,  # "$4.6Trln"
    "mil": 1e6, "bil": 1e9,  # "S$1mil", "RM3mil"
}
FRACTIONS = {
    "half": 2, "halves": 2, "quarter": 4, "quarters": 4, "third": 3, "thirds": 3, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}
COMMON_DENOMINATOR = 10
NUMBER_WORDS = {**UNITS, **HUNDRED, **SCALE_WORDS, **{k: 1 / v for k, v in FRACTIONS.items()}}


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_WORD = _alternation(NUMBER_WORDS)
_LEAD_A = rf"an?\s+(?=(?:{_alternation([*FRACTIONS, *SCALE_WORDS, 'hundred', 'dozen'])})\b)"
# "and" joins number words only in "one and a half" and "two hundred and five", never in lists
# ("seven and eight" are two numbers).
_JOIN = r"(?:\s+and\s+(?=an?\s+(?:half|quarter|third)\b)|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|\s+|-)"
WORD_NUMBER = rf"(?:{_LEAD_A})?(?:{_WORD})(?:{_JOIN}(?:an?\s+)?(?:{_WORD}))*"
# Thousands grouped with commas ("1,015", Indian "12,34,567.89") or with spaces ("10 000", SI style).
# A decimal comma before a scale word ("$6,6 billion", "1,25 millions"): thousands groups always
# have three digits at the end, so one or two digits after a single comma can only be decimals.
DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
DIGIT_NUMBER = (
    r"\d{1,3},\d{1,2}(?=[\s-]*(?:million|billion|trillion|mln|bln|bn|mn|tn|trln)\b)|"  # "R27,6-billion"
    r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?|\.\d+"
)
SLASH_FRACTION = r"\d{1,2}\s?/\s?\d{1,2}(?!\d)"
# A decimal read out as broadcasters write it: "two-point-three", "124-point-eight", "three-point-93".
DIGIT_WORDS = {w: str(i) for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))}
_DIGIT_WORD = _alternation(DIGIT_WORDS)
SPOKEN_DECIMAL = rf"(?:\d+|(?:{_WORD})(?:-(?:{_WORD}))?)-point-(?:\d+|(?:{_DIGIT_WORD})(?:-(?:{_DIGIT_WORD}))*)"
# A number core: a spoken decimal, digits (not inside a longer digit run), a small slash fraction,
# or number words.
CORE = re.compile(
    rf"(?<![\d.,/])(?P<spoken>{SPOKEN_DECIMAL})(?![\w-])"
    rf"|(?<![\d.,/])(?:(?P<frac>{SLASH_FRACTION})|(?P<digits>{DIGIT_NUMBER}))"
    rf"|\b(?P<words>{WORD_NUMBER})\b",
    re.IGNORECASE,
)
SCALE_WORD_RE = re.compile(rf"\s*(?:-\s*)?\b(?P<scale>{_alternation(SCALE_WORDS)})\b", re.IGNORECASE)
SCALE_ABBR_RE = re.compile(rf"\s?(?P<scale>{_alternation(SCALE_ABBREVIATIONS)})(?![\w$€£¥])", re.IGNORECASE)


class Number(NamedTuple):
    """A number core as written: its value, how finely it was stated, and how it was written.
    (A NamedTuple: built for every figure read, and cheaper to build than a frozen dataclass.)"""

    value: float
    step: float  # the unit of its last significant digit ("2.27" -> 0.01, "3,000" -> 1000)
    form: str  # digits | words | fraction
    is_fraction: bool = False  # a share written as a fraction ("two-thirds", "1/4")
    is_integer: bool = True
    has_scale_word: bool = False  # "half a billion": a scale word is already inside the core


def parse_digits(text: str) -> Number:
    plain = text
    if DECIMAL_COMMA.fullmatch(plain):
        plain = plain.replace(",", ".")
    elif not plain.isdigit():
        plain = text.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    value = float(plain)
    if "." in plain:
        decimals = len(plain.split(".", 1)[1])
        return Number(value, 10.0**-decimals, "digits", is_integer=False)
    return Number(value, _integer_step(int(plain)), "digits")


def _integer_step(n: int) -> float:
    """The last significant digit's unit: "3,000" was stated to the thousand, "97" to the unit.
    Below 1,000 every digit counts ("10%", "500 million"): small round figures are as often
    exact as rounded, and a too-wide interval would excuse a wrong number."""
    if n < 1000:
        return 1.0
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def parse_slash_fraction(text: str) -> Number:
    top, bottom = (int(p) for p in text.replace(" ", "").split("/"))
    if not 0 < bottom <= COMMON_DENOMINATOR:
        # "1/40 of the wavelength" is a measured ratio; shares in prose are halves to tenths.
        return Number(top / bottom if bottom else 0.0, 0.0, "fraction", is_integer=False)
    value = top / bottom if bottom else 0.0
    return Number(value, value * 0.1, "fraction", is_fraction=True, is_integer=False)


def parse_words(text: str) -> Number | None:
    """Number words to a value: "ninety-seven", "one hundred", "half a billion", "two-thirds",
    "three quarters", "one and a half million". Returns None for words that name no number."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    total = 0.0
    current = 0.0
    counted = False  # a count word ("three") stands before a fraction word ("quarters")
    fraction_seen = False
    has_scale = False
    if words and (words[0] in SCALE_WORDS or words[0] in HUNDRED):
        return None  # "thousands of", "the dollars thousand of times": no count, no number
    for word in words:
        if word in ("a", "an"):
            counted = False
            continue
        if word in UNITS:
            current += UNITS[word]
            counted = True
        elif word in HUNDRED:
            current = (current or 1) * HUNDRED[word]
        elif word in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[word]
            current = 0.0
            counted = False
            has_scale = True
        elif word in FRACTIONS:
            if fraction_seen:  # "third quarter" is an ordinal and a noun, not a number
                return None
            share = 1 / FRACTIONS[word]
            if counted and current:
                # "three quarters", "two-thirds": the count multiplies the share; the integer part
                # of "one and a half" stays when the count was followed by "and a".
                current = current * share
            else:
                current += share
            fraction_seen = True
            counted = False
        else:
            return None
    value = total + current
    if fraction_seen:
        # A fraction in words is stated loosely: take 5% of the value either side.
        return Number(value, value * 0.1, "words", is_fraction=value < 1, is_integer=False, has_scale_word=has_scale)
    return Number(value, _integer_step(int(value)) if value == int(value) else 1.0, "words", has_scale_word=has_scale)


def parse_spoken_decimal(text: str) -> Number | None:
    """"two-point-three" -> 2.3 (stated to the tenth), "124-point-eight" -> 124.8."""
    whole, _, decimals = text.lower().partition("-point-")
    integer = int(whole) if whole.isdigit() else (parse_words(whole) or Number(-1, 1, "words")).value
    digits = decimals if decimals.isdigit() else "".join(DIGIT_WORDS[d] for d in decimals.split("-"))
    if integer < 0 or not digits:
        return None
    return Number(float(f"{int(integer)}.{digits}"), 10.0 ** -len(digits), "digits", is_integer=False)


def parse_core(match: re.Match) -> Number | None:
    if match.group("spoken"):
        return parse_spoken_decimal(match.group("spoken"))
    if match.group("digits"):
        return parse_digits(match.group("digits"))
    if match.group("frac"):
        return parse_slash_fraction(match.group("frac"))
    return parse_words(match.group("words"))


def interval(value: float, step: float, scale: float = 1.0) -> tuple[float, float]:
    """Half-open rounding interval of a stated figure, `value` and `step` before `scale`:
    interval(2.27, 0.01, 1e9) ("$2.27 billion") -> (2.265e9, 2.275e9)."""
    half = step * scale / 2
    center = value * scale
    low, high = center - half, center + half
    return (low, high) if low <= high else (high, low)
