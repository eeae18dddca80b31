"""What a figure measures, read by the frames' cues (frames.yaml) compiled once to spaCy matchers.

The claims stage gets plain data from extract (a `Sentence`: text, offsets, quantities, places,
periods), no spaCy Doc. So the sentence is tokenised here, with the extract stage's blank English
tokenizer (made once; no model, no network), into a *token view*: each figure of the sentence is
one token whose NORM is `<figure>` (its characters are masked before tokenising, so offsets stay
exact), a token inside a period the extract stage found has NORM `<KIND>` (`<year>`, `<range>`,
...) and a token inside a place `<place>` (only the marks some pattern asks for are set); every
other token keeps its own NORM. The view is built once per sentence (cached), so the figures of a
sentence share it. Plain data stays the contract between the stages: nothing of spaCy's crosses it.

A cue is one of:
  before / after   token patterns (spaCy `Matcher`, validated when loaded) of the words right
                   before or right after the figure; the figure token is added by the compiler
  figure           a token spec the figure's own words must meet ("doubled": LOWER ends in "ed")
  anywhere         token patterns anywhere in the sentence
  words            a word list (spaCy `PhraseMatcher` on LOWER) within `before_within` /
                   `after_within` characters of the figure, or `in_sentence`; `not_between` names a
                   word list none of whose words may stand between the cue and the figure
  quantity         attributes of the extracted quantity (role, direction)
The readings (`readings` in frames.yaml) are tried in order for the figure's kind: the first whose
`all` cues all hold, one of whose `any` cues holds (when given) and none of whose `unless` cues
holds decides the metric (its frame's metric, or `metric: null` for no trade figure).

Cost (the claims stage is the slowest): each cue is its own matcher, run only when the readings
reach it and only on the tokens around the figure its patterns can span; before that, a gate
compiled from the same patterns asks whether the words a match needs are in the text near the
figure at all (most figures are decided without tokenising); the word lists run once per
sentence, and the token view is built once per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files

import yaml
from spacy.attrs import IDX
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from factcheck import yamlfile
from factcheck.extract.model import Quantity, Sentence
from factcheck.extract.pipeline import get_nlp, tokenizable

FIGURE = "<figure>"
PLACE = "<place>"
CUE_TYPES = ("before", "after", "figure", "anywhere", "words", "quantity")
KINDS = ("money", "percent", "ratio", "percentage_points", "count", "multiplier")
UNBOUNDED = ("*", "+")
# The gate's word splitter: runs of letters and digits, so that every token the tokenizer makes of
# a word ("pre-pandemic", "deficit's", "y/y") holds one of them.
SUBWORD = re.compile(r"[^\W_]+")
Gate = tuple[tuple[frozenset, ...], ...] | None  # alternatives, each a tuple of word sets that must all occur


class FrameFileError(ValueError):
    """frames.yaml cannot be compiled: the message names the frame, cue or reading at fault."""


@dataclass(frozen=True)
class Cue:
    id: str
    frame: str
    type: str
    spec: dict
    gate: Gate = None  # words the text in `scope` must have for the cue to hold; None: no such test
    scope: tuple = ("sentence",)  # where: ("before"|"after", N whitespace-separated chunks), ("chars", from, to), ("sentence",)


@dataclass(frozen=True)
class Reading:
    frame: str | None
    metric: str | None
    kinds: tuple[str, ...]
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


@dataclass
class Frames:
    """The compiled cues and readings of frames.yaml."""

    cues: dict[str, Cue]
    readings: list[Reading]
    matchers: dict[str, Matcher]  # one per before/after cue, so that only the cues a figure needs run
    reach: dict[str, tuple[int, int]]  # per cue: tokens before and after the figure its patterns span
    anywhere: Matcher
    words: PhraseMatcher
    figure: Matcher  # the `figure` cues, run on the figure's own words
    marks: frozenset  # the NORM marks the patterns use ("<year>"): only these are set in the view
    widest: dict  # "before"/"after": (chunks, characters) the gates look at
    by_kind: dict  # quantity kind -> its readings, in order
    base_years: dict[str, int | None] = field(default_factory=dict)  # level cue id -> base year (None: the year in the match)


@lru_cache(maxsize=1)
def tokenizer():
    """The blank English tokenizer, made once: the extract stage's own (its pipeline is
    spacy.blank("en") plus rule components after the tokenizer), so its vocabulary is shared and
    no second English is loaded."""
    return get_nlp().tokenizer


def load(text: str | None = None) -> Frames:
    """The frames compiled from frames.yaml (or from `text`); FrameFileError on a bad file."""
    try:
        data = yamlfile.safe_load(text if text is not None else files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))
    except yaml.YAMLError as error:
        raise FrameFileError(f"frames.yaml is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("frames"), list):
        raise FrameFileError("frames.yaml needs a list `frames`")
    return _compile(data)


@lru_cache(maxsize=1)
def frames() -> Frames:
    return load()


def _compile(data: dict) -> Frames:
    word_lists = data.get("words") or {}
    cues = _cues(data)
    vocab = tokenizer().vocab
    words = _word_matcher(word_lists, cues, vocab)
    readings = _readings(data, cues)
    cues = {i: Cue(c.id, c.frame, c.type, c.spec, _gate(c, word_lists), _scope(c, word_lists)) for i, c in cues.items()}
    matchers, reach = {}, {}
    for cue in cues.values():
        if cue.type in ("before", "after"):
            matchers[cue.id], reach[cue.id] = _matcher([cue], word_lists, vocab)
    anywhere = _single_matcher([c for c in cues.values() if c.type == "anywhere"], word_lists, vocab,
                               lambda c: c.spec["anywhere"])
    figure = _single_matcher([c for c in cues.values() if c.type == "figure"], word_lists, vocab,
                             lambda c: [[c.spec["figure"]]])
    by_kind = {kind: tuple(r for r in readings if kind in r.kinds) for kind in KINDS}
    return Frames(cues, readings, matchers, reach, anywhere, words, figure, _marks(cues), _widest(cues), by_kind,
                  _base_years(cues))


def _marks(cues: dict[str, Cue]) -> frozenset:
    """The NORM marks ("<year>") the patterns ask for: the view sets only these."""
    return frozenset(t["NORM"] for c in cues.values() if c.type in ("before", "after", "anywhere")
                     for p in c.spec[c.type] for t in p if isinstance(t.get("NORM"), str) and t["NORM"].startswith("<"))


def _widest(cues: dict[str, Cue]) -> dict:
    """Per side of the figure, the most chunks and characters any cue's gate looks at."""
    return {side: (max((c.scope[1] for c in cues.values() if c.scope[0] == side), default=0),
                   max((c.scope[2] for c in cues.values() if c.scope[0] == side), default=0)) for side in ("before", "after")}


def _base_years(cues: dict[str, Cue]) -> dict:
    return {c.id: c.spec.get("base_year") for c in cues.values() if "base_year" in c.spec or c.spec.get("base_year_in_match")}


def _word_matcher(word_lists: dict, cues: dict[str, Cue], vocab) -> PhraseMatcher:
    """The word lists as one PhraseMatcher (on lower case), after checking every list a cue names exists."""
    words = PhraseMatcher(vocab, attr="LOWER")
    for name, entries in word_lists.items():
        if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
            raise FrameFileError(f"word list {name!r} must be a non-empty list of strings (quote yes/no/on/off)")
        words.add(name, [tokenizer()(entry) for entry in entries])
    for cue in cues.values():
        for key in ("words", "not_between"):
            if key in cue.spec and cue.spec[key] not in word_lists:
                raise FrameFileError(f"cue {cue.id!r}: no word list {cue.spec[key]!r}")
    return words


def _single_matcher(cues: list[Cue], word_lists: dict, vocab, patterns_of) -> Matcher:
    matcher = Matcher(vocab, validate=True)
    for cue in cues:
        _add(matcher, cue, [_expand(p, word_lists, cue.id) for p in patterns_of(cue)])
    return matcher


def _cues(data: dict) -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    groups = [(f.get("id"), f.get("cues") or []) for f in data["frames"]]
    groups += [(None, data.get("not_trade_figures", {}).get("cues") or [])]
    for frame, specs in groups:
        for spec in specs:
            types = [t for t in CUE_TYPES if t in spec]
            if not isinstance(spec, dict) or "id" not in spec or len(types) != 1:
                raise FrameFileError(f"frame {frame!r}: a cue needs an id and one of {CUE_TYPES}: {spec!r}")
            if spec["id"] in cues:
                raise FrameFileError(f"cue id {spec['id']!r} is used twice")
            cues[spec["id"]] = Cue(spec["id"], frame, types[0], spec)
    return cues


def _readings(data: dict, cues: dict[str, Cue]) -> list[Reading]:
    metrics = {f.get("id"): f.get("metric") for f in data["frames"]}
    readings = []
    for i, spec in enumerate(data.get("readings") or []):
        frame = spec.get("frame")
        if frame is not None and frame not in metrics:
            raise FrameFileError(f"reading {i + 1}: no frame {frame!r}")
        metric = spec["metric"] if "metric" in spec else metrics.get(frame)
        if isinstance(metric, list):
            raise FrameFileError(f"reading {i + 1}: frame {frame!r} has several metrics; name one")
        kinds = tuple(spec.get("kinds") or ())
        named = [*spec.get("all", []), *spec.get("any", []), *spec.get("unless", [])]
        if not kinds or set(kinds) - set(KINDS) or any(c not in cues for c in named):
            raise FrameFileError(f"reading {i + 1} ({frame}): unknown kind or cue in {spec!r}")
        readings.append(Reading(frame, metric, kinds, tuple(spec.get("all", [])), tuple(spec.get("any", [])),
                                tuple(spec.get("unless", []))))
    return readings


def _gate(cue: Cue, word_lists: dict) -> Gate:
    """What the sentence's words must hold for the cue to be possible at all, compiled from its
    patterns or word list: a sentence without them is decided without tokenising it (the cost of
    the claims stage). Sound by construction: only the words a match needs are asked for."""
    if cue.type == "words":  # one entry's first word must be there
        return ((frozenset(w[0] for w in map(_subwords, word_lists[cue.spec["words"]]) if w),),)
    if cue.type not in ("before", "after", "anywhere"):
        return None
    alternatives = []
    for pattern in cue.spec[cue.type]:
        needs = tuple(n for n in (_needed(t) for t in _expand(pattern, word_lists, cue.id)) if n)
        if not needs:
            return None
        alternatives.append(needs)
    return tuple(alternatives)


def _scope(cue: Cue, word_lists: dict) -> tuple:
    """Where the gate's words must be: ("before"|"after", N tokens, C characters) of the figure, or
    the sentence. N tokens lie within N whitespace-separated chunks (a token never spans a space)."""
    if cue.type in ("before", "after"):
        return cue.type, max(_length(_expand(p, word_lists, cue.id), cue.id) for p in cue.spec[cue.type]), 0
    if cue.type == "words" and "before_within" in cue.spec:
        return "before", 0, cue.spec["before_within"]
    if cue.type == "words" and "after_within" in cue.spec:
        return "after", 0, cue.spec["after_within"]
    return ("sentence",)


def _subwords(text: str) -> list[str]:
    return SUBWORD.findall(text.lower())


def _needed(token: dict) -> frozenset | None:
    """The words one of which must be in the sentence for a required token spec to match."""
    if str(token.get("OP", "1")) not in ("1", "+") and not re.fullmatch(r"\{[1-9]\d*(,\d*)?\}", str(token.get("OP", ""))):
        return None
    for attr in ("LOWER", "ORTH", "TEXT"):
        value = token.get(attr)
        values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None
        if values:
            firsts = [_subwords(v) for v in values]
            return frozenset(w[0] for w in firsts) if all(firsts) else None
    return None


def _possible(cue: Cue, f: _Figure) -> bool:
    if cue.gate is None:
        return True
    words = f.words_in(cue.scope)
    return any(all(not need.isdisjoint(words) for need in alt) for alt in cue.gate)


@lru_cache(maxsize=256)
def _words_of(text: str) -> frozenset:
    return frozenset(_subwords(text))


def _expand(pattern: list, word_lists: dict, cue: str) -> list[dict]:
    """A pattern with `IN: ["@list"]` items expanded to the words of that list (one-word entries)."""
    if not isinstance(pattern, list):
        raise FrameFileError(f"cue {cue!r}: a pattern is a list of token specs, not {pattern!r}")
    out = []
    for token in pattern:
        token = dict(token)
        for attr, value in list(token.items()):
            if isinstance(value, dict) and isinstance(value.get("IN"), list):
                items = []
                for item in value["IN"]:
                    items += [w for w in word_lists.get(item[1:], []) if " " not in w] if str(item).startswith("@") else [item]
                token[attr] = {**value, "IN": items}
        out.append(token)
    return out


def _length(pattern: list[dict], cue: str) -> int:
    """The most tokens a pattern can span (an unbounded operator is refused: it has no window)."""
    total = 0
    for token in pattern:
        op = str(token.get("OP", "1"))
        if op in UNBOUNDED:
            raise FrameFileError(f"cue {cue!r}: `{op}` has no bound; write {{0,n}} or use a word list")
        total += int(op.strip("{}").split(",")[-1]) if op.startswith("{") else 1
    return total


def _matcher(cues: list[Cue], word_lists: dict, vocab) -> tuple[Matcher, tuple[int, int]]:
    matcher, before, after = Matcher(vocab, validate=True), 0, 0
    for cue in cues:
        if cue.type not in ("before", "after"):
            continue
        figure = {"NORM": FIGURE}
        patterns = []
        for pattern in cue.spec[cue.type]:
            pattern = _expand(pattern, word_lists, cue.id)
            if cue.type == "before":
                before = max(before, _length(pattern, cue.id))
                patterns.append([*pattern, figure])
            else:
                after = max(after, _length(pattern, cue.id))
                patterns.append([figure, *pattern])
        _add(matcher, cue, patterns)
    return matcher, (before, after)


def _add(matcher: Matcher, cue: Cue, patterns: list) -> None:
    try:
        matcher.add(cue.id, patterns)
    except (ValueError, KeyError) as error:  # spaCy's validation of the token patterns
        raise FrameFileError(f"cue {cue.id!r}: bad token pattern: {error}") from None


# --- the token view of one sentence -------------------------------------------------------------

@dataclass
class View:
    doc: Doc
    figure_at: dict[int, int]  # char start of each figure -> its token index

    @cached_property
    def word_hits(self) -> dict[str, list[tuple[int, int]]]:
        """Char spans of the words of each word list in the sentence."""
        hits: dict[str, list[tuple[int, int]]] = {}
        strings = self.doc.vocab.strings
        for key, start, end in frames().words(self.doc):
            span = self.doc[start:end]
            hits.setdefault(strings[key], []).append((span.start_char, span.end_char))
        return hits

    @cached_property
    def anywhere(self) -> set[str]:
        strings = self.doc.vocab.strings
        return {strings[key] for key, _, _ in frames().anywhere(self.doc)}


@lru_cache(maxsize=256)
def _view(text: str, figures: tuple[tuple[int, int], ...], marks: tuple[tuple[int, int, str], ...]) -> View:
    """The sentence as tokens, each figure one token (NORM `<figure>`), the periods the patterns
    look for marked. A figure's characters are masked with letters before tokenising (same
    length, so every offset stays exact), which makes it one token however it is written."""
    pieces, last = [], 0
    for start, end in sorted(figures):
        pieces += [text[last:start], "x" * (end - start)]
        last = end
    doc = tokenizer()(tokenizable("".join(pieces) + text[last:]))
    starts = [row[0] for row in doc.to_array([IDX]).reshape(-1, 1).tolist()]
    for start, end, mark in marks:
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            if starts[i] + len(doc[i]) <= end:
                doc[i].norm_ = mark
    figure_at = {}
    for start, _ in figures:
        i = bisect_right(starts, start) - 1
        doc[i].norm_ = FIGURE
        figure_at[start] = i
    return View(doc, figure_at)


def view_of(sentence: Sentence, start: int, end: int) -> tuple[View, int] | None:
    """The sentence's token view and the token index of the figure at [start, end)."""
    offset = sentence.start
    figures = [(q.start - offset, q.end - offset) for q in sentence.quantities]
    if (start, end) not in figures:  # a side of a split range: it replaces what it overlaps
        figures = [f for f in figures if f[1] <= start or end <= f[0]] + [(start, end)]
    used = frames().marks
    marks = tuple((p.start - offset, p.end - offset, f"<{p.kind}>") for p in sentence.periods if f"<{p.kind}>" in used)
    if PLACE in used:
        marks += tuple((p.start - offset, p.end - offset, PLACE) for p in sentence.places)
    view = _view(sentence.text, tuple(sorted(figures)), marks)
    index = view.figure_at.get(start)
    return None if index is None else (view, index)


# --- deciding the metric ------------------------------------------------------------------------

@dataclass
class _Figure:
    q: Quantity
    sentence: Sentence
    start: int
    end: int

    def words_in(self, scope: tuple) -> frozenset:
        """The words of the text a cue's gate looks at: one set before the figure and one after
        it, as wide as the widest scope of any cue (fewer sets to make is cheaper than narrower
        ones), and the sentence's."""
        if scope[0] == "before":
            return self._before
        return self._after if scope[0] == "after" else _words_of(self.sentence.text)

    @cached_property
    def _before(self) -> frozenset:
        chunks, chars = frames().widest["before"]
        text = self.sentence.text[:self.start]
        parts = text.rsplit(None, chunks)  # the leading rest, then the last `chunks` chunks
        begin = len(parts[0]) if len(parts) > chunks else 0
        return frozenset(_subwords(text[min(begin, max(0, len(text) - chars)):]))

    @cached_property
    def _after(self) -> frozenset:
        chunks, chars = frames().widest["after"]
        text = self.sentence.text[self.end:]
        parts = text.split(None, chunks)  # the first `chunks` chunks, then the rest
        end = len(text) - len(parts[-1]) if len(parts) > chunks else len(text)
        return frozenset(_subwords(text[:max(end, chars)]))

    @cached_property
    def _found(self) -> tuple[View, int] | None:
        return view_of(self.sentence, self.start, self.end)

    @property
    def view(self) -> View:
        return self._found[0]

    @property
    def index(self) -> int:
        return self._found[1]

    @cached_property
    def figure_cues(self) -> set[str]:
        """The `figure` cues the figure's own words meet ("doubled")."""
        strings = tokenizer().vocab.strings
        words = Doc(tokenizer().vocab, words=[self.q.surface.strip() or self.q.surface])
        return {strings[key] for key, _, _ in frames().figure(words)}

    def span_of(self, cue: Cue) -> tuple[int, int] | None:
        """The token span (in the doc) of the longest match of a before/after cue anchored at this
        figure ("of the pre-pandemic levels of 2019" to its year), or None."""
        cache = self.__dict__.setdefault("_spans", {})
        if cue.id not in cache:
            cache[cue.id] = self._match(cue)
        return cache[cue.id]

    def _match(self, cue: Cue) -> tuple[int, int] | None:
        if self._found is None:
            return None
        before, after = frames().reach[cue.id]
        lo = max(0, self.index - before)
        best = None
        for _, s, e in frames().matchers[cue.id](self.view.doc[lo:self.index + after + 1]):
            s, e = s + lo, e + lo
            anchored = e - 1 == self.index if cue.type == "before" else s == self.index
            if anchored and (best is None or e - s > best[1] - best[0]):
                best = (s, e)
        return best


def _holds(cue: Cue, f: _Figure) -> bool:
    """Whether the cue holds for the figure; the cheap tests first (the quantity's attributes, the
    sentence's words, the words near the figure), the matchers last."""
    spec = cue.spec
    if cue.type == "quantity":
        return all(bool(getattr(f.q, attr)) if want is True else getattr(f.q, attr) == want for attr, want in spec["quantity"].items())
    if not _possible(cue, f) or f._found is None:
        return False
    if cue.type == "anywhere":
        return cue.id in f.view.anywhere
    if cue.type == "figure":
        return cue.id in f.figure_cues
    if cue.type == "words":
        return _words_near(spec, f)
    return f.span_of(cue) is not None


@lru_cache(maxsize=256)
def _possible_in(text: str) -> frozenset:
    """The cues whose gate the sentence's words pass (each figure then asks its own nearby words)."""
    words = _words_of(text)
    return frozenset(c.id for c in frames().cues.values()
                     if c.gate is None or any(all(not need.isdisjoint(words) for need in alt) for alt in c.gate))


def _words_near(spec: dict, f: _Figure) -> bool:
    hits = f.view.word_hits.get(spec["words"], [])
    if spec.get("in_sentence"):
        return bool(hits)
    if "before_within" in spec:
        near = [a for a, b in hits if b <= f.start and a >= f.start - spec["before_within"]]
        if near and "not_between" in spec:
            last = max(near)
            return not any(a > last and b <= f.start for a, b in f.view.word_hits.get(spec["not_between"], []))
        return bool(near)
    return any(a >= f.end and b <= f.end + spec["after_within"] for a, b in hits)


class _Judge:
    """The cues of one figure, each decided once and only when a reading asks for it: its
    quantity's attributes and the sentence's words first (no tokens needed), then the figure's
    nearby words, then the matchers."""

    __slots__ = ("q", "sentence", "start", "end", "possible", "memo", "figure")

    def __init__(self, sentence: Sentence, q: Quantity, start: int, end: int):
        self.q, self.sentence, self.start, self.end = q, sentence, start, end
        self.possible = _possible_in(sentence.text)
        self.memo: dict[str, bool] = {}
        self.figure: _Figure | None = None

    def holds(self, cue: Cue) -> bool:
        known = self.memo.get(cue.id)
        if known is not None:
            return known
        if cue.type != "quantity" and cue.id not in self.possible:
            known = False
        else:
            if self.figure is None:
                self.figure = _Figure(self.q, self.sentence, self.start, self.end)
            known = _holds(cue, self.figure)
        self.memo[cue.id] = known
        return known

    def decides(self, reading: Reading) -> bool:
        cues = frames().cues
        if reading.any and not any(self.holds(cues[c]) for c in reading.any):
            return False
        for c in reading.all:
            if not self.holds(cues[c]):
                return False
        for c in reading.unless:
            if self.holds(cues[c]):
                return False
        return True


def reading_of(sentence: Sentence, q: Quantity, start: int, end: int) -> Reading | None:
    """The first reading (frames.yaml `readings`, in order) that the figure at [start, end) of the
    sentence (offsets into `sentence.text`) meets; None when none does or the kind has none."""
    readings = frames().by_kind.get(q.kind)
    if not readings:
        return None
    judge = _Judge(sentence, q, start, end)
    for reading in readings:
        if judge.decides(reading):
            return reading
    return None


def cue_holds(cue_id: str, sentence: Sentence, q: Quantity, start: int, end: int) -> bool:
    """Whether one cue holds for the figure at [start, end) of the sentence (the cue examples' test)."""
    return _holds(frames().cues[cue_id], _Figure(q, sentence, start, end))


def metric_of(sentence: Sentence, q: Quantity, start: int, end: int) -> str | None:
    """What the figure measures (None: no trade figure), by the first reading it meets."""
    reading = reading_of(sentence, q, start, end)
    return reading.metric if reading else None


def base_year_of(sentence: Sentence, q: Quantity, start: int, end: int) -> int | None:
    """The base year of "N percent of 2019 levels" / "... of pre-pandemic levels": the year in the
    level cue's words, or the cue's own `base_year`; None when no level cue holds."""
    if q.kind not in KINDS:
        return None
    f = _Figure(q, sentence, start, end)
    for cue_id, base in frames().base_years.items():
        cue = frames().cues[cue_id]
        if _possible(cue, f) and f.span_of(cue) is not None:
            s, e = f.span_of(cue)
            years = [t.text for t in f.view.doc[s:e] if t.norm_ == "<year>" and t.text.isdigit()]
            return int(years[-1]) if base is None and years else base
    return None
