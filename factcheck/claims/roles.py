"""Who trades with whom: reporter, partner and flow for one quantity, read from the clause around
it. Rules over the extractor's place spans and a few verb lists (see clauses.py for why there is no
parser): "N% of X's exports go to Y", "Y buys N% of X's exports", "X sends N% of its exports to
Y", "X shipped $N of goods to Y", "trade between A and B", "A-B trade", "X's exports to Y fell".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.claims import lexicon as lx
from factcheck.claims.context import GOVERNED, Context, in_an_amount, is_possessive
from factcheck.claims.provenance import Binding, Source, Unaccounted
from factcheck.countries import ambiguous_default
from factcheck.extract.model import Sentence


@dataclass
class Mention:
    iso3: str
    start: int  # local to the sentence
    end: int
    possessive: bool = False
    from_context: str | None = None  # the words that referred to it ("its")
    demonym: bool = False


@dataclass
class Roles:
    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    notes: list[str] = field(default_factory=list)
    frame: str | None = None  # set when the reading rule itself is the frame (frames.yaml), else by metric


@dataclass
class Topic:
    """What the paragraph has been talking about: the last claim's countries, flow and period."""

    reporter: str | None = None
    partner: str | None = None
    flow: str | None = None
    year: int | None = None  # stated in this paragraph
    story_year: int | None = None  # the latest year stated anywhere before: a base for "a year earlier"
    in_sentence: bool = False  # taken from an earlier claim of the same sentence
    metric: str | None = None  # of the claim the topic comes from
    open_period: Unaccounted | None = None  # the story's figures are for part of a year or a fiscal year
    open_measure: Unaccounted | None = None  # the paragraph's figures are of goods and services, not goods
    open_balance: Unaccounted | None = None  # the last figure may be of a balance the reading did not take (CW18)
    span: tuple[int, int] | None = None  # the years the last sentence with figures stated, first to last


def mentions(sentence: Sentence, context: Context | None = None) -> list[Mention]:
    """Countries named in the sentence. An ambiguous name ("Korean") takes the reading the text
    has already used ("South Korea" earlier in the story); when it has used none or both, the
    name's conventional reading ("Korea" alone: South Korea), or none ("Korean", "Congo")."""
    found = []
    for p in sentence.places:
        if in_an_amount(sentence, p):
            continue  # "542.41 billion U.S. dollars"
        iso3 = p.iso3
        if not iso3 and p.candidates:
            seen = [c for c in p.candidates if context is not None and c in context.mentions]
            iso3 = seen[0] if len(seen) == 1 else ambiguous_default(p.surface)
        if iso3:
            found.append(Mention(iso3, p.start - sentence.start, p.end - sentence.start, is_possessive(sentence, p),
                                 demonym=p.how == "demonym" or not p.iso3))
    named = sorted(found, key=lambda m: m.start)
    found += _former_and_latter(sentence.text, named) + _epithets(sentence.text, named) \
        + _the_country_of_a_pair(sentence.text, named, context)
    return sorted(found, key=lambda m: m.start)


THE_COUNTRY_IN_PAIR = re.compile(r"\bbetween\s+(the\s+(?:country|nation))\s+and\s+", re.I)


def _the_country_of_a_pair(text: str, named: list[Mention], context: Context | None) -> list[Mention]:
    """ "the turnover between the country and China": "the country" is the one the text is about
    (its latest subject other than the country it is paired with), as "its" would be."""
    found = []
    for m in THE_COUNTRY_IN_PAIR.finditer(text):
        other = next((n for n in named if n.start == m.end()), None)
        iso3 = context.singular(exclude={other.iso3}) if context is not None and other is not None else None
        if iso3 is not None:
            found.append(Mention(iso3, m.start(1), m.end(1)))
    return found


# A country written as a common noun with a describing word: "imports from the neighboring
# country", "exports to the Asian giant", "imported $6.3 billion from this country". Bare "the
# country" is left to the pronoun readings: it as often means the subject itself ("the country's
# exports").
EPITHET = re.compile(
    r"\b(?:(?:the|this|that)\s+(?:[\w-]+\s+)?(?:country|nation|giant|powerhouse|kingdom|republic)|"
    r"the\s+(?:[\w-]+\s+)?neighbou?ring\s+(?:country|nation|economy)|this\s+market)\b", re.I)


def _epithets(text: str, named: list[Mention]) -> list[Mention]:
    """ "South Korean exports to China fell to $124.8 billion, while imports from the neighboring
    country came to $142.8 billion": an epithet after "to/from/with" names the last country before
    it in the sentence other than the sentence's first (its subject); with none such, no country."""
    found = []
    for m in EPITHET.finditer(text):
        if re.fullmatch(r"the\s+(?:country|nation)", m.group(0), re.I) or not GOVERNED_BY_FLOW.search(text[max(0, m.start() - 16):m.start()]):
            continue
        before = [n for n in named if n.end <= m.start()]
        candidates = [n for n in before if before and n.iso3 != before[0].iso3]
        if candidates:
            found.append(Mention(candidates[-1].iso3, m.start(), m.end()))
    return found


GOVERNED_BY_FLOW = re.compile(r"\b(?:to|from|with|into)\s+$", re.I)


FORMER_LATTER = re.compile(r"\bthe (former|latter)\b(?!\s+(?:year|figure|period|month|amount|number)s?\b)", re.I)


def _former_and_latter(text: str, named: list[Mention]) -> list[Mention]:
    """ "While India was the US's 13th largest market, the latter exported $33.1 billion": "the
    latter" is the second of the two countries named before it in the sentence, "the former" the
    first. With more or fewer than two, the words point nowhere certain and name no country."""
    found = []
    for m in FORMER_LATTER.finditer(text):
        before = list(dict.fromkeys(n.iso3 for n in named if n.end <= m.start()))
        if len(before) != 2:
            continue
        iso3 = before[1] if m.group(1).lower() == "latter" else before[0]
        found.append(Mention(iso3, m.start(), m.end(), possessive=text[m.end():m.end() + 2] in ("'s", "’s")))
    return found


def flow_of(word: str) -> str:
    w = word.lower()
    if "import" in w and "export" in w:
        return "total"  # "import-export", "imports and exports"
    if w.startswith(("export", "shipment", "sale")):
        return "export"
    if w.startswith(("import", "purchase")):
        return "import"
    return "total"


