"""Clauses and their subjects: the unit in which news states who trades with whom.

"Mongolia sends at least 90% of its exports to China and buys 57% of its imports there" holds two
claims with one subject; "Australia, which sends a third of its exports to China, shipped $120
billion" holds a relative clause whose subject is the noun before "which". Splitting at clause
boundaries and carrying the subject forward covers these without a parser (none is available
offline), and keeps each quantity's roles local to the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.claims import lexicon as lx
from factcheck.claims.roles import Mention

BOUNDARY = re.compile(
    r"\s*(?:;|:|\s[—–]\s|,\s+(?:and|but|while|whereas|although|though|so|yet)\b|,\s+which\b|,\s+whose\b|"
    r",\s+with(?=\s+(?:the\s+)?[A-Z][\w.-]*(?:'s|’s)?\s+(?:\w+\s+)?(?:exports|imports|trade|shipments|purchases|sales)\b)|"
    r"\s+(?:while|whereas)\b|,\s+(?=(?:up|down)\s+(?:from|by)\b)|,\s+(?=" + lx.CONSEQUENCE_PARTICIPLE + r"\b)|\s+and\s+(?=(?:in\s+\d{4}\s+)?(?:it|they|the\s+\w+|\w+ed|buys|sends|takes|supplies|sells|ships)\b))",
    re.I,
)
# "trade between India and the US has gone up": the "and" of a pair after "between" joins its two
# sides, whatever follows it; it does not start a clause.
BETWEEN_BEFORE_AND = re.compile(r"\bbetween\s+(?:the\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,2}$", re.I)
# After a ", which ...," aside, a verb (or a figure) goes on with the clause it interrupted;
# anything else ("..., which ..., China's exports rose") starts a clause of its own.
CONTINUED_AFTER_ASIDE = re.compile(r"\s*(?:(?:also|still|then|only|has|have|had|was|were|is|are)\s+)*"
                                   r"(?:[a-z]+ed|rose|fell|grew|was|were|is|are|stood|came|reached|hit|totall?ed|amounted|jumped)\b")
NOUN_USE = re.compile(r"\b(?:the|its|their|an?|of)\s+$", re.I)
PREPOSITION_BEFORE = re.compile(
    r"\b(?:to|from|with|of|than|for|into|in|across|by|against|like|as|and|between|on|over|toward|towards|at)\s+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class Clause:
    start: int  # local to the sentence
    end: int
    subject: Mention | None
    relative: bool = False  # a ", which ..." or ", whose ..." clause: its subject is the noun before


# A subordinate clause that opens the sentence ("While India was the US's 13th largest market,
# the latter exported ..."): its subject is not the main clause's, when the main clause names a
# country of its own. Time openers ("Since 2017,",
# "After the deal,") are left to the period rules: they date the main clause.
LEADING_SUBORDINATE = re.compile(r"^\s*(?:While|Whereas|Although|Though|Even though|Because|Unlike|Despite|When)\b[^,;:]{3,160},")


DASH = re.compile(r"\s[—–]\s")


def _dash_aside_starts(text: str) -> frozenset[int]:
    """Where two dashes enclose an aside ("the deficit with Beijing – the target of Trump's trade
    war – hit a record $419.2 billion"): neither ends the clause, which goes on after the aside."""
    dashes = [m.start() for m in DASH.finditer(text)]
    paired = set()
    for a, b in zip(dashes, dashes[1:]):
        if a not in paired and b - a <= 100 and not re.search(r"[;:.]\s", text[a:b]):
            paired |= {a, b}
    return frozenset(paired)


def split(text: str, mentions: list[Mention]) -> list[Clause]:
    cuts = [0]
    kinds = [False]
    lead = LEADING_SUBORDINATE.match(text)
    if lead and any(m.start >= lead.end() for m in mentions):  # else the main clause leans on its words
        cuts.append(lead.end())
        kinds.append(False)
    asides = _dash_aside_starts(text)
    for m in BOUNDARY.finditer(text):
        if m.start() in asides:
            continue
        if m.group(0).strip().lower() == "and" and BETWEEN_BEFORE_AND.search(text, max(0, m.start() - 40), m.start()):
            continue
        if m.start() > cuts[-1]:
            cuts.append(m.end())
            kinds.append(bool(re.search(r"which|whose", m.group(0), re.I)))
            if kinds[-1]:  # "South Sudan, which gained independence in 2011, shipped ...": the aside ends at its comma
                comma = text.find(",", m.end())
                following = BOUNDARY.search(text, m.end())
                if comma != -1 and (following is None or comma < following.start()):
                    cuts.append(comma + 1)
                    kinds.append(False)
    cuts.append(len(text))
    clauses: list[Clause] = []
    previous_subject: Mention | None = None
    for i, (start, end) in enumerate(zip(cuts, cuts[1:])):
        relative = kinds[i]
        subject = _subject(text, start, end, mentions)
        if relative:
            before = [m for m in mentions if m.end <= start]
            subject = before[-1] if before else previous_subject
        elif subject is None:
            subject = previous_subject
        if i >= 2 and kinds[i - 1] and not relative and CONTINUED_AFTER_ASIDE.match(text, start):
            # "imports, which failed to grow at all in November, rose 6 percent": the clause the
            # aside interrupted goes on; its words before the aside (the flow noun) are its own
            start = cuts[i - 2]
        clauses.append(Clause(start, end, subject, relative))
        if not relative and subject is not None:
            previous_subject = subject
    return clauses


def _subject(text: str, start: int, end: int, mentions: list[Mention]) -> Mention | None:
    """The first country in the clause that no preposition governs and that is not a possessive
    modifier of a flow noun ("Angola's exports" makes Angola the reporter, handled elsewhere)."""
    verbs = [v.start() for pattern in (lx.OUTBOUND_VERB, lx.INBOUND_VERB) for v in pattern.finditer(text, start, end)
             if not NOUN_USE.search(text[max(start, v.start() - 8):v.start()])]  # "the import side" is no verb
    first_verb = min(verbs, default=end)
    for m in mentions:
        if not (start <= m.start < end) or m.from_context:
            continue
        if m.start > first_verb:  # "while buying $143 million, selling North Korea ...": an object
            return None
        if PREPOSITION_BEFORE.search(text[max(start, m.start - 14) : m.start]):
            continue
        return m
    return None


def clause_of(clauses: list[Clause], position: int) -> Clause:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1]
