"""The one cached spaCy `Language`: `spacy.blank("en")` plus rule components that write
`doc.spans["periods"]`, `doc.spans["quantities"]` and `doc.spans["places"]` the way spaCy's
SpanRuler does. The extract stage's records (Quantity, Period, Place) ride along in each span
group's `attrs["records"]`, so spans and records always come from the same reading.

`as_of` reaches the periods component through spaCy's `component_cfg`:
`nlp(text, component_cfg={"factcheck_periods": {"as_of": date}})`.

Speed (issue 3: at least half the bare tokenizer's words/s): the components work on numpy arrays
of token attributes and on the text, never iterating Token objects in Python.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from bisect import bisect_right
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START
from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc, Span

from factcheck.extract.context import CONTEXT_WORDS
from factcheck.extract.numbers import NUMBER_WORDS
from factcheck.extract.places import PlaceFinder
from factcheck.extract.quantities import find_quantities
from factcheck.extract.word_forms import MULTIPLIER_HINTS, PERCENT_HINTS, UNIT_HINTS, WordHints
from factcheck.extract.time import find_periods

TEXT_KEY = "factcheck.text"
IDX_KEY = "factcheck.idx"
SENT_STARTS_KEY = "factcheck.sent_starts"  # indexes of the tokens that start a sentence
_NEWLINE = re.compile(r"\n")
# Docs of at most this many tokens are split into sentences in plain Python (SentenceSplitter._starts_few).
FEW_TOKENS = 64


def doc_text(doc: Doc) -> str:
    """The Doc's text; `extract` stores the input string so components need not rebuild it from
    the tokens (which costs a Python object per token)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def token_starts(doc: Doc) -> numpy.ndarray:
    """Character offset of each token, computed once per Doc and shared by the components."""
    idx = doc.user_data.get(IDX_KEY)
    if idx is None or len(idx) != len(doc):
        idx = doc.user_data[IDX_KEY] = doc.to_array("IDX").astype(numpy.int64)
    return idx


def _spans(doc: Doc, records, label_of) -> list[Span]:
    """Token spans covering each record's characters (like `char_span(alignment_mode="expand")`),
    found for all records at once on the token offset array."""
    if not records or len(doc) == 0:
        return []
    idx = token_starts(doc)
    starts = numpy.searchsorted(idx, numpy.fromiter((r.start for r in records), numpy.int64, len(records)), "right") - 1
    ends = numpy.searchsorted(idx, numpy.fromiter((r.end for r in records), numpy.int64, len(records)), "left")
    spans = []
    for r, start, end in zip(records, starts.tolist(), ends.tolist()):
        start = max(start, 0)
        if end > start:
            spans.append(Span(doc, start, end, label=label_of(r)))
    return spans


# Abbreviations that stand before a number ("No. 1 trading partner", "Nos. 2 and 3"): the full stop
# after them ends no sentence when a number follows. spaCy's blank English splits "No." off.
NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})


def _rejoin_numbered(doc: Doc, starts, offsets: numpy.ndarray) -> None:
    """Unset the sentence starts that the rule put after "No." before a number. Only the starts
    are looked at, on the text and the token offsets the splitter already has (no Token objects)."""
    text = doc_text(doc)
    for i in numpy.flatnonzero(starts).tolist():
        if i < 2:
            continue
        word, stop, here = int(offsets[i - 2]), int(offsets[i - 1]), int(offsets[i])
        if text[here:here + 1].isdigit() and text[stop:here].strip() == "." and "\n" not in text[stop:here] \
                and text[word:stop].strip().lower() in NUMBER_ABBREVIATIONS:
            starts[i] = False