def verb_direction(text: str) -> tuple[str | None, int]:
    """The direction ("export"/"import" seen from the subject) of the last trade verb in `text`."""
    best: tuple[int, str] | None = None
    for pattern, direction in ((lx.OUTBOUND_VERB, "export"), (lx.INBOUND_VERB, "import")):
        for m in pattern.finditer(text):
            if best is None or m.start() > best[0]:
                best = (m.start(), direction)
    return (best[1], best[0]) if best else (None, -1)


PARTNER_GAP = {
    "export": re.compile(r"^(?:[\w-]+\s+){0,3}?(?:to|into|for|towards?|bound for|destined for)\s+(?:the\s+)?$", re.I),
    "import": re.compile(r"^(?:[\w-]+\s+){0,3}?from\s+(?:the\s+)?$", re.I),
    # "trade with China", "30% of all Brazilian trade will involve China"
    "total": re.compile(r"^(?:[\w-]+\s+){0,3}?(?:with|and|involv(?:e|es|ed|ing))\s+(?:the\s+)?$", re.I),
}


ASIDE = re.compile(r"\s*\([^()]{1,60}\)")


def partner_after(text: str, found: list[Mention], position: int, flow: str, limit: int, *, reach: int = 40) -> Mention | None:
    """The country that "to"/"from"/"with" governs within a few words after `position`
    ("exports go to China", "imports from China", "trade with China")."""
    for m in found:
        if position <= m.start < limit and not m.from_context:
            # an aside in brackets does not part a noun from its partner ("of total U.S. merchandise
            # trade (both exports and imports) is with Canada")
            gap = ASIDE.sub("", text[position : m.start]).lstrip(" ,")
            if len(gap) <= reach and (PARTNER_GAP[flow].match(gap) or reach > 40 and re.search(
                    {"export": r"\b(?:to|into)\s+(?:the\s+)?$", "import": r"\bfrom\s+(?:the\s+)?$", "total": r"\bwith\s+(?:the\s+)?$"}[flow], gap, re.I)):
                return m
    return None


SCENE = re.compile(r"^\s*(?:in|for|across|inside)\s+(?:the\s+)?$", re.I)


def scene_of(text: str, found: list[Mention]) -> Mention | None:
    """The country a sentence is set in: "In Cambodia, ...", "For Mongolia, ..."."""
    first = found[0] if found else None
    if first is not None and SCENE.match(text[: first.start]) and text[first.end : first.end + 1] == ",":
        return first
    return None


def pair_in(text: str, found: list[Mention], lo: int, hi: int) -> tuple[str, str] | None:
    """ "trade between A and B", "A-B trade", "Sino-Korean trade", "A and B traded"."""
    inside = [m for m in found if lo <= m.start < hi and not m.from_context]
    for a, b in zip(inside, inside[1:]):
        if a.iso3 == b.iso3:
            continue
        gap = text[a.end : b.start]
        between = re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, a.start - 14) : a.start], re.I) and re.fullmatch(r"\s*(?:and|&)\s+(?:the\s+)?", gap)
        hyphen = gap in ("-", "–", "—", "/") and re.match(r"\s*(?:'s\s+|’s\s+)?(?:bilateral\s+)?(?:trade|commerce|trading)", text[b.end :], re.I)
        conjoined = re.fullmatch(r"\s*(?:and|&)\s+(?:the\s+)?", gap) and re.match(r"\s+(?:have\s+|had\s+)?(?:traded|trade)\b", text[b.end:], re.I)
        if between or hyphen or conjoined:
            return a.iso3, b.iso3
    return None


def _its(text, found, q_start, subject, subject_is_partner, clauses, clause, topic, context, roles,
         excluded: set[str] = frozenset(), word: str = "its") -> str | None:
    """Whom "its" means: a country named with a possessive earlier in the sentence ("China is
    Germany's largest supplier, with 12% of its imports"); else the clause's subject unless the
    verb makes the subject the partner ("China buys 30% of its exports"); else the subject of an
    earlier clause; else the paragraph's topic; else the text before."""
    exclude = ({subject.iso3} if subject is not None and subject_is_partner else set()) | set(excluded)
    possessive = [m for m in found if m.end <= q_start and m.possessive and m.iso3 not in exclude
                  and (subject is None or m.iso3 != subject.iso3)]
    if possessive:
        return possessive[-1].iso3
    if subject is not None and not subject_is_partner and not subject.from_context and subject.iso3 not in exclude:
        return subject.iso3
    for earlier in reversed([c for c in clauses if c.end <= clause.start]):
        if earlier.subject is not None and earlier.subject.iso3 not in exclude:
            return earlier.subject.iso3
    scene = scene_of(text, found)  # "In Venezuela, ..., China takes 35% of the country's exports"
    if scene is not None and scene.iso3 not in exclude:
        return scene.iso3
    iso3 = context.singular(exclude=exclude)  # the country named most recently as a subject
    if iso3:
        roles.notes.append(Binding(f"'{word}' read as {iso3} from the text before", "reporter", Source.PRONOUN))
        return iso3
    if topic.reporter and topic.reporter not in exclude:
        roles.notes.append(Binding(f"'{word}' read as {topic.reporter} from the sentence before", "reporter", Source.PRONOUN))
        return topic.reporter
    return None


def _indirect_object(text: str, found: list[Mention], lo: int, q_start: int, reporter: str | None) -> Mention | None:
    """The country right after a trade verb and before the figure: "sends China 11%", "sold the US"."""
    verb_dir, verb_at = verb_direction(text[lo:q_start])
    if verb_dir is None:
        return None
    verb_end = lo + verb_at + len(re.match(r"[\w ]+?\b", text[lo + verb_at:]).group(0))
    for m in found:
        if verb_end <= m.start < q_start and m.iso3 != reporter and re.fullmatch(r"\s+(?:the\s+)?", text[verb_end:m.start]):
            return m
    return None


