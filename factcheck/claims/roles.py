"""Who trades with whom in one sentence: reporter, partner and flow from the places around the
trade words. Rules over the extractor's place spans; no parser is needed for the patterns news
uses ("X's exports", "exports to Y", "trade between A and B", "A-B trade", "Y supplies N% of X's
imports"), and a statistical parser is not available offline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.claims import lexicon as lx
from factcheck.claims.context import Context, is_possessive
from factcheck.extract.model import Sentence


@dataclass
class Mention:
    iso3: str
    start: int  # local to the sentence
    end: int
    possessive: bool = False
    from_context: str | None = None  # the words that referred to it ("its")


@dataclass
class Roles:
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    notes: list[str] = field(default_factory=list)


def mentions(sentence: Sentence, context: Context) -> tuple[list[Mention], list[str]]:
    """Countries named in the sentence, plus those its pronouns refer to (resolved from context)."""
    found = [
        Mention(p.iso3, p.start - sentence.start, p.end - sentence.start, is_possessive(sentence, p))
        for p in sentence.places
        if p.iso3
    ]
    notes: list[str] = []
    named = {m.iso3 for m in found}
    for match in lx.PRONOUN_SINGULAR.finditer(sentence.text):
        before = [m for m in found if m.end <= match.start() and m.possessive]
        iso3 = before[-1].iso3 if before else context.singular(exclude=named - {m.iso3 for m in before})
        if iso3:
            found.append(Mention(iso3, match.start(), match.end(), True, match.group(0)))
            if not before:
                notes.append(f"'{match.group(0)}' read as {iso3} from the text before")
    pair_match = lx.PRONOUN_PAIR.search(sentence.text)
    if pair_match and pair_match.group(0).lower() != "their" and len(named) < 2:
        pair = context.pair()
        if pair:
            for iso3 in pair:
                found.append(Mention(iso3, pair_match.start(), pair_match.end(), False, pair_match.group(0)))
            notes.append(f"'{pair_match.group(0)}' read as {pair[0]} and {pair[1]} from the text before")
    found.sort(key=lambda m: m.start)
    return found, notes


def flow_near(text: str, start: int, end: int) -> tuple[str | None, int | None]:
    """The flow word nearest the quantity (export, import or total trade) and where it stands."""
    best: tuple[int, str, int] | None = None
    for pattern, flow in ((lx.EXPORT, "export"), (lx.IMPORT, "import"), (lx.TRADE, "total")):
        for m in pattern.finditer(text):
            distance = m.start() - end if m.start() >= end else start - m.end()
            distance = distance if m.start() >= end else distance + 5  # prefer "N% of X's exports"
            if best is None or distance < best[0]:
                best = (distance, flow, m.start())
    if best is None:
        if re.search(r"\b(?:go(?:es)?|went|flow(?:s|ing|ed)?|sold|destined|bound) (?:to|for)\b", text, re.I):
            return "export", None
        if re.search(r"\b(?:comes?|came) from\b|\bsuppl", text, re.I):
            return "import", None
        return None, None
    return best[1], best[2]


def _preceded_by(text: str, m: Mention, pattern: re.Pattern[str]) -> bool:
    return bool(pattern.search(text[max(0, m.start - 12) : m.start]))


def assign(sentence: Sentence, found: list[Mention], flow: str, anchor: int, q_start: int) -> Roles:
    """Reporter and partner for a claim whose flow word stands at `anchor` (local offset)."""
    text = sentence.text
    roles = Roles(flow=flow)
    if not found:
        return roles
    # "trade between A and B", "A-B trade", "Sino-Korean trade": a pair, order as written.
    for a, b in zip(found, found[1:]):
        between = _preceded_by(text, a, lx.BETWEEN) and _preceded_by(text, b, lx.AND_BEFORE)
        hyphen = text[a.end : b.start] in ("-", "–", "—", "/") and bool(lx.TRADE.match(text[b.end :].lstrip(" '’s")))
        if (between or hyphen) and a.iso3 != b.iso3:
            if abs(a.start - anchor) < 60 or abs(b.start - anchor) < 60:
                roles.reporter, roles.partner = a.iso3, b.iso3
                return roles
    # The reporter: a possessive ("North Korea's exports", "its exports"), "exports of X", or the
    # subject right before a flow verb ("China imported").
    for m in sorted(found, key=lambda m: abs(m.start - anchor)):
        if m.possessive and (m.end <= anchor or m.start > anchor) and abs(m.start - anchor) < 45:
            roles.reporter = m.iso3
            break
    if roles.reporter is None:
        # "exports of North Korea", "exports from North Korea (to ...)"
        of_reporter = re.compile(r"[\w-]+\s+(?:of|from)\s+(?:the\s+)?" if flow == "export" else r"[\w-]+\s+of\s+(?:the\s+)?")
        for m in found:
            if m.start > anchor and of_reporter.fullmatch(text[anchor : m.start]):
                roles.reporter = m.iso3
                break
    if roles.reporter is None:
        subjects = [m for m in found if m.start < anchor and not _preceded_by(text, m, re.compile(r"\b(?:to|from|with|for|into|and|than|of)\s+(?:the\s+)?$", re.I))]
        if subjects:
            roles.reporter = subjects[0].iso3
    # The partner: "to Y" for exports, "from Y" for imports, "with Y" for trade; or, for a share,
    # the subject of "supplies/takes/accounts for".
    want = {"export": lx.TOWARDS, "import": lx.FROM, "total": lx.WITH}[flow]
    for m in found:
        if m.iso3 != roles.reporter and (_preceded_by(text, m, want) or _preceded_by(text, m, lx.WITH)):
            roles.partner = m.iso3
            break
    if roles.partner is None:
        verb = lx.PARTNER_SUBJECT_VERBS.search(text)
        if verb:
            before_verb = [m for m in found if m.end <= verb.start() and m.iso3 != roles.reporter]
            if before_verb:
                roles.partner = before_verb[-1].iso3
    if roles.partner is None:
        others = [m for m in found if m.iso3 != roles.reporter and not _preceded_by(text, m, re.compile(r"\b(?:than|like|as)\s+(?:the\s+)?$", re.I))]
        if others and roles.reporter is not None:
            roles.partner = others[0].iso3
    if roles.reporter is None and roles.partner is not None and flow == "total":
        others = [m for m in found if m.iso3 != roles.partner]
        roles.reporter = others[0].iso3 if others else None
    for m in found:
        if m.from_context and m.iso3 in (roles.reporter, roles.partner):
            roles.notes.append(f"{m.iso3} taken from '{m.from_context}'")
    return roles
