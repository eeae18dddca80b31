"""Years and periods: "in 2023", "2023's", "since 2017", "between 2019 and 2021", "2019-21",
"the 1990s", "fiscal 2023", "first half of 2024", and relative ones ("last year", "a decade ago")
resolved against an as-of date.

Plain regular expressions over the text: a period is a short fixed phrase around a four-digit
year, which a pattern states more plainly than token rules would.
"""

from __future__ import annotations

import datetime as dt
import re

from factcheck.extract.context import last_word
from factcheck.extract.model import Period

_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"
# A year stands alone: not inside a longer number, a date ("23.04.2022"), or an amount ("$2000").
_BEFORE = r"(?<![\d.,:/$€£¥₩\w-])"
_AFTER = r"(?!\d|[.,:/]\d|\s?%|\s*(?:-\s*)?(?i:per\s?cents?|percent|pct|thousand|million|billion|trillion|bn|mn)\b)"
YEAR = rf"{_BEFORE}(?P<y>{_YEAR}){_AFTER}"
YEAR2 = rf"{_BEFORE}(?P<y2>{_YEAR}){_AFTER}"

_NUM_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3,
}
_COUNT = r"(?P<n>\d{1,2}|a few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten)"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("range", re.compile(rf"(?i:\bbetween\s+(?:the\s+years?\s+)?){YEAR}(?i:\s+(?:and|-|–)\s+){YEAR2}")),
    ("range", re.compile(rf"(?i:\bfrom\s+(?:the\s+years?\s+)?){YEAR}(?i:\s+(?:to|until|till|through|-|–)\s+){YEAR2}")),
    ("range", re.compile(rf"{YEAR}\s?[-–—/]\s?(?:(?P<y2>{_YEAR})|(?P<yy>\d\d))(?![\d%])")),
    ("range", re.compile(rf"{YEAR}(?i:\s+(?:to|through|until|till)\s+){YEAR2}")),
    ("since", re.compile(rf"(?i:\bsince\s+(?:(?:the\s+)?(?:start|beginning|end|middle)\s+of\s+)?(?:the\s+year\s+)?){YEAR}")),
    # "1990s", "1990 s"; with an apostrophe only after "the" ("2020's exports" is possessive).
    ("decade", re.compile(r"(?i:\b(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?)(?<![\d.,])(?P<y>1[89]\d0|20\d0)\s?s\b")),
    ("decade", re.compile(r"(?i:\bthe\s+(?:early\s+|mid-?\s*|late\s+)?)(?P<y>1[89]\d0|20\d0)'s\b")),
    ("decade", re.compile(r"(?i:\b(?:the\s+)?)'(?P<yy>\d0)s\b")),
    ("fiscal", re.compile(rf"(?i:\b(?:fiscal(?:\s+year)?|financial\s+year|FY)\s?)(?:(?P<y>{_YEAR})(?!\d)|'?(?P<yy>\d\d)\b)")),
    ("part_of_year", re.compile(
        r"(?i:\b(?:(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:half|quarter)(?:\s+of)?"
        r"|H[12]|Q[1-4]|(?:the\s+)?(?:beginning|start|end|middle|mid-?|early|late)(?:\s+of)?)\s*)" + YEAR)),
]
# A plain year ("in 2023", "2023's", "the year 2008", "cy 2008"), read at each year-like number.
YEAR_AT = re.compile(rf"{YEAR}(?:'s)?")
_YEAR_PREFIX = re.compile(r"(?i:\b(?:(?:the\s+)?(?:calendar\s+)?year|cy))\s+$")


# Words one of which each pattern needs (lower-cased), so a window runs only the patterns that
# can match in it; the plain year pattern needs nothing.
NEEDS: list[tuple[str, ...]] = [
    ("between",), ("from",), ("0-", "1-", "2-", "3-", "4-", "5-", "6-", "7-", "8-", "9-", "–", "—", "/"),
    (" to ", "through", "until", "till"), ("since",), ("0s", "0 s"), ("0's",), ("'0s", "'1", "'2", "'3", "'4",
    "'5", "'6", "'7", "'8", "'9"), ("fiscal", "financial", "fy"),
    ("half", "quarter", "h1", "h2", "q1", "q2", "q3", "q4", "beginning", "start of", "end of", "middle", "mid",
     "early", " late"),
]
assert len(NEEDS) == len(PATTERNS)

# "the last year before NAFTA", "the last year on record", "over the past year", "the next year"
# name a year by its place in the story or the past twelve months, not the calendar year before
# (or after) the text: with "the" they are no relative period ("the previous year", which the
# claims stage reads against the figure's own year, stays one; "the past decade" is the ten years
# before the text).
RELATIVE = re.compile(
    r"(?i:\b(?P<which>(?<!\bthe\s)(?:last|next|past)(?=\s+year)|(?:last|next|past)(?=\s+decade)|this|previous)\s+(?P<unit>year|decade)\b"
    rf"|\b{_COUNT}\s+(?P<unit2>years?|decades?)\s+(?P<dir>ago|earlier)\b"
    rf"|\b(?:the\s+)?(?:past|last|previous)\s+{_COUNT.replace('?P<n>', '?P<n2>')}\s+(?P<unit3>years|decades)\b)"
)


def _resolve_two_digit(first: int, yy: str) -> int:
    """"2019-21" -> 2021; "1998-02" -> 2002 (the end rolls into the next century only from
    the 90s: "2019-18" is no range)."""
    century = first // 100 * 100
    end = century + int(yy)
    if end > first:
        return end
    return end + 100 if first % 100 >= 90 else first