# Between a flow noun and its own figure: "of", "worth", "valued at", or a copula with "at"/"to"
# ("exports stood at", "imports came to").
OWN_FIGURE_GAP = re.compile(
    r"\s*(?:of|worth|at|totall?ing|valued at|(?:stood|stands|was|were|came|comes|amounted|amounts|totall?ed|ran)\s+(?:at|to))\s+"
    r"(?:about\s+|nearly\s+|some\s+|more than\s+|less than\s+|almost\s+)?", re.I)


def _noun_for(text: str, nouns, lo: int, q_start: int, q_end: int):
    """The flow noun a quantity belongs to: "imports of $143 billion" binds its own figure; else
    the nearest noun before the figure (the clause's subject: "exports to China slumped 20% to
    $124.7 billion"); else the nearest after it."""
    for n in nouns:  # "imports of $143 billion", "exports stood at $134 million"
        if OWN_FIGURE_GAP.fullmatch(text, n.end() + lo, q_start):
            return n
    for n in nouns:  # "increases of 24 per cent in export and 13.6 per cent in import"
        if n.start() + lo >= q_end and OWN_NOUN_AFTER_GAP.fullmatch(text, q_end, n.start() + lo):
            return n
    own = [n for n in nouns if re.search(r"\b(?:of|worth|at)\s+\S*$", text[n.end() + lo : n.end() + lo + 12]) is None]
    before = [n for n in own if n.end() + lo <= q_start]
    if before:
        return before[-1]
    after = [n for n in nouns if n.start() + lo >= q_end]
    return after[0] if after else nouns[-1]


GOODS_OF = re.compile(r"\s+(?:goods|products|exports|imports|purchases|coal|textiles|oil)\b", re.I)


def read_roles(sentence: Sentence, q_start: int, q_end: int, found: list[Mention], clause, clauses,
               context: Context, topic: Topic) -> Roles:
    roles = _read_roles(sentence, q_start, q_end, found, clause, clauses, context, topic)
    if roles.reporter and roles.partner is None and roles.flow in ("import", "export"):
        # "the biggest buyer of North Korean goods: in 1990 Japanese importers took $298 million"
        goods = [m for m in found if m.demonym and m.iso3 != roles.reporter and GOODS_OF.match(sentence.text[m.end:])]
        if len({m.iso3 for m in goods}) == 1:
            roles.partner = goods[0].iso3
            roles.notes.append(Binding(f"partner {goods[0].iso3} from '{sentence.text[goods[0].start:goods[0].end]} goods'", "partner", Source.STATED))
    return roles


@dataclass(frozen=True)
class _Reading:
    """One quantity whose roles are being read, with the clause around it: what every reading
    rule below looks at. Offsets are local to the sentence."""

    sentence: Sentence
    q_start: int
    q_end: int
    found: list[Mention]
    clause: object  # clauses.Clause (clauses.py imports this module)
    clauses: list
    context: Context
    topic: Topic

    @property
    def text(self) -> str:
        return self.sentence.text

    @property
    def lo(self) -> int:
        return self.clause.start

    @property
    def hi(self) -> int:
        return self.clause.end

    @property
    def subject(self) -> Mention | None:
        return self.clause.subject


def _read_roles(sentence: Sentence, q_start: int, q_end: int, found: list[Mention], clause, clauses,
                context: Context, topic: Topic) -> Roles:
    """The first reading rule of READING_RULES that recognises the words around the figure
    decides its roles; a figure no rule reads has none (and is no trade claim)."""
    reading = _Reading(sentence, q_start, q_end, found, clause, clauses, context, topic)
    for rule in READING_RULES:
        roles = rule(reading)
        if roles is not None:
            return roles
    return Roles()


def _share_in_parentheses(r: _Reading) -> Roles | None:
    """A share in parentheses right after its partner: "Japan sells more to the United States
    (19%)" - the clause's subject sells, the verb gives the flow."""
    bracketed = _bracketed_country(r)
    if bracketed is None or r.subject is None or not bracketed[2]:
        return None  # "the leading exporter, followed by the United States (US$ 1.50 trillion)": a ranking's own figure
    return Roles(r.subject.iso3, bracketed[0].iso3, bracketed[1])


def _ranked_in_parentheses(r: _Reading) -> Roles | None:
    """A figure in brackets right after a country that no "to/from/for" makes the verb's other
    side ("China was the leading exporter ..., followed by the United States (US$ 1.50 trillion,
    9 per cent), Germany (US$ 1.33 trillion)"): that country's own flow, the partner left open."""
    bracketed = _bracketed_country(r)
    if bracketed is None or bracketed[2]:
        return None
    paren, verb_dir, _ = bracketed
    return Roles(paren.iso3, None, verb_dir, [Binding(f"{paren.iso3}'s own figure in a ranking", "reporter", Source.STATED)])


def _bracketed_country(r: _Reading) -> tuple[Mention, str, bool] | None:
    """(the country right before the figure's bracket, the clause's trade direction, whether a
    "to/from/for" makes that country the verb's other side rather than a ranking's next member);
    None without such a country (or when it is the clause's subject) or without a trade verb
    ("Its main buyers were China ($24 billion, 19%) and Japan ($12 billion)": a list)."""
    paren = next((m for m in r.found if 0 <= r.q_start - m.end <= 3 and r.text[m.end:r.q_start].strip() == "("), None)
    if paren is None or (r.subject is not None and r.subject.iso3 == paren.iso3):
        return None
    verb_dir, verb_at = verb_direction(r.text[r.lo:r.q_start])
    if verb_dir is None:
        return None
    governing = list(lx.GOVERNING_WORD.finditer(r.text, r.lo + verb_at, paren.start))
    return paren, verb_dir, bool(governing) and governing[-1].group(1).lower() in lx.PARTNER_PREPOSITIONS


def _share_of_what_is_sold(r: _Reading) -> Roles | None:
    """ "more than half of what North Korea sells to China": the flow is the verb's, the seller
    the reporter; without a "to" the clause's subject is the other side ("Russia supplied a
    quarter of what Kazakhstan brought in")."""
    what = re.match(r"\s*of\s+what\s+", r.text[r.q_end:r.hi], re.I)
    if not what:
        return None
    seller = next((m for m in r.found if m.start == r.q_end + what.end()), None)
    verb_dir, _ = verb_direction(r.text[r.q_end + what.end(): r.hi])
    if seller is None or not verb_dir:
        return None
    partner = partner_after(r.text, r.found, seller.end, verb_dir, r.hi, reach=80)
    if partner is None and r.subject is not None and r.subject.iso3 != seller.iso3:
        partner = r.subject
    return Roles(seller.iso3, partner.iso3 if partner is not None else None, verb_dir)


