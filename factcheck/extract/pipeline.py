"""The one cached spaCy `Language`: `spacy.blank("en")` plus rule components that write
`doc.spans["periods"]`, `doc.spans["quantities"]` and `doc.spans["places"]` the way spaCy's
SpanRuler does. The extract stage's records (Quantity, Period, Place) ride along in each span
group's `attrs["records"]`, so spans and records always come from the same reading.

`as_of` reaches the periods component through spaCy's `component_cfg`:
`nlp(text, component_cfg={"factcheck_periods": {"as_of": date}})`.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from factcheck.extract.places import PlaceFinder
from factcheck.extract.quantities import find_quantities
from factcheck.extract.time import find_periods


_NEWLINE = re.compile(r"\n")


def _spans(doc: Doc, records, label_of) -> list[Span]:
    spans = []
    for r in records:
        span = doc.char_span(r.start, r.end, label=label_of(r), alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans


@Language.component("factcheck_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Every line starts a sentence: headings, list items and page furniture have no final full
    stop, and the sentencizer alone would run them into the next line."""
    text = doc.text
    if "\n" not in text or len(doc) == 0:
        return doc
    # Map each newline to the token holding it with one vectorised search instead of a Python
    # loop over every token.
    starts = doc.to_array("IDX")
    newlines = numpy.fromiter((m.start() for m in _NEWLINE.finditer(text)), dtype=starts.dtype)
    holders = numpy.unique(numpy.searchsorted(starts, newlines, side="right") - 1)
    for i in holders:
        if i + 1 < len(doc):
            doc[int(i) + 1].is_sent_start = True
    return doc


class PeriodFinder:
    def __call__(self, doc: Doc, as_of: dt.date | None = None) -> Doc:
        periods = find_periods(doc.text, as_of)
        doc.spans["periods"] = _spans(doc, periods, lambda p: p.kind)
        doc.spans["periods"].attrs["records"] = periods
        return doc


class QuantityFinder:
    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        skip = bytearray(len(text))
        for p in doc.spans["periods"].attrs.get("records", ()) if "periods" in doc.spans else ():
            skip[p.start:p.end] = b"\x01" * (p.end - p.start)
        quantities = find_quantities(text, skip)
        doc.spans["quantities"] = _spans(doc, quantities, lambda q: q.kind)
        doc.spans["quantities"].attrs["records"] = quantities
        return doc


@Language.factory("factcheck_periods")
def make_periods(nlp: Language, name: str) -> PeriodFinder:
    return PeriodFinder()


@Language.factory("factcheck_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder()


@Language.factory("factcheck_places")
def make_places(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extractor's pipeline, built once per process (no model download: blank English plus
    rules)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck_line_breaks")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("factcheck_periods")
    nlp.add_pipe("factcheck_quantities")
    nlp.add_pipe("factcheck_places")
    return nlp
