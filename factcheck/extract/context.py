"""The words around a figure that change what it claims: hedges ("about", "more than") and the
direction of a change ("fell 51%", "a 10% drop").

Each pattern is anchored at the figure and looks only at the few words next to it, so a verb
that governs another figure ("rose 6% to $1.45 billion": the rise is the 6%, not the $1.45
billion) is not attached to the wrong one.
"""

from __future__ import annotations

import re

HEDGE_WORDS = {
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "more than": "more_than", "over": "more_than", "above": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "surpassing": "more_than", "surpassed": "more_than",
    "exceeding": "more_than", "exceeded": "more_than", "topping": "more_than", "topped": "more_than",
    "at least": "at_least",
    "no less than": "at_least", "up to": "up_to", "as much as": "up_to", "as many as": "up_to",
    "as high as": "up_to", "less than": "less_than", "under": "less_than", "below": "less_than",
    "fewer than": "less_than", "almost all": "almost_all", "virtually all": "almost_all",
    "nearly all": "almost_all", "only": "only", "just": "only", "a mere": "only", "mere": "only",
}

DOWN_WORDS = (
    "fell fall falls falling dropped drop drops dropping declined decline declines declining "
    "decreased decrease decreases decreasing down lower shrank shrunk shrink shrinks slid slipped "
    "sank sunk tumbled plunged plummeted slumped lost contracted eased cut narrowed narrows narrowing "
    # every form of the claims stage's growth words (frames.yaml `growth`; a test keeps them in step)
    "fallen dipped dips dipping plunges plunging plummet plummets plummeting slumps slumping tumble tumbles "
    "tumbling slides sliding slip slips shrinking contract contracts contracting collapse collapsed collapses "
    "cuts slashed reduced"
).split()
UP_WORDS = (
    "rose rise rises rising risen grew grow grows growing grown increased increase increases "
    "increasing up jumped jumps climbed climbs surged surges gained gains soared soars higher "
    "expanded expands advanced rebounded widened widens widening swelled "
    "climbing jumping soar soaring surging gaining expand expanding rebounds rebounding recover recovers "
    "recovered recovering"
).split()
DOWN_NOUNS = "drop decline fall decrease contraction plunge slump loss dip reduction cut slide".split()
UP_NOUNS = "increase rise jump gain growth surge climb expansion hike rebound".split()


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_HEDGE_BEFORE = re.compile(rf"(?i:(?<![\w-])(?P<hedge>{_alt(HEDGE_WORDS)}))\s+$")
_VERB_BEFORE = re.compile(
    rf"(?i:(?<![\w-])(?:(?P<down>{_alt(DOWN_WORDS)})|(?P<up>{_alt(UP_WORDS)}))(?:\s+by)?)\s+$"
)
_NOUN_AFTER = re.compile(rf"(?i:[\s-]+(?:(?P<down>{_alt(DOWN_NOUNS)})|(?P<up>{_alt(UP_NOUNS)}))\b)")
_SIGN_WORD_BEFORE = re.compile(r"(?i:(?<![\w-])(?:minus|negative))\s+$")

_SIGN_WORDS = ("minus ", "negative ", "Minus ", "Negative ", "MINUS ", "NEGATIVE ")
WINDOW = 40  # characters looked at before a figure: enough for "just shy of", short of a clause


def last_word(text: str, pos: int) -> str:
    """The word (letters, lower-cased) ending right before `pos`, past spaces: a cheap test that
    lets the anchored patterns below run only where they can match."""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    lo = max(0, i - 16)
    j = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i), lo - 1) + 1
    word = text[j:i]
    if not word.isalpha():
        k = len(word)
        while k > 0 and word[k - 1].isalpha():
            k -= 1
        word = word[k:]
    return word.lower()


_HEDGE_LAST_WORDS = {w.split()[-1] for w in HEDGE_WORDS}
_VERB_LAST_WORDS = set(DOWN_WORDS) | set(UP_WORDS) | {"by"}
# Every word that can stand right before a hedged or signed figure.
CONTEXT_WORDS = frozenset(_HEDGE_LAST_WORDS | _VERB_LAST_WORDS)


def hedge_before(text: str, start: int, word: str | None = None) -> tuple[int, str | None]:
    """(where the hedge starts, hedge) for the words right before `start` (`word`: the last word
    before it, when the caller has it already)."""
    if (last_word(text, start) if word is None else word) not in _HEDGE_LAST_WORDS:
        return start, None
    m = _HEDGE_BEFORE.search(text, max(0, start - WINDOW), start)
    if not m:
        return start, None
    return m.start(), HEDGE_WORDS[" ".join(m.group("hedge").lower().split())]


def direction_around(text: str, start: int, end: int, word: str | None = None) -> str | None:
    """"up"/"down" when a change verb governs the figure ("fell 51%") or a change noun follows it
    ("a 10% drop")."""
    word = last_word(text, start) if word is None else word
    m = _VERB_BEFORE.search(text, max(0, start - WINDOW), start) if word in _VERB_LAST_WORDS else None
    if m:
        return "down" if m.group("down") else "up"
    m = _NOUN_AFTER.match(text, end) if end < len(text) and text[end] in " -\t" else None
    if m:
        return "down" if m.group("down") else "up"
    return None


def change_verb_before(text: str, start: int) -> str | None:
    """"up"/"down" when a change verb ends right before `start` ("rose by", "fell", "was up"):
    the figure after it is the size of a change, not a level."""
    if last_word(text, start) not in _VERB_LAST_WORDS:
        return None
    m = _VERB_BEFORE.search(text, max(0, start - WINDOW), start)
    if m is None:
        return None
    return "down" if m.group("down") else "up"


def negative_sign_before(text: str, start: int) -> int | None:
    """Where a minus sign or word ("-5%", "minus five percent") starts, if one stands right before."""
    if start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " \t\n(["):
        return start - 1
    if not text.endswith(_SIGN_WORDS, max(0, start - 10), start):
        return None
    m = _SIGN_WORD_BEFORE.search(text, max(0, start - 12), start)
    return m.start() if m else None