def _named_share(r: _Reading) -> Roles | None:
    """ "China's share of North Korea's trade ... reached three-quarters": the share is named
    before the figure, its holder is the partner and the flow's owner the reporter."""
    shares = list(re.finditer(r"(?P<noun>share)\s+of\s+(?:the\s+)?", r.text[:r.q_start], re.I))
    if not shares:
        return None
    named = shares[-1]
    share_at = named.start()
    holder = next((m for m in reversed(r.found) if m.end <= share_at and share_at - m.end <= 4 and m.possessive), None)
    owner = next((m for m in r.found if m.start == named.end()), None)
    noun = lx.FLOW_NOUN.search(r.text, owner.end) if owner is not None else None
    if holder is None or owner is None or noun is None or noun.start() - owner.end > 6:
        return None
    return Roles(owner.iso3, holder.iso3, flow_of(noun.group(1)))


def _share_of_them(r: _Reading) -> Roles | None:
    """ "28% of them": a share of the flow the sentence before was about; the partner is the
    country "bound for" after it, else the clause's subject ("the United States took 28% of them")."""
    them = re.match(r"\s*of\s+them\b", r.text[r.q_end:r.hi], re.I)
    topic = r.topic
    if not them or not topic.flow:
        return None
    roles = Roles(topic.reporter, None, topic.flow)
    after_them = partner_after(r.text, r.found, r.q_end + them.end(), topic.flow, r.hi, reach=60)
    if after_them is not None and after_them.iso3 != topic.reporter:
        roles.partner = after_them.iso3  # "a quarter of them bound for China"
    elif r.subject is not None and r.subject.iso3 != topic.reporter:
        roles.partner = r.subject.iso3
    roles.notes.append(Binding(f"'them' read as {topic.reporter}'s {topic.flow}s from the sentence before", "reporter", Source.PRONOUN))
    return roles


OF_FLOW = re.compile(r"\s*of\s+(?:the\s+)?(?P<owner>[^,;]{0,40}?)\s*(?P<noun>" + lx.FLOW_NOUN.pattern + r")", re.I)
OWNER_PRONOUN = re.compile(r"\b(?:its|their|the (?:country|nation)['’]s|them)\b", re.I)


def _share_of_flow(r: _Reading) -> Roles | None:
    """ "N% of <X's|its> exports (go to Y)", "a third of Russia's exports": the words after "of"
    name the flow and its owner; the partner is the country the flow goes to or comes from."""
    of_flow = OF_FLOW.match(r.text[r.q_end:r.hi])
    if not of_flow:
        return None
    words = of_flow.group("noun").split()
    flow = flow_of(words[-1] if words[-1].lower() not in ("volume", "earnings") else words[0])
    roles = Roles(flow=flow)
    verb_dir, _ = verb_direction(r.text[r.lo:r.q_start])
    subject_is_partner = verb_dir is not None and flow != "total" and verb_dir != flow or _subject_is_the_part(r)
    rest = r.q_end + of_flow.end()
    partner = partner_after(r.text, r.found, rest, flow, r.hi)
    roles.reporter = _share_owner(r, of_flow, partner, subject_is_partner, roles)
    roles.partner = _share_partner(r, partner, rest, roles)
    return roles


# "the United States, which accounted for 31.5 percent of all exports": the subject of these verbs
# is the part of the flow (a partner), not the flow's owner.
PART_VERB = re.compile(r"\b(?:account(?:s|ed|ing)?\s+for|makes?\s+up|made\s+up|making\s+up|represent(?:s|ed|ing)?|"
                       r"constitut(?:e|es|ed|ing))\s+(?:\w+\s+){0,3}$", re.I)


SUBJECT_TO_VERB = re.compile(r"\s*(?:,\s*(?:which|who|that)\s+)?(?:(?:also|alone|now|still|then|has|had|have)\s+)*", re.I)


def _subject_is_the_part(r: _Reading) -> bool:
    """Whether the clause's country is the subject of a verb like "accounted for" right before the
    figure ("the United States, which accounted for 31.5 percent of all exports"), not of another
    verb ("Japan imports most of its oil, and that commodity makes up a third of its import bill")."""
    verb = PART_VERB.search(r.text, r.lo, r.q_start) if r.subject is not None else None
    return verb is not None and SUBJECT_TO_VERB.fullmatch(r.text, r.subject.end, verb.start()) is not None


def _share_owner(r: _Reading, of_flow: re.Match, partner: Mention | None, subject_is_partner: bool,
                 roles: Roles) -> str | None:
    """Whose flow a share is of: the country named after "of"; "its" resolved (never to the
    partner the same clause names: "97% of its exports flowing to China"); else the clause's
    subject unless the verb makes it the partner; else the country the sentence is set in."""
    owner_hi = r.q_end + of_flow.end("owner")
    owner = next((m for m in r.found if m.end > r.q_end and m.start <= owner_hi and m.end <= owner_hi + 3), None)
    if owner is not None:
        return owner.iso3
    subject = r.subject
    if OWNER_PRONOUN.search(of_flow.group("owner")):
        excluded = {partner.iso3} if partner is not None else set()
        return _its(r.text, r.found, r.q_start, subject, subject_is_partner, r.clauses, r.clause, r.topic, r.context,
                    roles, excluded)
    if subject is not None and not subject_is_partner:
        return subject.iso3
    scene = scene_of(r.text, r.found)
    if scene is not None and (subject is None or scene.iso3 != subject.iso3):
        # "In Cambodia, the United States ... taking a third of exports"
        roles.notes.append(Binding(f"{scene.iso3} from '{r.text[scene.start:scene.end]}' at the start of the sentence", "reporter", Source.STATED))
        return scene.iso3
    return None