class SentenceSplitter:
    """spaCy's Sentencizer rule (a sentence ends after one of its punctuation characters, at the
    next token that is not punctuation) plus line breaks: every line starts a sentence, since
    headings, list items and page furniture have no final full stop. Vectorised over token arrays
    because the Sentencizer's own loop made a Token per word."""

    def __init__(self, nlp: Language) -> None:
        # A set, tested per punctuation token: numpy.isin cost ~74 µs a Doc, a set test ~7 µs.
        self.punct_orths = frozenset(nlp.vocab.strings.add(c) for c in Sentencizer.default_punct_chars)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([IDX, ORTH, IS_PUNCT])
        starts = self._starts_few(doc, arr) if n <= FEW_TOKENS else self._starts_many(doc, arr)
        _rejoin_numbered(doc, starts, arr[:, 0])
        values = numpy.where(starts, 1, -1).astype(numpy.uint64).reshape(n, 1)
        doc.from_array([SENT_START], values)
        doc.user_data[SENT_STARTS_KEY] = numpy.flatnonzero(starts)
        return doc

    def _starts_few(self, doc: Doc, arr: numpy.ndarray) -> list[bool]:
        """The rule token by token on Python lists: for a short Doc (a JSONL line, a heading) the
        dozen numpy calls of `_starts_many` cost more than the loop (~170 µs a line, 1.7x the
        tokenizer's time). The same starts."""
        offsets, orths_of, is_punct = arr.T.tolist()
        doc.user_data[IDX_KEY] = arr[:, 0].astype(numpy.int64)
        orths = self.punct_orths
        starts = [False] * len(offsets)
        starts[0] = True
        after_final = False
        for i, (orth, punct) in enumerate(zip(orths_of, is_punct)):
            if punct:
                after_final = after_final or orth in orths
            elif after_final:
                starts[i] = True
                after_final = False
        text = doc_text(doc)
        if "\n" in text:
            for match in _NEWLINE.finditer(text):
                after = bisect_right(offsets, match.start())  # the token after the newline's
                if after < len(starts):
                    starts[after] = True
        return starts

    def _starts_many(self, doc: Doc, arr: numpy.ndarray) -> numpy.ndarray:
        n = len(doc)
        doc.user_data[IDX_KEY] = arr[:, 0].astype(numpy.int64)
        is_punct = arr[:, 2].astype(bool)
        punct = numpy.flatnonzero(is_punct)
        # Sentence-final characters are punctuation tokens: test only those against the set.
        orths = self.punct_orths
        finals = numpy.fromiter((i for i, orth in zip(punct.tolist(), arr[punct, 1].tolist()) if orth in orths),
                                dtype=numpy.int64)
        starts = numpy.zeros(n, dtype=bool)
        starts[0] = True
        # After each sentence-final character, the next token that is not punctuation.
        words = numpy.flatnonzero(~is_punct)
        following = numpy.searchsorted(words, finals + 1)
        starts[words[following[following < words.size]]] = True
        text = doc_text(doc)
        if "\n" in text:
            idx = token_starts(doc)
            newlines = numpy.array([m.start() for m in _NEWLINE.finditer(text)], dtype=idx.dtype)
            after = numpy.searchsorted(idx, newlines, side="right")  # the token after each newline's
            starts[after[after < n]] = True
        return starts


class PeriodFinder:
    def __call__(self, doc: Doc, as_of: dt.date | None = None) -> Doc:
        periods = find_periods(doc_text(doc), as_of)
        doc.spans["periods"] = _spans(doc, periods, lambda p: p.kind)
        doc.spans["periods"].attrs["records"] = periods
        return doc


