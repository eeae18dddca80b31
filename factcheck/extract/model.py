"""What the extract stage hands on: plain records of the quantities, places and periods it found.

Offsets are indexes into the text given to the extractor (the document's prose `text`), end
exclusive, and `text[start:end] == surface` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of quantity (DESIGN.md JSON contract): money, percent, percentage_points, count, year, ratio.
# `multiplier` ("doubled", "three times") is kept apart from `ratio` so a claim can tell growth by a
# factor from a ratio between two figures.
QUANTITY_KINDS = ("money", "percent", "percentage_points", "count", "year", "ratio", "multiplier")
RANGE_KINDS = ("range", "from_to", "vague")
ROLES = ("change", "level", "base")  # a change and a level in one phrase

# Hedges as structured data; `None` means the figure is stated plainly.
HEDGES = (
    "about",  # about, around, roughly, some, approximately, an estimated
    "nearly",  # nearly, almost, close to, just under
    "more_than",  # more than, over, above, in excess of
    "at_least",  # at least, no less than
    "up_to",  # up to, as much as
    "less_than",  # less than, under, below, fewer than
    "almost_all",  # almost all, virtually all, nearly all
    "only",  # only, just, a mere (no effect on the interval; kept for explanations)
)


@dataclass(frozen=True)
class Quantity:
    """A number as stated, with the interval its own precision allows.

    `value` is in base units (2.27 billion dollars -> 2.27e9, unit "USD"; 97% -> 97.0, unit
    "percent"); `low`/`high` is the rounding interval of the stated figure, half-open
    ("$2.27 billion" -> [2.265e9, 2.275e9)). For ranges ("$3-5 billion") `value` is the lower
    bound and `value_max` the upper, each with the scale applied. `direction` is "up" or "down"
    when the sentence states a signed change ("fell 3%"); the value itself stays positive.

    `range_kind` says how two bounds were joined: "range" ("$3-5 billion", "between $2 and $3
    billion"), "from_to" ("from $350 to $680": a change from `value` to `value_max` when
    `direction` is set, "rose from ...", otherwise a span of values), or "vague" ("tens of
    millions of dollars", "hundreds of billions": an order of magnitude, `value` to `value_max`
    with `hedge` "about"). None for a single figure.

    `role` says what a figure is when a change and a level stand in one phrase: "change" for the
    size of the move ("rose by $12.5 billion to $310.2 billion", "fell 4% to $80 billion", "up $3
    billion from $40 billion": the first figure, with `direction`), "level" for the figure the
    thing moved to ("to $310.2 billion") and "base" for the one it moved from ("from $40
    billion"; also the 24.2 of "from 24.2 to 33-35 billion euros", whose second side is a range
    and so is a Quantity of its own with role "level"). The quantities of one phrase are
    consecutive. None when a figure is stated alone.
    """

    surface: str
    start: int
    end: int
    kind: str
    value: float
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    value_max: float | None = None
    hedge: str | None = None
    direction: str | None = None
    range_kind: str | None = None  # "range" | "from_to" | "vague" (see above)
    role: str | None = None  # "change" | "level" | "base" (see above)


@dataclass(frozen=True)
class Period:
    """A time expression. `start_year`/`end_year` are inclusive; `end_year` is None for open
    periods ("since 2017": to the latest year with data). `relative` marks expressions resolved
    against the as-of date ("last year")."""

    surface: str
    start: int
    end: int
    kind: str  # year | range | since | decade | fiscal | part_of_year | relative
    start_year: int
    end_year: int | None
    relative: bool = False


@dataclass(frozen=True)
class Place:
    """A mention of a country. `iso3` is None when the mention is ambiguous ("Korea" with no
    context); `candidates` then lists the readings. `how` says what matched: name, alias,
    capital (metonymy), demonym, prefix ("Sino-")."""

    surface: str
    start: int
    end: int
    iso3: str | None
    how: str = "name"
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """One sentence of the document with everything the extractor found in it."""

    text: str
    start: int
    end: int
    quantities: tuple[Quantity, ...] = ()
    places: tuple[Place, ...] = ()
    periods: tuple[Period, ...] = ()
    heading: bool = False  # a title or heading line: supplies context to what follows


@dataclass(frozen=True)
class Extraction:
    sentences: tuple[Sentence, ...] = field(default_factory=tuple)

    @property
    def quantities(self) -> tuple[Quantity, ...]:
        return tuple(q for s in self.sentences for q in s.quantities)