def _share_partner(r: _Reading, partner: Mention | None, rest: int, roles: Roles) -> str | None:
    """Who takes a share: the country after "to/from"; the indirect object ("Bolivia sends China
    only 11% of its exports"); the clause's subject ("China buys 30% of Brazil's exports"); or
    the partner "there" points back to."""
    reporter = roles.reporter
    if partner is not None and partner.iso3 != reporter:
        return partner.iso3
    indirect = _indirect_object(r.text, r.found, r.lo, r.q_start, reporter)
    if indirect is not None:
        return indirect.iso3
    subject = r.subject
    if subject is not None and subject.iso3 != reporter and not subject.from_context and not subject.demonym:
        return subject.iso3  # "China is X's supplier, with 12%"
    there = lx.THERE.search(r.text[rest:r.hi])
    if there and r.topic.partner:
        roles.notes.append(Binding(f"'there' read as {r.topic.partner}", "partner", Source.PRONOUN))
        return r.topic.partner
    if there:
        previous = [m for m in r.found if m.start < r.lo and m.iso3 != reporter]
        return previous[-1].iso3 if previous else None
    return None


def _clause_flow_word(r: _Reading) -> re.Match | None:
    """The flow noun the figure is read with: the nearest before it in its clause ("trade between
    A and B reached $117 billion, of which A's exports were $41 billion"), else the clause's first,
    else the sentence's."""
    after = OWN_NOUN_AFTER_GAP.match(r.text, r.q_end)
    own = lx.FLOW_NOUN.match(r.text, after.end()) if after else None
    if own is not None and own.end() <= r.hi:
        return own  # "13.6 per cent in imports"
    before = list(lx.FLOW_NOUN.finditer(r.text, r.lo, r.q_start))
    return before[-1] if before else lx.FLOW_NOUN.search(r.text[r.lo:r.hi]) or lx.FLOW_NOUN.search(r.text)


# Between a figure and its own flow noun right after it: "increases of 24 per cent in export and
# 13.6 per cent in import".
OWN_NOUN_AFTER_GAP = re.compile(r"\s+(?:in|of)\s+(?:its\s+|their\s+|the\s+)?", re.I)


# "a record surplus of $101.75 billion in Mexico's favor", "a $3 billion balance in favour of Chile"
FAVOUR_BEFORE_OWNER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?in\s+(?:the\s+)?$", re.I)
FAVOUR_AFTER_OWNER = re.compile(r"^(?:'s|’s|')\s+favou?r\b", re.I)
IN_FAVOUR_OF = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?in\s+favou?r\s+of\s+(?:the\s+)?$", re.I)


def _balance_in_favour_of(r: _Reading) -> Roles | None:
    """ "The balance of trade showed a record surplus of $101.75 billion in Mexico's favor": the
    country the balance favours runs the surplus; its partner is the other country of the
    sentence, else of the paragraph."""
    if not (lx.BALANCE.search(r.text[r.lo:r.q_start]) or lx.BALANCE_AFTER.match(r.text[r.q_end:])):
        return None
    owner = next((m for m in r.found if r.q_end <= m.start <= r.q_end + 40 and not m.from_context
                  and (FAVOUR_BEFORE_OWNER.match(r.text[r.q_end:m.start]) and FAVOUR_AFTER_OWNER.match(r.text[m.end:])
                       or IN_FAVOUR_OF.match(r.text[r.q_end:m.start]))), None)
    if owner is None:
        return None
    others = {m.iso3 for m in r.found if m.iso3 != owner.iso3 and not m.from_context}
    roles = Roles(owner.iso3, others.pop() if len(others) == 1 else None, "total")
    if roles.partner is None:
        topic_other = next((c for c in (r.topic.reporter, r.topic.partner) if c not in (None, "WLD", owner.iso3)), None)
        if topic_other is not None:
            roles.partner = topic_other
            roles.notes.append(Binding(f"partner {topic_other} carried from the sentence before", "partner",
                                       Source.PREVIOUS_SENTENCE))
    return roles


def _balance_owner(r: _Reading) -> Roles | None:
    """ "Of the $31 billion U.S.-Korea trade last year, Korea ran a $8.9 billion surplus": the
    country that ran a balance owns it, whatever pair the sentence names; its partner is the
    other of that pair, or the country after "with"."""
    owner = next((m for m in reversed(r.found) if r.lo <= m.start and m.end <= r.q_start and not m.from_context
                  and lx.BALANCE_OWNER_GAP.match(r.text[m.end:r.q_start])
                  and (not GOVERNED.search(r.text[max(0, m.start - 14):m.start])
                       or WITH_WHOM.search(r.text, max(0, m.start - 24), m.start))), None)
    if owner is None:
        return None
    gap = r.text[owner.end:r.q_start]
    if not (lx.BALANCE.search(gap) or lx.BALANCE_AFTER.match(r.text[r.q_end:])):
        return None
    antecedent = _with_whom(r, owner)
    if antecedent is not None:
        return Roles(owner.iso3, antecedent.iso3, "total",
                     [Binding(f"'with whom' read as {antecedent.iso3}, the country before it", "partner", Source.PRONOUN)])
    pair = pair_in(r.text, r.found, 0, _end_of_figure_part(r))
    partner = partner_after(r.text, r.found, r.q_end, "total", r.hi, reach=60)
    if partner is not None and partner.iso3 != owner.iso3:
        return Roles(owner.iso3, partner.iso3, "total")
    if pair and owner.iso3 in pair:
        return Roles(owner.iso3, pair[1] if pair[0] == owner.iso3 else pair[0], "total")
    return Roles(owner.iso3, None, "total")


WITH_WHOM = re.compile(r"\bwith\s+(?:whom|which)\s+(?:the\s+)?$", re.I)


def _with_whom(r: _Reading, owner) -> Mention | None:
    """ "Germany, with whom the U.S. ran a $74.2 billion deficit": the country a relative "with
    whom" (or "with which") follows is the partner of the balance the clause's owner ran."""
    rel = WITH_WHOM.search(r.text, max(0, owner.start - 24), owner.start)
    if rel is None:
        return None
    return next((m for m in reversed(r.found) if m.end <= rel.start() and r.text[m.end:rel.start()].strip() in ("", ",")
                 and m.iso3 != owner.iso3), None)


CONSEQUENCE_CLAUSE = re.compile(r",\s+" + lx.CONSEQUENCE_PARTICIPLE + r"\b", re.I)