class QuantityFinder:
    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        groups = (("numbers", NUMBER_WORDS), ("multipliers", MULTIPLIER_HINTS), ("units", UNIT_HINTS),
                  ("percents", PERCENT_HINTS), ("context", CONTEXT_WORDS))
        for label, words in groups:
            self.matcher.add(label, list(nlp.tokenizer.pipe(sorted(words))))
        self.labels = {nlp.vocab.strings[k]: k for k, _ in groups}

    def _hints(self, doc: Doc) -> WordHints:
        return self.hints_of(doc, [(0, len(doc_text(doc)))])[0]

    def hints_of(self, doc: Doc, bounds: list[tuple[int, int]]) -> list[WordHints]:
        """The word hints of each (start, end) piece of the Doc's text, at offsets from the piece's
        start (one piece per text of a joined Doc: `figures_joined`)."""
        # A piece's lists are made only once a word is found in it: most short lines of a joined
        # Doc hold none, and making five empty lists for each was a tenth of such a line's time.
        found: list[dict[str, list[int]] | None] = [None] * len(bounds)
        matches = self.matcher(doc)
        if matches:
            idx = token_starts(doc)
            piece_starts = [lo for lo, _ in bounds]
            for label, start, end in matches:
                name, at = self.labels[label], int(idx[start])
                piece = bisect_right(piece_starts, at) - 1
                lo = bounds[piece][0]
                lists = found[piece]
                if lists is None:
                    lists = found[piece] = {k: [] for k in self.labels.values()}
                if name == "context":  # where the word ends, to meet the figure after it
                    lists[name].append(at - lo + len(doc[start]))
                else:
                    lists[name].append(at - lo)
        hints = []
        for lists in found:
            if lists is None:
                hints.append(NO_WORDS)
                continue
            context_ends = frozenset(lists.pop("context"))
            hints.append(WordHints(**{k: sorted(v) for k, v in lists.items()}, context_ends=context_ends))
        return hints

    @staticmethod
    def quantities_in(text: str, periods, hints: WordHints) -> list:
        """The quantity records of `text`, the figures inside its periods left out."""
        skip = bytearray(len(text))
        for p in periods:
            skip[p.start:p.end] = b"\x01" * (p.end - p.start)
        return [q for q in find_quantities(text, skip, hints) if _plausible(q)]

    def __call__(self, doc: Doc) -> Doc:
        periods = doc.spans["periods"].attrs.get("records", ()) if "periods" in doc.spans else ()
        quantities = self.quantities_in(doc_text(doc), periods, self._hints(doc))
        doc.spans["quantities"] = _spans(doc, quantities, lambda q: q.kind)
        doc.spans["quantities"].attrs["records"] = quantities
        return doc


# The hints of a text in which the matcher found no word (looked for, so context_ends is known: none).
NO_WORDS = WordHints(context_ends=frozenset())

# No trade figure, count or share comes near this; beyond it arithmetic on the number overflows
# (`$999…9 billion` was inf, then `+inf pp` and `Infinity` in JSON reports).
MAX_MAGNITUDE = 1e18


def _plausible(q) -> bool:
    """False for a figure whose value or bounds are not finite or absurdly large."""
    for number in (q.value, q.low, q.high, q.value_max):
        if number is not None and not (math.isfinite(number) and abs(number) <= MAX_MAGNITUDE):
            return False
    return True