def _period(kind: str, groups: dict, m: re.Match) -> Period | None:
    if kind == "decade":
        start = int(groups["y"]) if groups.get("y") else 1900 + int(groups["yy"])
        if groups.get("yy") and start < 1930:
            start += 100  # "'20s" in today's news is the 2020s
        return Period(m.group(0), m.start(), m.end(), "decade", start, start + 9)
    if kind == "fiscal":
        year = int(groups["y"]) if groups.get("y") else 2000 + int(groups["yy"])
        return Period(m.group(0), m.start(), m.end(), "fiscal", year, year)
    start = int(groups["y"])
    if kind == "range":
        if groups.get("y2"):
            end = int(groups["y2"])
        else:
            end = _resolve_two_digit(start, groups["yy"])
        if not start < end <= start + 100:
            return None
        return Period(m.group(0), m.start(), m.end(), "range", start, end)
    if kind == "since":
        return Period(m.group(0), m.start(), m.end(), "since", start, None)
    return Period(m.group(0), m.start(), m.end(), kind, start, start)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUM_WORDS.get(word, 1)


def _relative(m: re.Match, as_of: dt.date) -> Period:
    year = as_of.year
    g = m.groupdict()
    if g["which"]:
        span = 10 if g["unit"].lower() == "decade" else 1
        which = g["which"].lower()
        if which == "this":
            start, end = year, year
        elif which == "next":
            start, end = year + 1, year + span
        else:
            start, end = year - span, year - 1
        return Period(m.group(0), m.start(), m.end(), "relative", start, end, relative=True)
    if g["dir"]:
        n = _count(g["n"]) * (10 if g["unit2"].lower().startswith("decade") else 1)
        return Period(m.group(0), m.start(), m.end(), "relative", year - n, year - n, relative=True)
    n = _count(g["n2"]) * (10 if g["unit3"].lower().startswith("decade") else 1)
    return Period(m.group(0), m.start(), m.end(), "relative", year - n, year, relative=True)


# Every period pattern holds a year (or "'90s", "FY23"), and every relative one the word "year"
# or "decade": find those cheaply first (digit runs; a plain substring search) and run the
# patterns only in windows around them. Scanning the whole text with each pattern cost more than
# tokenizing it.
_YEAR_RUN = re.compile(r"[12]\d\d\d(?!\d)")
_SHORT_YEAR = re.compile(r"'\d0s|[Ff][Yy]\s?'?\d\d(?!\d)")
_BEFORE_HINT, _AFTER_HINT = 48, 32  # longest lead: "since the beginning of the year "


def _year_hints(text: str) -> list[tuple[int, int]]:
    hints = [m.span() for m in _YEAR_RUN.finditer(text) if not (m.start() and text[m.start() - 1].isdigit())]
    if "'" in text or "y" in text or "Y" in text:
        hints += [(m.end() - 2 - (m.group(0).endswith("s")), m.end()) for m in _SHORT_YEAR.finditer(text)]
        hints.sort()
    return hints


def _relative_hints(text: str) -> list[tuple[int, int]]:
    """Where "year" or "decade" stands, by substring search (a regex alternation was slower)."""
    lowered = text.lower()
    hints = []
    for word in ("year", "decade"):
        pos = lowered.find(word)
        while pos >= 0:
            hints.append((pos, pos + len(word)))
            pos = lowered.find(word, pos + 1)
    hints.sort()
    return hints


def _segments(spans, length: int) -> list[tuple[int, int]]:
    segments: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - _BEFORE_HINT), min(length, end + _AFTER_HINT)
        if segments and lo <= segments[-1][1]:
            segments[-1] = (segments[-1][0], hi)
        else:
            segments.append((lo, hi))
    return segments


def find_periods(text: str, as_of: dt.date | None = None) -> list[Period]:
    """Every period in `text`, longest-first where patterns overlap, in text order."""
    found: list[Period] = []
    taken = bytearray(len(text))  # 1 where an earlier (longer) pattern already matched

    def free(start: int, end: int) -> bool:
        return taken.find(1, start, end) < 0

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    hints = _year_hints(text)
    for lo, hi in _segments(hints, len(text)):
        window = text[lo:hi].lower()
        for (kind, pattern), needs in zip(PATTERNS, NEEDS):
            if not any(word in window for word in needs):
                continue
            for m in pattern.finditer(text, lo, hi):
                if not free(m.start(), m.end()):
                    continue
                groups = m.groupdict()
                period = _period(kind, groups, m)
                if period is None and groups.get("y"):  # "2019-18" is no range; keep its first year
                    period = Period(m.group("y"), m.start("y"), m.end("y"), "year", int(m.group("y")), int(m.group("y")))
                if period is not None and free(period.start, period.end):
                    found.append(period)
                    take(period.start, period.end)
    for start, end in hints:
        if end - start != 4 or not text[start].isdigit() or not free(start, end):
            continue
        m = YEAR_AT.match(text, start)
        if m is None:
            continue
        if last_word(text, start) in ("year", "cy"):
            prefix = _YEAR_PREFIX.search(text, max(0, start - 24), start)
            start = prefix.start() if prefix else start
        year = int(m.group("y"))
        found.append(Period(text[start:m.end()], start, m.end(), "year", year, year))
        take(start, m.end())
    segments = _segments(_relative_hints(text), len(text))
    if segments:
        as_of = as_of or dt.date.today()
    for lo, hi in segments:
        for m in RELATIVE.finditer(text, lo, hi):
            if free(m.start(), m.end()):
                found.append(_relative(m, as_of))
                take(m.start(), m.end())
    found.sort(key=lambda p: p.start)
    return found