def _end_of_figure_part(r: _Reading) -> int:
    """Where the part of the sentence that can name the figure's countries ends: before a clause
    about its consequences (", promoting considerable tension between the United States and Japan")."""
    consequence = CONSEQUENCE_CLAUSE.search(r.text, r.q_end)
    return consequence.start() if consequence else len(r.text)


def _pair_trade(r: _Reading) -> Roles | None:
    """A pair of countries named together: "trade between A and B", "A-B trade" - their total
    trade, unless the clause names a one-way flow."""
    pair = pair_in(r.text, r.found, r.lo, r.hi)
    if pair is None:
        # the pair of another clause, unless this one names whose trade it is ("Trade between China
        # and India rose ..., while India's trade deficit with China reached $31.42 billion": India's)
        owned = any(m.possessive and not m.from_context and r.lo <= m.start < r.q_start for m in r.found)
        pair = None if owned else pair_in(r.text, r.found, 0, _end_of_figure_part(r))
    flow_word = _clause_flow_word(r)
    if pair and (flow_word is None or flow_of(flow_word.group(1)) == "total"):
        return Roles(pair[0], pair[1], "total")
    return None


def _pair_phrase(r: _Reading) -> Roles | None:
    """ "the two neighbours' trade": the sentence's own two countries when it names exactly two,
    else the pair the text was about (a guess when the sentence names others)."""
    flow_word = _clause_flow_word(r)
    pair_phrase = lx.PAIR_PHRASE.search(r.text)
    if not (flow_word and flow_of(flow_word.group(1)) == "total" and pair_phrase):
        return None
    if _figure_between(r, r.q_end, pair_phrase.start()):
        return None  # "exported $151 billion to China ..., resulting in $657 billion in total trade between the two": the later figure's
    verb_dir, verb_at = verb_direction(r.text[r.lo:r.q_start])
    if verb_dir is not None and r.lo + verb_at > pair_phrase.start() and any(
            r.text[m.end:r.lo + verb_at].strip() == "" for m in r.found if pair_phrase.end() <= m.start):
        return None  # "two-way trade reached $36 billion, of which Viet Nam exported $30.6 billion": one country's flow
    topic = r.topic
    other_side = lx.OTHER_SIDE.search(r.text, r.q_end)
    own_end = other_side.start() if other_side else len(r.text)
    named = list(dict.fromkeys(m.iso3 for m in r.found if not m.from_context and m.start < own_end))
    both = (topic.reporter, topic.partner) if topic.reporter and topic.partner not in (None, "WLD") else r.context.pair()
    source = Source.PRONOUN
    if len(named) == 2:  # "Beijing ran a deficit with Australia, but the two-way trade ...": the sentence's pair
        both, source = (named[0], named[1]), Source.STATED
    elif len(named) == 1 and topic.reporter and named[0] != topic.reporter:
        # "two-way trade with Argentina": the story's country and the one named
        both, source = (topic.reporter, named[0]), Source.PREVIOUS_SENTENCE
    elif both and set(named) - set(both):  # the sentence names others: the pair before is a guess
        source = Source.PREVIOUS_SENTENCE
    if not both:
        return None
    roles = Roles(both[0], both[1], "total")
    roles.notes.append(Binding(f"'{pair_phrase.group(0)}' read as {both[0]} and {both[1]}", "reporter", source))
    return roles


def _figure_between(r: _Reading, start: int, end: int) -> bool:
    """Whether another figure of the sentence starts between the two local offsets: words beyond
    it are that figure's."""
    base = r.sentence.start
    return any(start <= q.start - base < end for q in r.sentence.quantities)


def _trade_verb(r: _Reading) -> Roles | None:
    """A trade verb nearer the figure than any flow noun: "Australia shipped $120 billion of goods
    to China", "China bought $292 million of North Korean goods", "buying $143 million" (subject
    carried from the clause before) - the subject trades in the verb's direction."""
    text = r.text
    verb_dir, verb_at = verb_direction(text[r.lo:r.q_start])
    nouns_before = list(lx.FLOW_NOUN.finditer(text[r.lo:r.q_start]))
    noun_after = lx.FLOW_NOUN.search(text[r.q_end:r.hi])
    verb_nearer = verb_dir is not None and (not nouns_before or nouns_before[-1].end() <= verb_at)
    if not (verb_dir and r.subject is not None and verb_nearer) or (noun_after and re.match(r"\s*of\b", text[r.q_end:r.hi])):
        return None
    roles = Roles(r.subject.iso3, None, verb_dir)
    roles.partner = _verb_partner(r, verb_dir, verb_at, roles.notes)
    return roles


def _verb_partner(r: _Reading, verb_dir: str, verb_at: int, notes: list) -> str | None:
    """The other side of a trade verb: the country "to/from" governs, a demonym after the verb
    ("North Korean goods"), the neighbour or "there" of the text, the topic's partner (recorded
    as carried, and never a share's: "16.9% of China's exports go to the US" is not the partner
    of "China exported goods worth $2.2 trillion"), or the country the rank phrase before the
    verb belongs to ("South Korea, China's fifth-largest export market, bought $143 billion")."""
    text, lo, hi, subject, topic = r.text, r.lo, r.hi, r.subject, r.topic
    partner = partner_after(text, r.found, r.q_end, verb_dir, hi) or partner_after(text, r.found, lo + verb_at, verb_dir, hi, reach=80)
    demonym = next((m for m in r.found if m.demonym and lo + verb_at <= m.start < hi and m.iso3 != subject.iso3), None)
    if partner is not None and partner.iso3 != subject.iso3:
        return partner.iso3
    if demonym is not None:
        return demonym.iso3
    if lx.NEIGHBOUR.search(text[lo:hi]) or lx.THERE.search(text[r.q_end:hi]):
        return topic.partner if topic.partner and topic.partner != subject.iso3 else r.context.singular(exclude={subject.iso3})
    if topic.reporter == subject.iso3 and topic.partner and topic.metric != "share":
        notes.append(Binding(f"partner {topic.partner} carried from the figure before", "partner",
                             Source.SAME_SENTENCE if topic.in_sentence else Source.PREVIOUS_SENTENCE))
        return topic.partner
    apposed = [m for m in r.found if lo <= m.start < lo + verb_at and m.possessive and m.iso3 != subject.iso3]
    return apposed[-1].iso3 if apposed else None