@Language.factory("factcheck_sentences")
def make_sentences(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter(nlp)


@Language.factory("factcheck_periods")
def make_periods(nlp: Language, name: str) -> PeriodFinder:
    return PeriodFinder()


@Language.factory("factcheck_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityFinder:
    return QuantityFinder(nlp)


@Language.factory("factcheck_places")
def make_places(nlp: Language, name: str) -> PlaceFinder:
    return PlaceFinder(nlp)


class TradeDefaults(English.Defaults):
    # "U.S.-China trade": spaCy's infixes split a hyphen between letters, not after an
    # abbreviation's full stop, so the whole run stayed one token and neither country was found.
    infixes = [*English.Defaults.infixes, r"(?<=[A-Z]\.)[-–—](?=[A-Z])"]


class TradeEnglish(English):
    """`spacy.blank("en")` with the infix above, in the defaults the tokenizer is built from: set on
    a built tokenizer instead, the infixes were compiled twice and its 2,700 special cases loaded
    again (~130 ms of every cold start)."""

    Defaults = TradeDefaults


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The extractor's pipeline, built once per process (no model download: blank English plus
    rules)."""
    nlp = TradeEnglish()
    nlp.add_pipe("factcheck_sentences")
    nlp.add_pipe("factcheck_periods")
    nlp.add_pipe("factcheck_quantities")
    nlp.add_pipe("factcheck_places")
    return nlp


# Texts are read in chunks of at most this many characters, cut at paragraph, line or sentence
# boundaries: spaCy refuses texts over nlp.max_length (E088, 1,000,000), and one Doc per chunk keeps
# memory bounded however long the article (issue 12, item 9).
CHUNK_CHARS = 200_000
# spaCy's tokenizer peels prefixes and suffixes off a whitespace-free run one at a time, which is
# quadratic: 20 KB of ")" took 66 s. The copy the tokenizer reads gets a space every RUN_CAP
# characters of such a run (same length, so every offset stays exact; the components still read
# the original text). No word or figure is that long.
RUN_CAP = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (RUN_CAP + 1))
_CUTS = (re.compile(r"\n[ \t]*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Consecutive (start, end) pieces covering `text`, each at most `size` characters, cut after
    the last paragraph break in the window, else line break, else sentence end, else space (a
    hard cut only in text with none of these)."""
    bounds, start, n = [], 0, len(text)
    while n - start > size:
        window_end = start + size
        cut = None
        for pattern in _CUTS:
            last = None
            for last in pattern.finditer(text, start + size // 2, window_end):
                pass
            if last is not None:
                cut = last.end()
                break
        cut = cut if cut is not None and cut > start else window_end
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def tokenizable(text: str) -> str:
    """`text` with a space every RUN_CAP characters of any whitespace-free run longer than that."""
    if len(text) <= RUN_CAP or not _LONG_RUN.search(text):
        return text

    def breakup(match: re.Match) -> str:
        run = match.group(0)
        return " ".join(run[i + 1:i + RUN_CAP] if i else run[:RUN_CAP] for i in range(0, len(run), RUN_CAP))

    capped = _LONG_RUN.sub(breakup, text)
    return capped if len(capped) == len(text) else text


# The components the quantities and periods are read by: neither reads the sentences nor the
# places (which run after them), so a caller that wants figures only (`extract --jsonl`) skips those two.
FIGURE_COMPONENTS = ("factcheck_periods", "factcheck_quantities")
# Between the texts of a joined Doc (`figures_joined`): a token no phrase holds, between spaces,
# where spaCy's tokenizer splits (it splits at spaces only: texts joined by a line break tokenized
# 2-4x slower, each line's last and next line's first word read as one string and missing the cache).
JOINT = " \x00 "


def figures_joined(texts: list[str], as_of: dt.date | None = None) -> list[tuple[list, list]]:
    """(quantity records, period records) of each text, as `process(text, as_of, FIGURE_COMPONENTS)`
    gives them, from one Doc of all the texts joined by JOINT (none may hold a NUL; together at
    most nlp.max_length characters).

    Short texts (the lines of `extract --jsonl`) cost a Doc each: spaCy's Doc and the components'
    passes over it were most of a 20-word line's time, and spaCy has no way to run one Doc over
    several texts (nlp.pipe still makes a Doc per text), hence this. What needs the Doc, the word
    hints of the phrase matcher, is found once on the joined Doc and handed to each text at its
    own offsets (the tokenizer splits at whitespace, so each text's tokens are its own, and no
    phrase matches across the NUL); the rules, which read the text itself (windows, the end of the
    text), read each text on its own."""
    nlp = get_nlp()
    bounds, at = [], 0
    for text in texts:
        bounds.append((at, at + len(text)))
        at += len(text) + len(JOINT)
    doc = nlp.make_doc(tokenizable(JOINT.join(texts)))
    quantity_finder = nlp.get_pipe("factcheck_quantities")
    found = []
    for text, hints in zip(texts, quantity_finder.hints_of(doc, bounds)):
        periods = find_periods(text, as_of)
        found.append((quantity_finder.quantities_in(text, periods, hints), periods))
    return found


def process(text: str, as_of: dt.date | None = None, only: tuple[str, ...] | None = None) -> Doc:
    """Run the pipeline on `text` (at most nlp.max_length characters: see chunk_bounds), handing
    the components the input string itself; `only`: just the components named."""
    nlp = get_nlp()
    doc = nlp.make_doc(tokenizable(text))
    doc.user_data[TEXT_KEY] = text
    for name, component in nlp.pipeline:
        if only is not None and name not in only:
            continue
        doc = component(doc, as_of=as_of) if name == "factcheck_periods" else component(doc)
    return doc
