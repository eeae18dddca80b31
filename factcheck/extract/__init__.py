"""Extract stage: read every quantity, period and place in an article's text.

Public API: `extract` (sentences with their quantities, places, periods), `extract_quantities`
(the flat list `factcheck extract` prints, years included) and `get_nlp` (the cached Language).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from factcheck.extract.model import Extraction, Period, Place, Quantity, Sentence
from factcheck.extract.pipeline import CHUNK_CHARS, FIGURE_COMPONENTS, JOINT, figures_joined, get_nlp, process, tokenizable  # noqa: F401
from factcheck.extract.sentences import build_extraction, extract_chunked, quantities_chunked  # noqa: F401

__all__ = ["extract", "extract_many", "extract_quantities", "get_nlp", "period_as_quantity", "quantities_many",
           "Extraction", "Period", "Place", "Quantity", "Sentence"]


def extract(text: str, *, as_of: dt.date | None = None) -> Extraction:
    """Sentences (spaCy sentencizer plus line breaks) with their quantities, places and periods.
    Numbers that are part of a period ("in 2023") are periods, not quantities."""
    return extract_chunked(text, as_of)  # long texts in chunks (pipeline.chunk_bounds)


def extract_many(texts: Iterable[str], *, as_of: dt.date | None = None, batch_size: int = 64) -> Iterator[Extraction]:
    """`extract` for many articles through spaCy's `nlp.pipe` (batched tokenization): what the
    CLI uses for a folder of drafts. Yields one Extraction per text, in order."""
    # Each text through `extract_chunked` (pipeline.process): spaCy's nlp.pipe tokenizes one text
    # at a time too, and a Doc it makes lacks the input string, so every component rebuilt
    # `doc.text` from the tokens (~13 ms an article).
    for text in texts:
        yield extract_chunked(text, as_of)


def period_as_quantity(p: Period) -> Quantity:
    """A period in the `factcheck extract` contract: kind "year", value the first year, value_max
    the last year of a range; a decade keeps unit "decade" and its first year."""
    if p.kind == "decade":
        return Quantity(p.surface, p.start, p.end, "year", float(p.start_year), "decade")
    value_max = float(p.end_year) if p.end_year is not None and p.end_year != p.start_year else None
    return Quantity(p.surface, p.start, p.end, "year", float(p.start_year), "year", value_max=value_max)


JOINED_CHARS = 16_000  # characters of short texts read through one Doc (pipeline.figures_joined)


def quantities_many(texts: list[str], *, as_of: dt.date | None = None, batch_size: int = 256) -> Iterator[list[Quantity]]:
    """`extract_quantities` for many short texts (the lines of `extract --jsonl`), read many to a
    Doc (pipeline.figures_joined). Yields one list per text, in order; the same lists as one Doc
    per text (`quantities_one`)."""
    group: list[str] = []
    size = 0
    for text in texts:
        if "\x00" in text or len(text) > JOINED_CHARS:  # read on its own
            yield from _quantities_joined(group, as_of)
            group, size = [], 0
            yield quantities_one(text, as_of)
            continue
        if size + len(text) > JOINED_CHARS:
            yield from _quantities_joined(group, as_of)
            group, size = [], 0
        group.append(text)
        size += len(text) + len(JOINT)
    yield from _quantities_joined(group, as_of)


def quantities_one(text: str, as_of: dt.date | None = None) -> list[Quantity]:
    """One text's quantities and periods (as kind "year"), in text order, from a Doc of its own."""
    if len(text) > CHUNK_CHARS:
        return extract_quantities(text, as_of=as_of)
    doc = process(text, as_of, FIGURE_COMPONENTS)
    quantities = doc.spans["quantities"].attrs.get("records", ()) if "quantities" in doc.spans else ()
    periods = doc.spans["periods"].attrs.get("records", ()) if "periods" in doc.spans else ()
    return _in_order(quantities, periods)


def _in_order(quantities, periods) -> list[Quantity]:
    return sorted([*quantities, *(period_as_quantity(p) for p in periods)], key=lambda q: q.start)


def _quantities_joined(texts: list[str], as_of: dt.date | None) -> list[list[Quantity]]:
    if len(texts) < 2:
        return [quantities_one(text, as_of) for text in texts]
    return [_in_order(quantities, periods) for quantities, periods in figures_joined(texts, as_of)]


def extract_quantities(text: str, *, as_of: dt.date | None = None) -> list[Quantity]:
    """Every quantity in `text` in text order, years and periods included as kind "year"."""
    quantities, periods = quantities_chunked(text, as_of)
    quantities += [period_as_quantity(p) for p in periods]
    return sorted(quantities, key=lambda q: q.start)