def _flow_noun(r: _Reading) -> Roles | None:
    """A flow noun in the clause: "Angola's exports fell to $37 billion", "South Korea's exports
    to China recovered 6.6%", "exports to China had slumped 20%", "imports of $143 billion" - the
    noun's owner is the reporter, the country after "to/from/with" the partner."""
    nouns = list(lx.FLOW_NOUN.finditer(r.text[r.lo:r.hi]))
    if not nouns:
        return None
    noun = _noun_for(r.text, nouns, r.lo, r.q_start, r.q_end)
    n_start, n_end = noun.start(1) + r.lo, noun.end(1) + r.lo
    roles = Roles(flow=flow_of(noun.group(1)))
    roles.reporter = _noun_owner(r, n_start, n_end, roles)
    partner = partner_after(r.text, r.found, n_end, roles.flow, r.hi)
    if partner is None and n_end <= r.q_start and lx.NOUN_TO_ITS_FIGURE.match(r.text[n_end:r.q_start]):
        # "a trade deficit of nearly USD 120 billion with China", "exports of $10 billion to China"
        partner = partner_after(r.text, r.found, r.q_end, roles.flow, r.hi)
    if partner is not None and partner.iso3 != roles.reporter:
        roles.partner = partner.iso3
    for fallback in OWNERLESS_NOUN_RULES:
        if roles.reporter is None:
            fallback(r, n_start, roles)
    return roles


# The exporter or owner named after the flow noun: "exports from Chile", "exports of Chile", "the
# export value of Chile", "imports of Peru" ("from" names the owner of exports only: "imports
# from Peru" is the partner).
OWNER_AFTER_NOUN = re.compile(r"\s*(?:(?:value|volume|total|earnings|revenue)s?\s+)?(?:(?P<of>of)|from)\s+(?:the\s+)?$", re.I)


def _noun_owner(r: _Reading, n_start: int, n_end: int, roles: Roles) -> str | None:
    """Whose flow the noun names: the country right before it ("Angola's exports", "Chinese
    imports"); "its" resolved; the exporter after "of/from"; else the clause's subject."""
    text, subject = r.text, r.subject
    owner = next((m for m in reversed(r.found) if m.end <= n_start and n_start - m.end <= 14
                  and (m.possessive or m.demonym or text[m.end:n_start].strip() == "")), None) \
        or _owner_before_figure(r, n_start)
    if owner is not None:
        return owner.iso3
    if pointer := lx.POINTING_POSSESSIVE_BEFORE.search(text[max(r.lo, n_start - 26):n_start]):
        if subject is not None and subject.start < n_start:
            return subject.iso3
        if r.topic.in_sentence and r.topic.reporter:  # "100 times its trade with North Korea"
            return r.topic.reporter
        # "Mexico remains the exception. Its imports were worth ...": the latest subject
        return _its(text, r.found, n_start, None, False, r.clauses, r.clause, r.topic, r.context, roles,
                    word=pointer.group("pointer"))
    after_owner = next((m for m in r.found if n_end <= m.start <= n_end + 22
                        and (gap := OWNER_AFTER_NOUN.match(text[n_end:m.start] + " "))
                        and (gap.group("of") or roles.flow == "export")), None)
    if after_owner is not None:
        return after_owner.iso3
    if subject is not None and subject.start < n_start and not subject.possessive:
        return subject.iso3
    return None


def _owner_before_figure(r: _Reading, n_start: int) -> Mention | None:
    """ "Korea's $227.3 billion trade volume": the possessive right before the figure owns the
    flow noun right after it."""
    text = r.text
    return next((m for m in r.found if m.possessive and m.end <= r.q_start <= r.q_end <= n_start
                 and re.fullmatch(r"['’]s\s+(?:(?:about|nearly|some|almost|around)\s+)?", text[m.end:r.q_start])
                 and re.fullmatch(r"\s+(?:[\w-]+\s+)?", text[r.q_end:n_start])), None)


def _reporter_from_scene(r: _Reading, n_start: int, roles: Roles) -> None:
    """ "For Mongolia, ... exports jumped 41%": the country the sentence is set in."""
    scene = scene_of(r.text, r.found)
    if scene is not None and scene.iso3 != roles.partner:
        roles.reporter = scene.iso3


def _reporter_from_only_country(r: _Reading, n_start: int, roles: Roles) -> None:
    """The one country named before the noun that no preposition governs."""
    named = {m.iso3 for m in r.found if m.iso3 != roles.partner and not m.demonym and m.end <= n_start
             and not re.search(r"\b(?:to|from|with|of|for|in|than|by)\s+(?:the\s+)?$", r.text[max(0, m.start - 8):m.start], re.I)}
    if len(named) == 1:
        roles.reporter = named.pop()


def _reporter_from_topic(r: _Reading, n_start: int, roles: Roles) -> None:
    """The reporter of the sentence before, recorded as carried; its partner too, unless that was
    a share's partner ("69% of its exports go to China" is not the partner of "Exports reached
    $29.65 billion")."""
    topic = r.topic
    if not topic.reporter or topic.reporter == roles.partner:
        return
    roles.reporter = topic.reporter
    roles.notes.append(Binding(f"reporter {topic.reporter} carried from the sentence before", "reporter", Source.PREVIOUS_SENTENCE))
    if roles.partner is None and topic.partner not in (None, "WLD") and topic.metric != "share":
        roles.partner = topic.partner


def _reporter_from_story(r: _Reading, n_start: int, roles: Roles) -> None:
    """ "Trends in United States Foreign Trade ... At the turn of the century exports were valued
    at $1,349,483,000": a story that has named one country only is about that country's trade (a
    rule of thumb, recorded as the story's: enough to agree, never to contradict)."""
    named = set(r.context.mentions)
    if len(named) != 1 or r.topic.reporter or any(not m.from_context for m in r.found):
        return
    roles.reporter = named.pop()
    roles.notes.append(Binding(f"reporter {roles.reporter}, the one country the story has named", "reporter", Source.STORY))


OWNERLESS_NOUN_RULES = (_reporter_from_scene, _reporter_from_only_country, _reporter_from_topic, _reporter_from_story)


