"""Quantities in text: money, percentages, percentage points, multipliers, shares written as
fractions, plain counts, and ranges of any of them.

One pass over the number cores that `numbers.CORE` finds; each core is read together with what
stands around it (currency before or after, scale, unit, hedge, sign, a second bound). Why by
hand: no library reads news money forms ("USD10m", "C$ 16.4 million", "$3-5 billion") and spaCy's
Matcher works on tokens, which these glued forms do not line up with (see numbers.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.extract import context, money
from factcheck.extract.model import Quantity
from factcheck.records import record
from factcheck.extract.numbers import (
    CORE,
    FRACTIONS,
    SCALE_ABBR_RE,
    SCALE_ABBREVIATIONS,
    SCALE_WORD_RE,
    SCALE_WORDS,
    Number,
    interval,
    parse_core,
)
from factcheck.extract.word_forms import (
    A_BEFORE,
    WordHints,
    hints_from_text,
    multiplier_words,
    percent_of,
    single_units,
    vague_amounts,
)

# Units after a figure other than currencies, tried in this order at one position.
UNIT_AFTER_RE = re.compile(
    r"(?P<percent>[ \t]?(?:%|(?i:per\s?cents?|percents?|percentage(?![\s-]+points?)|pct|pc)(?![\w])))"
    r"|(?P<points>[ \t]?(?i:percentage[\s-]+points?|pp|ppts?|p\.p\.)(?![\w]))"
    r"|(?P<basis_points>[ \t]?(?i:basis\s+points?|bps?)(?![\w]))"
    r"|(?P<fold>[ \t]?(?:-\s*)?(?i:fold)\b|x(?![\w])(?<=\dx))"
    r"|(?P<times>\s+(?i:times)(?=\s+(?:(?i:as|more|higher|larger|bigger|greater|less|smaller|lower|over|the|that|what|its|their|those)\b"
    r"|[A-Z][\w.]*)))"
    r"|(?P<bare_points>[ \t]?(?i:points?|pts?)(?![\w]))"
)
OF_RE = re.compile(r"\s+of\b")
SHARE_OF_RE = re.compile(r"\s+(?i:in|out\s+of)\s+")
# Between two bounds; a rate unit may stand after the first ("$350 per kg to $680 per kg").
RANGE_SEP_RE = re.compile(r"(?:\s*(?:per|a|/)\s*[^\W\d]+)?\s*(?P<sep>-|–|—|to|and)\s*")
MINOR_RE = re.compile(r"\s+(?:and\s+)?")
MINOR_END_RE = re.compile(r"\s*(?:(?i:cents?|pence|mao|sen|satang|kopecks?|kopeks?|groszy?|öre|øre)\b|(?=[.,;:!?)]|\s*$|\s+and\b))")
ORDINAL_BEFORE = re.compile(
    r"(?i:\b(?:the|first|second|third|fourth|last|this|next|per|each|every|previous|latest|final))\s+$"
)
RATING_BEFORE = re.compile(r"(?i:\b(?:rated|rating|scored|score|ranked|ranks?|grade[sd]?)\s+(?:of\s+)?)$")
RATING_AFTER = re.compile(r"(?i:\s+(?:stars?|points?|marks?)\b)")
DIGIT_RUN = re.compile(r"\d+")
URL_RE = re.compile(r"(?i:\b(?:https?://|www\.))\S+")
@dataclass(slots=True)
class _Reading:
    """One number core read with its surroundings, before it becomes a Quantity."""

    start: int
    end: int
    number: Number
    kind: str = "count"
    unit: str | None = None
    scale: float = 1.0
    factor: float = 1.0  # currency sub-unit ("cents")
    explicit_scale: bool = False
    sign: float = 1.0
    unit_start: int = 0  # where the unit after the figure (if any) begins

    @property
    def value(self) -> float:
        return self.sign * self.number.value * self.scale * self.factor

    def bounds(self) -> tuple[float, float]:
        low, high = interval(self.number.value, self.number.step, self.scale * self.factor)
        return (low, high) if self.sign > 0 else (-high, -low)


def _read(text: str, m: re.Match, floor: int) -> _Reading | None:
    number = parse_core(m)
    if number is None:
        return None
    start, end = m.span()
    if number.form == "words" and number.is_fraction and ORDINAL_BEFORE.search(text, max(0, start - 12), start):
        return None  # "the third quarter", "first half": ordinals, not shares
    if number.form == "words" and number.is_fraction and not number.has_scale_word and _fraction_in_name(text, m):
        return None  # "Fourth of July", "the Third Reich", "Half Moon Bay": part of a name
    reading = _Reading(start, end, number)
    before = money.currency_before(text, start)
    if before and before[0] >= floor:
        reading.start, reading.kind, reading.unit = before[0], "money", before[1].code
        reading.scale = before[1].scale
    elif start > 0 and (text[start - 1].isalpha() or (text[start - 1] == "-" and start > 1 and text[start - 2].isalpha())):
        return None  # digits glued to a word that is not a currency ("views0", "COVID-19")
    if before is None and start > 1 and text[start - 1] in "-−":
        signed = money.currency_before(text, start - 1)
        if signed and signed[0] >= floor:  # "$-99.99"
            reading.start, reading.kind, reading.unit, reading.sign = signed[0], "money", signed[1].code, -1.0
            reading.scale = signed[1].scale
    sign_at = context.negative_sign_before(text, reading.start)
    if sign_at is not None and sign_at >= floor:
        reading.start, reading.sign = sign_at, -1.0
    if reading.kind != "money" and not _unit_may_follow(text, end):
        # The common case, a bare figure followed by a space and a digit or punctuation.
        reading.unit_start = reading.end = end
        if number.is_fraction and _is_share(text, reading, end):
            reading.kind, reading.unit, reading.factor = "percent", "percent", 100.0
        return reading
    pos = _read_scale(text, reading, end, currency_known=reading.kind == "money")
    reading.unit_start = pos
    return _read_unit(text, reading, pos)


_CAPITALISED_FRACTION = re.compile(rf"\b(?:{'|'.join(w.capitalize() for w in FRACTIONS)})\b")
# After a capitalised fraction word: a capitalised word that goes on a name ("Third Reich", "Half
# Moon"), not a title-cased function word ("Half Of Exports"); or "of" and a month ("Fourth of July").
_NAME_AFTER = re.compile(
    r"[ \t\u00a0]+(?:(?!(?:Of|The|A|An|In|On|To|For|And|Or|By|At|From|With|As|Is|Was|Are|Were|Its|Their)\b)[A-Z][a-z]"
    r"|of\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)


def _fraction_in_name(text: str, m: re.Match) -> bool:
    """A fraction word written with a capital and followed by a name or a month is part of a
    name or a holiday, not a share: "Fourth of July", "the Third Reich", "a Half Moon Bay"."""
    return bool(_CAPITALISED_FRACTION.search(text, m.start(), m.end()) and _NAME_AFTER.match(text, m.end()))


def _is_share(text: str, reading: _Reading, pos: int) -> bool:
    """A fraction that is a share: "two-thirds of exports", "fell by a third"."""
    return bool(OF_RE.match(text, pos)) or text.endswith("by ", max(0, reading.start - 3), reading.start)


def _read_scale(text: str, reading: _Reading, pos: int, *, currency_known: bool) -> int:
    if reading.number.has_scale_word or not _unit_may_follow(text, pos):
        return pos
    m = SCALE_WORD_RE.match(text, pos)
    if m:
        reading.scale *= SCALE_WORDS[m.group("scale").lower()]
        reading.explicit_scale = True
        return m.end()
    if currency_known or _currency_follows_abbreviation(text, pos):
        m = SCALE_ABBR_RE.match(text, pos)
        if m:
            reading.scale *= SCALE_ABBREVIATIONS[m.group("scale").lower()]
            reading.explicit_scale = True
            return m.end()
    return pos


def _currency_follows_abbreviation(text: str, pos: int) -> bool:
    m = SCALE_ABBR_RE.match(text, pos)
    return bool(m and money.currency_after(text, m.end()))


def _glued_to_next_number(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isdigit()


def _next_visible(text: str, pos: int) -> str:
    """The first character after `pos` past one space or tab ("" at the end)."""
    if pos < len(text) and text[pos] in " \t":
        pos += 1
    return text[pos] if pos < len(text) else ""


def _unit_may_follow(text: str, pos: int) -> bool:
    """Whether anything a unit is written with (a letter, a sign, a hyphen) stands next: most
    figures are followed by a space and a digit, comma or full stop, and skip every pattern."""
    nxt = _next_visible(text, pos)
    return bool(nxt) and (nxt.isalpha() or not (nxt.isdigit() or nxt in _NEVER_UNIT_START))


_NEVER_UNIT_START = frozenset(" \n\r,.;:!?)]}\"'’”/")


def _read_unit(text: str, reading: _Reading, pos: int) -> _Reading:
    """The unit after the figure: currency, percent, points, fold; sets `reading.end`."""
    if reading.kind != "money" and not _unit_may_follow(text, pos):
        if reading.number.is_fraction and reading.scale == 1.0 and _is_share(text, reading, pos):
            reading.kind, reading.unit, reading.factor = "percent", "percent", 100.0
        reading.end = pos
        return reading
    if reading.kind == "money":
        after = money.currency_after(text, pos)
        # "$ 10 dollars": a word repeating the currency belongs to the figure.
        if (after and after[1].code == reading.unit and text[pos:after[0]].strip().isalpha()
                and not _glued_to_next_number(text, after[0])):
            pos = after[0]
        reading.end = pos
        return _read_scale_after_code(text, reading)
    m = UNIT_AFTER_RE.match(text, pos)
    unit = m.lastgroup if m else None
    if unit == "percent":
        reading.kind, reading.unit, reading.end = "percent", "percent", m.end()
        return reading
    if unit in ("points", "basis_points"):
        reading.kind, reading.unit, reading.end = "percentage_points", "percentage_points", m.end()
        reading.factor = 0.01 if unit == "basis_points" else 1.0
        return reading
    after = money.currency_after(text, pos)
    if after and not _glued_to_next_number(text, after[0]):
        currency = after[1]
        if not currency.needs_scale or reading.explicit_scale or reading.number.has_scale_word:
            reading.kind, reading.unit, reading.end = "money", currency.code, after[0]
            reading.factor, reading.scale = currency.factor, reading.scale * currency.scale
            return _read_scale_after_code(text, reading)
    if unit in ("fold", "times"):
        reading.kind, reading.end = "multiplier", m.end()
        return reading
    if unit == "bare_points" and _percent_earlier_in_sentence(text, reading.start):
        reading.kind, reading.unit, reading.end = "percentage_points", "percentage_points", m.end()
        return reading
    if reading.number.is_fraction and reading.scale == 1.0 and _is_share(text, reading, pos):
        reading.kind, reading.unit, reading.factor, reading.end = "percent", "percent", 100.0, pos
        return reading
    reading.end = pos
    return reading


def _read_scale_after_code(text: str, reading: _Reading) -> _Reading:
    """"75 USD million": the scale may follow the currency code."""
    if not reading.explicit_scale and not reading.number.has_scale_word:
        m = SCALE_WORD_RE.match(text, reading.end)
        if m:
            reading.scale *= SCALE_WORDS[m.group("scale").lower()]
            reading.explicit_scale = True
            reading.end = m.end()
    return reading


def _percent_earlier_in_sentence(text: str, pos: int) -> bool:
    start = max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos), pos - 300, 0)
    chunk = text[start:pos].lower()
    return "%" in chunk or "percent" in chunk or "per cent" in chunk


def _range_kind(text: str, first: _Reading, nxt: _Reading) -> str | None:
    """"range" when `first` and `nxt` are the two bounds of one range ("$3-5 billion", "between
    $2 and $3 billion", "2 to 3 percent"), "from_to" for "from $350 per kg to $680 per kg"."""
    if nxt.start - first.end > 24:
        return None
    sep = RANGE_SEP_RE.fullmatch(text, first.end, nxt.start)
    if not sep:
        return None
    word = sep.group("sep").strip().lower()
    lead_end, _ = context.hedge_before(text, first.start)
    lead = text[max(0, lead_end - 9):lead_end].lower().rstrip()
    if word == "and" and not lead.endswith("between"):
        return None
    kind = "from_to" if lead.endswith("from") else "range"
    if kind == "from_to" and word not in ("to", "-", "–", "—"):
        return None
    if first.kind == "count" and nxt.kind == "count":
        return kind
    if first.kind == "count" or first.kind == nxt.kind:
        return kind if first.unit in (None, nxt.unit) else None
    if nxt.kind == "count":
        # "$3-5 billion": the second bound carries the scale; "rose 2% to 1,500 tonnes" is no range.
        if word in ("-", "–", "—") or (nxt.explicit_scale and not first.explicit_scale):
            return kind
    return None


def _merge_range(first: _Reading, second: _Reading, range_kind: str | None = None) -> _Reading:
    if first.kind == "count":
        first.kind, first.unit, first.factor = second.kind, second.unit, second.factor
    elif second.kind == "count":
        second.kind, second.unit, second.factor = first.kind, first.unit, first.factor
    if _borrows_scale(first, second, range_kind):
        first.scale = second.scale
    return first


# How far a "from A to B" may fall and still have A share B's scale ("fell from 9 to 3 billion").
_FALL_RATIO = 10.0


def _borrows_scale(first: _Reading, second: _Reading, range_kind: str | None) -> bool:
    """Whether the lower bound takes the upper bound's scale: "$3-5 billion", "between 2 and 3
    million". Not when it has a scale of its own, nor when the borrowed scale would turn it into
    a figure far above the upper bound: "$650,000 to $2.1 million" and "$300 to $5 million" are
    written in full, and 650 billion to 2.1 million is no range anyone writes. A "from A to B"
    may fall ("from 9 to 3 billion"), so there the lower may stand a little above the upper."""
    if first.explicit_scale or first.number.has_scale_word or second.scale == first.scale:
        return False
    borrowed = abs(first.number.value * second.scale * first.factor)
    upper = abs(second.value)
    if borrowed <= upper:
        return True
    return range_kind == "from_to" and borrowed <= upper * _FALL_RATIO


def _to_quantity(text: str, r: _Reading, second: _Reading | None = None, range_kind: str | None = None,
                 context_ends: frozenset[int] | None = None, role: str | None = None) -> Quantity:
    end = second.end if second else r.end
    if context_ends is None:
        word = context.last_word(text, r.start)
    else:  # the hints say whether a hedge or change word ends right before: skip the lookup if not
        before = r.start
        while before and text[before - 1] == " ":
            before -= 1
        word = context.last_word(text, r.start) if before in context_ends else ""
    hedge_start, hedge = context.hedge_before(text, r.start, word)
    low, high = r.bounds()
    value_max = None
    if second is not None:
        value_max = second.value
        low = min(low, second.bounds()[0])
        high = max(high, second.bounds()[1])
    lead = hedge_start
    if range_kind == "from_to":  # "rose from $350 to $680": the verb stands before "from"
        lead = text.rfind("from", max(0, hedge_start - 8), hedge_start)
    lead = lead if lead >= 0 else hedge_start
    direction = context.direction_around(text, lead, end, word if lead == r.start else None)
    if direction is None and r.sign < 0 and r.kind in ("percent", "percentage_points"):
        direction = "down"
    return record(
        Quantity, surface=text[r.start:end], start=r.start, end=end, kind=r.kind, value=r.value,
        unit=r.unit, low=low, high=high, value_max=value_max, hedge=hedge, direction=direction,
        range_kind=range_kind, role=role,
    )


def _add_minor_unit(text: str, r: _Reading) -> None:
    """"thirteen dollars and forty-five cents", "15 USD 50": the cents after whole units."""
    if r.kind != "money" or r.explicit_scale or not r.number.is_integer or r.factor != 1.0:
        return
    sep = MINOR_RE.match(text, r.end)
    if not sep:
        return
    m = CORE.match(text, sep.end())
    if not m:
        return
    minor = parse_core(m)
    if minor is None or not minor.is_integer or not 0 < minor.value < 100:
        return
    tail = MINOR_END_RE.match(text, m.end())
    if not tail:
        return
    r.number = Number(r.number.value + minor.value / 100, 0.01, r.number.form, is_integer=False)
    r.end = tail.end() if tail.group(0).strip() else m.end()


def _skip_mask(text: str, skip: bytearray | None) -> bytearray:
    """Characters not to read: periods already found, and web addresses ("%20" is no percent)."""
    mask = skip if skip is not None else bytearray(len(text))
    if "://" in text or "www." in text:
        for m in URL_RE.finditer(text):
            mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return mask


def _candidates(text: str, hints: WordHints) -> list[int]:
    """Where a number core may start: each run of digits ("." before a decimal) and each number
    word ("a" before "half a billion", "a quarter")."""
    starts = []
    for m in DIGIT_RUN.finditer(text):
        s = m.start()
        if s and text[s - 1] == "." and (s < 2 or not text[s - 2].isdigit()):
            s -= 1  # ".5"
        starts.append(s)
    for s in hints.numbers:
        lead = A_BEFORE.search(text, max(0, s - 4), s)
        starts.append(lead.start() if lead else s)
    starts.sort()
    return starts


def find_quantities(text: str, skip: bytearray | None = None, hints: WordHints | None = None) -> list[Quantity]:
    """All quantities in `text`. `skip` marks characters already read as periods ("in 2023")."""
    hints = hints if hints is not None else hints_from_text(text)
    readings: list[_Reading] = []
    mask = _skip_mask(text, skip)
    floor = 0  # a currency sign already read as one figure's suffix is not the next one's prefix
    scanned = 0  # end of the last number core read, so its inner digits are not read again
    for start in _candidates(text, hints):
        if start < scanned or start < floor or mask[start]:
            continue
        m = CORE.match(text, start)
        if m is None:
            continue
        scanned = m.end()
        reading = _read(text, m, floor)
        if reading is None:
            continue
        previous = readings[-1] if readings else None
        if previous is not None and previous.kind == "count" and _juxtaposed(text, previous, reading):
            # "245 23 yen": two bare figures side by side; which one the unit belongs to (or
            # whether it is a garbled "245.23") cannot be told, so neither is read as money.
            reading.kind, reading.unit, reading.factor, reading.end = "count", None, 1.0, reading.unit_start
        _add_minor_unit(text, reading)
        _accounting_negative(text, reading, readings)
        readings.append(reading)
        floor = reading.end
    quantities = _combine(text, readings, hints.context_ends)
    extras = []
    if hints.multipliers:
        extras += multiplier_words(text, hints.multipliers)
    if hints.units:
        extras += single_units(text, hints.units)
    if hints.percents:
        extras += percent_of(text, readings, hints.percents)
    extras += vague_amounts(text)
    # The figures read above never overlap (each starts past the last one's end); only the
    # word-written ones need sorting in.
    return drop_overlapping(quantities + extras) if extras else quantities


def _combine(text: str, readings: list[_Reading], context_ends: frozenset[int] | None) -> list[Quantity]:
    """The readings as quantities: two bounds joined into one range, a change and its level kept
    apart with their roles, "one in five" read as a share."""
    quantities: list[Quantity] = []
    roles: dict[int, str] = {}  # the role of a reading, given by the one before it
    i = 0
    while i < len(readings):
        r = readings[i]
        nxt = readings[i + 1] if i + 1 < len(readings) else None
        role = roles.get(i)
        paired = _change_and_level(text, r, nxt) if nxt is not None and role is None else None
        if paired:
            roles[i + 1], role = paired, "change"
        elif nxt is not None:
            joined = _joined(text, readings, i, role, context_ends)
            if joined:
                quantities += joined[0]
                i += joined[1]
                continue
        if role or not (r.kind == "count" and text[r.start:r.end].lower() == "one"):
            quantities.append(_to_quantity(text, r, None, None, context_ends, role))  # "one" alone is mostly a pronoun ("one could say")
        i += 1
    return quantities


def _joined(text: str, readings: list[_Reading], i: int, role: str | None,
            context_ends: frozenset[int] | None) -> tuple[list[Quantity], int] | None:
    """Reading i read together with the next ones (a range, "from A to B-C", "one in five"): the
    quantities and how many readings they took; None when reading i stands alone."""
    r, nxt = readings[i], readings[i + 1]
    range_kind = _range_kind(text, r, nxt)
    if range_kind == "from_to" and _nested_range(text, readings, i):
        # "from 24.2 to 33-35 billion euros": the scale and unit of the range reach back
        upper = readings[i + 2]
        _merge_range(nxt, upper, "range")
        base = _to_quantity(text, _merge_range(r, upper, "from_to"), None, None, context_ends, "base")
        return [base, _to_quantity(text, nxt, upper, "range", context_ends, "level")], 3
    if range_kind:
        return [_to_quantity(text, _merge_range(r, nxt, range_kind), nxt, range_kind, context_ends, role)], 2
    if r.kind == "count" and nxt.kind == "count" and _share_of(text, r, nxt):
        share = r.number.value / nxt.number.value * 100
        surface_end = nxt.end
        return [Quantity(text[r.start:surface_end], r.start, surface_end, "percent", share,
                         "percent", share, share, hedge=context.hedge_before(text, r.start)[1])], 2
    return None


def _nested_range(text: str, readings: list[_Reading], i: int) -> bool:
    """Whether readings i+1 and i+2 are a dashed range that ends a "from A to" ("from 24.2 to
    33-35 billion euros"), so the third reading's unit and scale belong to all three."""
    if i + 2 >= len(readings):
        return False
    middle, upper = readings[i + 1], readings[i + 2]
    if readings[i].kind != "count" or middle.kind != "count":
        return False
    sep = RANGE_SEP_RE.fullmatch(text, middle.end, upper.start)
    return bool(sep and sep.group("sep") in ("-", "–", "—") and _range_kind(text, middle, upper) == "range")


# Between a change and its level: "rose by $12.5 billion to $310.2 billion", "up $3 billion from
# $40 billion", "fell 4%, to a record low of $80 billion".
LEVEL_GAP_RE = re.compile(
    r"\s*,?\s+(?P<sep>to|from)\s+"
    r"(?:(?:an?|the)\s+(?:(?:new|fresh)\s+)?(?:(?:all-time|record|multi-year)\s+)?(?:record|high|low|peak)\s+(?:of\s+)?)?"
)
# A range has its bounds close together; a change is mostly far smaller than its level.
_RANGE_SPREAD = 4.0
_LEVEL_KINDS = frozenset({"money", "percent", "percentage_points", "count"})


def _change_and_level(text: str, first: _Reading, nxt: _Reading) -> str | None:
    """"level" or "base" when `first` is the size of a change and `nxt` the level it moved to or
    from ("rose by $12.5 billion to $310.2 billion", "up $3 billion from $40 billion"), None when
    the two are no such pair or are the bounds of one range ("rose 2 to 3 percent", "rose $3 to
    $5 billion": the first bound borrows the second's unit or scale, so it does not stand alone)."""
    if nxt.start - first.end > 48 or first.kind not in _LEVEL_KINDS or nxt.kind not in _LEVEL_KINDS:
        return None
    gap = LEVEL_GAP_RE.fullmatch(text, first.end, nxt.start)
    if gap is None or (first.kind == "count" and nxt.kind != "count"):
        return None
    if first.kind == nxt.kind and _borrows_scale(first, nxt, "range"):
        return None
    hedge_start, _ = context.hedge_before(text, first.start)
    if context.change_verb_before(text, hedge_start) is None:
        return None
    if gap.group("sep") == "from":
        return "base"
    if first.kind == nxt.kind and not text.endswith("by", 0, _end_of_word_before(text, hedge_start)):
        # "rose 5% to 10%" is as often a range of the rise as a rise to a level: a pair only when
        # the bounds could not be one range (the first above the second, or far below it).
        low, high = abs(first.value), abs(nxt.value)
        if low < high <= low * _RANGE_SPREAD:
            return None
    return "level"


def _end_of_word_before(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in " \t\u00a0":
        pos -= 1
    return pos


def _juxtaposed(text: str, previous: _Reading, reading: _Reading) -> bool:
    gap = text[previous.end:reading.start]
    return (gap == " " and reading.kind == "money" and text[reading.start].isdigit()
            and previous.number.form == "digits")


_COPULA_BEFORE = re.compile(r"(?i:\b(?:is|was|were|are|be|been|of)\s*|:\s*|^\s*)$")


def _accounting_negative(text: str, reading: _Reading, earlier: list[_Reading]) -> None:
    """"revenue is ($99.99)": an amount alone in brackets as the value of something is the
    accounting notation for a negative figure. After another amount it is a conversion
    ("1.6 billion francs ($2.54 billion)"), after a noun an aside, and stays positive."""
    if reading.kind != "money" or reading.start == 0 or text[reading.start - 1] != "(":
        return
    if reading.end >= len(text) or text[reading.end] != ")":
        return
    line_start = max(text.rfind("\n", 0, reading.start), text.rfind(".", 0, reading.start - 2), 0)
    if any(r.kind == "money" and r.start >= line_start for r in earlier):
        return
    if _COPULA_BEFORE.search(text, line_start, reading.start - 1):
        reading.sign = -reading.sign
        reading.start -= 1
        reading.end += 1


def _share_of(text: str, first: _Reading, second: _Reading) -> bool:
    """"one in five", "3 out of 4": a share, when the first is the smaller whole number."""
    if second.start - first.end > 10:
        return False
    sep = SHARE_OF_RE.fullmatch(text, first.end, second.start)
    if not (sep and first.number.is_integer and second.number.is_integer
            and 0 <= first.number.value < second.number.value < 1000):
        return False
    # "Rated 4 out of 5 stars", "scored 8 out of 10": a rating, not a share.
    return not (RATING_BEFORE.search(text, max(0, first.start - 20), first.start) or RATING_AFTER.match(text, second.end))


def drop_overlapping(quantities: list[Quantity]) -> list[Quantity]:
    """Keep the earlier-starting, then longer quantity where two overlap ("percent of 10" and "10")."""
    kept: list[Quantity] = []
    for q in sorted(quantities, key=lambda q: (q.start, -(q.end - q.start))):
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept

