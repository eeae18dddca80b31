"""What a figure measures, read by the frames' cues (frames.yaml) compiled once to spaCy matchers.

The claims stage gets plain data from extract (a `Sentence`: text, offsets, quantities, places,
periods), no spaCy Doc. So the sentence is tokenised here with a blank English tokenizer made once
(no model, no network) into a *token view*: each figure of the sentence is one token whose NORM is
`<figure>`, a token inside a period the extract stage found has NORM `<KIND>` (`<year>`,
`<range>`, ...) and a token inside a place `<place>`; every other token keeps its own NORM. The
view is built once per sentence (cached), so the several figures of a sentence share it.

A cue is one of:
  before / after   token patterns (spaCy `Matcher`, validated when loaded) of the words right
                   before or right after the figure; the figure token is added by the compiler
  figure           extra attributes the figure token itself must have ("doubled")
  anywhere         token patterns anywhere in the sentence
  words            a word list (spaCy `PhraseMatcher` on LOWER) within `before_within` /
                   `after_within` characters of the figure, or `in_sentence`; `not_between` names a
                   word list none of whose words may stand between the cue and the figure
  quantity         attributes of the extracted quantity (role, direction)
The readings (`readings` in frames.yaml) are tried in order for the figure's kind: the first whose
`all` cues all hold, one of whose `any` cues holds (when given) and none of whose `unless` cues
holds decides the metric (its frame's metric, or `metric: null` for no trade figure).

Cost: the matchers run on a window of tokens around the figure (as wide as the longest pattern)
and only with the cues of the figure's kind; the word lists run once per sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib.resources import files

import spacy
import yaml
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from factcheck.extract.model import Quantity, Sentence

FIGURE = "<figure>"
PLACE = "<place>"
CUE_TYPES = ("before", "after", "figure", "anywhere", "words", "quantity")
KINDS = ("money", "percent", "ratio", "percentage_points", "count", "multiplier")
UNBOUNDED = ("*", "+")


class FrameFileError(ValueError):
    """frames.yaml cannot be compiled: the message names the frame, cue or reading at fault."""


@dataclass(frozen=True)
class Cue:
    id: str
    frame: str
    type: str
    spec: dict


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
    matchers: dict[str, Matcher]  # one per quantity kind, with the before/after/figure cues it uses
    reach: dict[str, tuple[int, int]]  # per kind: tokens before and after the figure its patterns span
    anywhere: Matcher
    words: PhraseMatcher
    base_years: dict[str, int | None] = field(default_factory=dict)  # level cue id -> base year (None: the year in the match)


@lru_cache(maxsize=1)
def tokenizer():
    """The blank English tokenizer, made once."""
    return spacy.blank("en").tokenizer


def load(text: str | None = None) -> Frames:
    """The frames compiled from frames.yaml (or from `text`); FrameFileError on a bad file."""
    try:
        data = yaml.safe_load(text if text is not None else files("factcheck.claims").joinpath("frames.yaml").read_text("utf-8"))
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
    words = PhraseMatcher(vocab, attr="LOWER")
    for name, entries in word_lists.items():
        if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
            raise FrameFileError(f"word list {name!r} must be a non-empty list of strings (quote yes/no/on/off)")
        words.add(name, [tokenizer()(entry) for entry in entries])
    for cue in cues.values():
        for key in ("words", "not_between"):
            if key in cue.spec and cue.spec[key] not in word_lists:
                raise FrameFileError(f"cue {cue.id!r}: no word list {cue.spec[key]!r}")
    readings = _readings(data, cues)
    matchers, reach, anywhere = {}, {}, Matcher(vocab, validate=True)
    for kind in KINDS:
        used = {c for r in readings if kind in r.kinds for c in (*r.all, *r.any, *r.unless)}
        matchers[kind], reach[kind] = _matcher([cues[c] for c in sorted(used)], word_lists, vocab)
    for cue in cues.values():
        if cue.type == "anywhere":
            _add(anywhere, cue, [_expand(p, word_lists, cue.id) for p in cue.spec["anywhere"]])
    base_years = {c.id: c.spec.get("base_year") for c in cues.values() if "base_year" in c.spec or c.spec.get("base_year_in_match")}
    return Frames(cues, readings, matchers, reach, anywhere, words, base_years)


def _cues(data: dict) -> dict[str, Cue]:
    cues: dict[str, Cue] = {}
    groups = [(f.get("id"), f.get("cues") or []) for f in data["frames"]]
    groups += [(None, data.get("not_trade_figures", {}).get("cues") or [])]
    for frame, specs in groups:
        for spec in specs:
            types = [t for t in CUE_TYPES if t in spec]
            if not isinstance(spec, dict) or "id" not in spec or len(types) != 1 and types != ["figure", "after"]:
                raise FrameFileError(f"frame {frame!r}: a cue needs an id and one of {CUE_TYPES}: {spec!r}")
            if spec["id"] in cues:
                raise FrameFileError(f"cue id {spec['id']!r} is used twice")
            kind = next(t for t in types if t != "figure") if len(types) > 1 else types[0]
            cues[spec["id"]] = Cue(spec["id"], frame, kind, spec)
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
        if cue.type not in ("before", "after", "figure"):
            continue
        figure = {**cue.spec.get("figure", {}), "NORM": FIGURE}
        patterns = []
        for pattern in cue.spec.get(cue.type) if cue.type != "figure" else [[]]:
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
    """The sentence as tokens, each figure one token (NORM `<figure>`), periods and places marked."""
    words: list[str] = []
    spaces: list[bool] = []
    figure_words: dict[int, int] = {}  # word index -> char start of the figure's first token
    spans, k, open_span = sorted(figures), 0, None
    for token in tokenizer()(text):
        a, b = token.idx, token.idx + len(token)
        while k < len(spans) and spans[k][1] <= a:
            k += 1
        inside = k < len(spans) and spans[k][0] < b
        if inside and open_span == k:  # the figure's next token: one word with the ones before
            words[-1] = text[figure_words[len(words) - 1]:b]
            spaces[-1] = bool(token.whitespace_)
            continue
        open_span = k if inside else None
        if inside:
            figure_words[len(words)] = a
        words.append(token.text)
        spaces.append(bool(token.whitespace_))
    doc = Doc(tokenizer().vocab, words=words, spaces=spaces)
    for token in doc:
        mark = FIGURE if token.i in figure_words else _mark_of(token.idx, token.idx + len(token), marks)
        if mark:
            token.norm_ = mark
    return View(doc, {doc[i].idx: i for i in figure_words})


def _mark_of(a: int, b: int, marks) -> str | None:
    return next((mark for start, end, mark in marks if start <= a and b <= end), None)


def view_of(sentence: Sentence, start: int, end: int) -> tuple[View, int] | None:
    """The sentence's token view and the token index of the figure at [start, end)."""
    offset = sentence.start
    figures = [(q.start - offset, q.end - offset) for q in sentence.quantities]
    if (start, end) not in figures:  # a side of a split range: it replaces what it overlaps
        figures = [f for f in figures if f[1] <= start or end <= f[0]] + [(start, end)]
    marks = tuple((p.start - offset, p.end - offset, f"<{p.kind}>") for p in sentence.periods) + \
        tuple((p.start - offset, p.end - offset, PLACE) for p in sentence.places)
    view = _view(sentence.text, tuple(figures), marks)
    index = next((i for at, i in view.figure_at.items() if at <= start < at + len(view.doc[i])), None)
    return None if index is None else (view, index)


# --- deciding the metric ------------------------------------------------------------------------

@dataclass
class _Figure:
    q: Quantity
    view: View
    index: int
    start: int
    end: int

    @cached_property
    def matched(self) -> dict[str, tuple[int, int]]:
        """Cue id -> token span (in the doc) of the before/after/figure cues that hold for this figure."""
        kind = self.q.kind
        before, after = frames().reach[kind]
        lo = max(0, self.index - before)
        window = self.view.doc[lo:min(len(self.view.doc), self.index + after + 1)]
        strings = self.view.doc.vocab.strings
        found: dict[str, tuple[int, int]] = {}
        for key, s, e in frames().matchers[kind](window):
            s, e, cue = s + lo, e + lo, frames().cues[strings[key]]
            anchored = e - 1 == self.index if cue.type == "before" else s == self.index
            if anchored and (cue.id not in found or e - s > found[cue.id][1] - found[cue.id][0]):
                found[cue.id] = (s, e)  # the longest: "of the pre-pandemic levels of 2019" to its year
        return found


def _holds(cue: Cue, f: _Figure) -> bool:
    spec = cue.spec
    if cue.type == "quantity":
        return all(bool(getattr(f.q, attr)) if want is True else getattr(f.q, attr) == want for attr, want in spec["quantity"].items())
    if cue.type == "anywhere":
        return cue.id in f.view.anywhere
    if cue.type == "words":
        return _words_near(spec, f)
    return cue.id in f.matched


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


def _decides(reading: Reading, f: _Figure, memo: dict) -> bool:
    def holds(cue_id: str) -> bool:
        if cue_id not in memo:
            memo[cue_id] = _holds(frames().cues[cue_id], f)
        return memo[cue_id]
    return (all(holds(c) for c in reading.all) and (not reading.any or any(holds(c) for c in reading.any))
            and not any(holds(c) for c in reading.unless))


def reading_of(sentence: Sentence, q: Quantity, start: int, end: int) -> Reading | None:
    """The first reading (frames.yaml `readings`, in order) that the figure at [start, end) of the
    sentence (offsets into `sentence.text`) meets; None when none does or the kind has none."""
    if q.kind not in KINDS:
        return None
    found = view_of(sentence, start, end)
    if found is None:
        return None
    f, memo = _Figure(q, found[0], found[1], start, end), {}
    return next((r for r in frames().readings if q.kind in r.kinds and _decides(r, f, memo)), None)


def metric_of(sentence: Sentence, q: Quantity, start: int, end: int) -> str | None:
    """What the figure measures (None: no trade figure), by the first reading it meets."""
    reading = reading_of(sentence, q, start, end)
    return reading.metric if reading else None


def base_year_of(sentence: Sentence, q: Quantity, start: int, end: int) -> int | None:
    """The base year of "N percent of 2019 levels" / "... of pre-pandemic levels": the year in the
    level cue's words, or the cue's own `base_year`; None when no level cue holds."""
    found = view_of(sentence, start, end)
    if found is None or q.kind not in KINDS:
        return None
    f = _Figure(q, found[0], found[1], start, end)
    for cue_id, base in frames().base_years.items():
        if cue_id in f.matched:
            s, e = f.matched[cue_id]
            years = [t.text for t in f.view.doc[s:e] if t.norm_ == "<year>" and t.text.isdigit()]
            return int(years[-1]) if base is None and years else base
    return None
