"""Sentences of a processed Doc as plain records, each with the quantities, places and periods
that start inside it."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import numpy

from spacy.tokens import Doc

from factcheck.extract.model import Extraction, Sentence
from factcheck.extract.pipeline import CHUNK_CHARS, SENT_STARTS_KEY, chunk_bounds, process, token_starts
from factcheck.records import record

HEADING_MAX_WORDS = 12
_FINAL_PUNCTUATION = tuple(".!?:;…\"'”’)")


def _records(doc: Doc, key: str) -> list:
    return list(doc.spans[key].attrs.get("records", ())) if key in doc.spans else []


def _within(records: list, starts: list[int], lo: int, hi: int) -> tuple:
    return tuple(records[bisect_left(starts, lo):bisect_left(starts, hi)])


def _is_heading(text: str, sentence: str, start: int, end: int) -> bool:
    """A short line on its own with no final punctuation: a title, heading or page furniture."""
    if sentence.endswith(_FINAL_PUNCTUATION) or sentence.count(" ") >= HEADING_MAX_WORDS:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return (
        line == sentence
        and len(sentence.split()) <= HEADING_MAX_WORDS
        and not sentence.endswith(_FINAL_PUNCTUATION)
    )


def build_extraction(doc: Doc, text: str | None = None) -> Extraction:
    text = doc.text if text is None else text
    quantities = _records(doc, "quantities")
    places = _records(doc, "places")
    periods = _records(doc, "periods")
    q_starts = [q.start for q in quantities]
    pl_starts = [p.start for p in places]
    pe_starts = [p.start for p in periods]
    sentences = []
    if len(doc) == 0:
        return Extraction(())
    # Sentence bounds from token arrays (doc.sents would make a Token object per word).
    idx = token_starts(doc)
    first_tokens = doc.user_data.get(SENT_STARTS_KEY)
    if first_tokens is None:  # a Doc made by another pipeline
        first_tokens = numpy.flatnonzero(doc.to_array("SENT_START") == 1)
    bounds = [int(idx[i]) for i in first_tokens]
    if not bounds or bounds[0] != 0:
        bounds.insert(0, 0)
    bounds.append(len(text))
    for lo, hi in zip(bounds, bounds[1:]):
        raw = text[lo:hi]
        stripped = raw.strip()
        if not stripped:
            continue
        start = lo + (len(raw) - len(raw.lstrip()))
        end = start + len(stripped)
        sentences.append(
            record(
                Sentence,
                text=stripped,
                start=start,
                end=end,
                # Records belong to the sentence they start in.
                quantities=_within(quantities, q_starts, lo, hi),
                places=_within(places, pl_starts, lo, hi),
                periods=_within(periods, pe_starts, lo, hi),
                heading=_is_heading(text, stripped, start, end),
            )
        )
    return Extraction(tuple(sentences))


def shifted(item, offset: int):
    """A record (Sentence, Quantity, Period, Place) moved `offset` characters on, with the records
    inside a Sentence moved too: a chunk's positions become the whole text's."""
    if not offset:
        return item
    fields = dict(item.__dict__)
    fields["start"] += offset
    fields["end"] += offset
    for name in ("quantities", "places", "periods"):
        if name in fields:
            fields[name] = tuple(shifted(r, offset) for r in fields[name])
    return record(type(item), **fields)


def chunk_sentences(text: str, as_of=None) -> Iterator[Sentence]:
    """The sentences of `text` (any length) in order, one chunk (pipeline.chunk_bounds) at a time:
    each chunk's Doc is processed, its sentences moved to their place in `text`, and dropped."""
    for lo, hi in chunk_bounds(text):
        piece = text[lo:hi]
        for sentence in build_extraction(process(piece, as_of), piece).sentences:
            yield shifted(sentence, lo)


def extract_chunked(text: str, as_of=None) -> Extraction:
    """`build_extraction(process(text))` for a text of any length: each chunk (pipeline.chunk_bounds)
    is processed on its own and dropped, and its sentences are moved to their place in `text`."""
    if len(text) <= CHUNK_CHARS:
        return build_extraction(process(text, as_of), text)
    return Extraction(tuple(chunk_sentences(text, as_of)))


class StreamedSentences:
    """The sentences of a long text as an iterable that holds none of them: every pass extracts
    the text again, chunk by chunk. For a reader that walks the sentences once and keeps only what
    it found (the claims), a 40 MB text costs one chunk's sentences instead of all of them (~12 MB
    of records a MB of text); a second pass (`Extraction.quantities`) pays the extraction again."""

    def __init__(self, text: str, as_of=None) -> None:
        self.text, self.as_of = text, as_of

    def __iter__(self) -> Iterator[Sentence]:
        return chunk_sentences(self.text, self.as_of)


def streamed_extraction(text: str, as_of=None) -> Extraction:
    """`extract_chunked(text)`, with the same sentences, read lazily when the text is longer than
    one chunk (see StreamedSentences); a short text is extracted at once as before."""
    if len(text) <= CHUNK_CHARS:
        return build_extraction(process(text, as_of), text)
    return Extraction(StreamedSentences(text, as_of))  # type: ignore[arg-type] - an iterable, read in order


def quantities_chunked(text: str, as_of=None) -> tuple[list, list]:
    """Every quantity and period record of `text` (any length), positions in `text`."""
    quantities, periods = [], []
    for lo, hi in chunk_bounds(text):
        doc = process(text[lo:hi], as_of)
        quantities += [shifted(q, lo) for q in _records(doc, "quantities")]
        periods += [shifted(p, lo) for p in _records(doc, "periods")]
    return quantities, periods