# Between a country and the figure a ranking lists for it: "Hong Kong came second with $262
# billion", "Germany, at $176 billion, ...", "Japan was a distant third at $168 billion".
RANKED_WITH_GAP = re.compile(
    r"\s+(?:came|was|is|ranked|ranks|placed|followed|stood)\s+(?:in\s+)?(?:a\s+)?(?:distant\s+|close\s+)?"
    r"(?:second|third|fourth|fifth|sixth|next|[\w-]+-largest|[\w-]+-biggest)(?:\s+place)?\s*,?\s*(?:with|at)\s+"
    r"(?:about\s+|nearly\s+|almost\s+|some\s+|around\s+)?|,\s+at\s+(?:about\s+|nearly\s+|some\s+)?|['’]s\s+", re.I)


def _ranked_alongside(r: _Reading) -> Roles | None:
    """ "American importers brought in $448 billion of Chinese goods. Hong Kong came second with
    $262 billion, and Germany, at $176 billion, edged out Japan's $168 billion": a country listed
    with a figure and no flow words of its own takes, in the flow the paragraph is about, the
    place of the side that varies; the side the story keeps to (the one it names most) stays. An
    ellipsis: enough to agree with a figure, never to contradict it."""
    topic = r.topic
    if topic.flow not in ("import", "export") or topic.partner in (None, "WLD") or not topic.reporter \
            or lx.FLOW_NOUN.search(r.text[r.lo:r.hi]):
        return None
    listed = next((m for m in reversed(r.found) if not m.from_context and m.end <= r.q_start
                   and RANKED_WITH_GAP.fullmatch(r.text[m.end:r.q_start])), None)
    if listed is None or listed.iso3 in (topic.reporter, topic.partner):
        return None
    named = r.context.mentions
    if named.count(topic.reporter) == named.count(topic.partner):
        return None  # which side the listing varies is not told
    kept_reporter = named.count(topic.reporter) > named.count(topic.partner)
    reporter, partner = (topic.reporter, listed.iso3) if kept_reporter else (listed.iso3, topic.partner)
    roles = Roles(reporter, partner, topic.flow)
    roles.notes.append(Binding(f"'{r.text[listed.start:listed.end]}' listed with a figure of {topic.reporter}–"
                               f"{topic.partner} {topic.flow}s, the flow the text before is about",
                               "partner" if kept_reporter else "reporter", Source.ELLIPSIS))
    return roles


def _possessive_of_elided_noun(r: _Reading) -> Roles | None:
    """ "The Western Hemisphere also showed large gains in exports. Brazil's rose to $27 billion,
    and Mexico's to $24.4 billion": a possessive country whose noun is left out owns the flow the
    paragraph is about (an ellipsis: enough to agree with a figure, never to contradict it)."""
    topic = r.topic
    if topic.flow is None:
        return None
    owner = next((m for m in reversed(r.found) if r.lo <= m.start and m.end <= r.q_start and m.possessive
                  and not m.from_context and lx.ELIDED_NOUN_AFTER_POSSESSIVE.match(r.text[m.end:])), None)
    if owner is None or r.text[owner.end:r.q_start].count(" ") > 6:
        return None
    partner = topic.partner if topic.partner != owner.iso3 else None
    roles = Roles(owner.iso3, partner, topic.flow)
    roles.notes.append(Binding(f"'{r.text[owner.start:owner.end]}'s' read as {owner.iso3}'s {topic.flow}s, "
                               f"the flow the text before is about", "flow", Source.ELLIPSIS))
    return roles


def _paragraph_topic(r: _Reading) -> Roles | None:
    """No trade words in the clause: the paragraph's topic ("The total rose 25%", "puts them at").
    A pointing word makes it a pronoun reading; without one it is a rule of thumb, enough to agree
    with a figure, never to contradict it."""
    text, lo, hi, topic = r.text, r.lo, r.hi, r.topic
    pointed_share = lx.POINTED_SHARE.search(text[lo:hi])
    if pointed_share and topic.metric != "share":
        return None  # "this percentage" points at no share the text stated
    pronoun = lx.TOPIC_PRONOUN.search(text[lo:hi]) or pointed_share
    if pronoun and lx.RANKED_AFTER.search(text, lo + pronoun.end(), r.q_start):
        return None  # "It was followed by the European Union (EU) at $203.9 billion": the figure is the next one's
    named = [m for m in r.found if m.start < _end_of_figure_part(r)]
    if not (topic.flow and (pronoun or not named or topic.in_sentence and not any(lo <= m.start < hi for m in r.found))):
        return None
    roles = Roles(topic.reporter, topic.partner, topic.flow)
    earlier_noun = list(lx.FLOW_NOUN.finditer(text[:lo]))
    if earlier_noun and flow_of(earlier_noun[-1].group(1)) != topic.flow and not topic.in_sentence:
        # "Imports moved the other way: they climbed to $317 billion" - the pronoun's noun
        roles.flow = flow_of(earlier_noun[-1].group(1))
        roles.partner = "WLD" if topic.partner == "WLD" else None
    if pronoun:
        roles.notes.append(Binding(f"'{pronoun.group(0)}' read as {topic.reporter}–{topic.partner} {topic.flow}",
                                   "reporter", Source.PRONOUN))
    else:
        roles.notes.append(Binding("countries and flow carried from the sentence before", "reporter",
                                   Source.ELLIPSIS if topic.in_sentence else Source.PREVIOUS_SENTENCE))
    return roles


# The reading rules, tried in this order; the first that recognises the words decides. Shares come
# first because their "of" phrase is the most specific; a pair beats a verb ("A and B traded");
# a verb nearer the figure than any flow noun beats the noun; the paragraph's topic is the last
# resort, for clauses with no trade words at all.
READING_RULES = (
    _share_in_parentheses,
    _ranked_in_parentheses,
    _share_of_what_is_sold,
    _named_share,
    _share_of_them,
    _share_of_flow,
    _balance_in_favour_of,
    _balance_owner,
    _pair_trade,
    _pair_phrase,
    _trade_verb,
    _flow_noun,
    _possessive_of_elided_noun,
    _ranked_alongside,
    _paragraph_topic,
)
