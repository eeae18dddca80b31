"""Closed-world reading: find the words in a claim's clause that could change what its figure
measures and that the reading did not account for (rules in `closed_world.yaml`).

The reference data holds annual merchandise trade in US dollars. A figure for May, for steel, for
a 2030 target or in yuan is something else; when such a word qualifies the figure, the claim
carries an `Unaccounted` part and is never judged (`factcheck.verify.policy`). The vocabularies
are data; this module compiles them once into regular expressions. The claims stage works on the
extractor's plain records (text and offsets), not on spaCy Docs, so a compiled alternation over
the text is the matcher that fits here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from factcheck import yamlfile

from factcheck.claims import lexicon as lx
from factcheck.claims.provenance import Unaccounted
from factcheck.extract.model import Quantity

# An introductory phrase that dates or frames the whole sentence: "In May, ...", "For the first
# half of 2019, ...", "According to forecasts, ...".
OPENER = re.compile(r"^\s*(?:In|For|During|Over|Through|Between|From|Since|By|As of|Until|Across)\b[^,.;:]{0,60},")
WORD = re.compile(r"[A-Za-z][\w'’.-]*$")
RIGHT_REACH = 40  # characters after a figure that can still qualify it ("in the first seven months")
# Where the words after a figure stop qualifying it: a clause boundary, a verb-led predicate.
# A participle that starts a new predicate ("..., equaling an annual average increase of 19%",
# "..., marking", "..., bringing") stops it too; "excluding"/"including" still qualify the figure.
RIGHT_STOP = re.compile(r"[;:]|,\s+(?:and|but|while|which|as|after|before|when|with|making|adding|compared|"
                        r"equall?ing|equal to|representing|accounting|bringing|marking|pushing|reaching)\b|\s[—–]\s")


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    part: str
    scopes: tuple[str, ...]
    pattern: re.Pattern[str] | None
    before: re.Pattern[str] | None = None  # anchored at the figure's start ("an increase of [$12.7 billion]")
    after: re.Pattern[str] | None = None  # anchored at its end ("[$10.9 billion] more than")
    money_only: bool = False
    reason: str | None = None  # the rule's own wording, where its part's general wording does not fit
    names_the_topic: bool = False  # a sentence naming these words may be what a later "it" means
    harmless_before: re.Pattern[str] | None = None  # words before a match that make it context, not the measure
    harmless_around: re.Pattern[str] | None = None  # words that, covering a match, excuse it ("January to December")
    reach: int = 0  # characters after the figure its words are looked for in, where longer than RIGHT_REACH
    own_predicate: bool = False  # the words must stand in the figure's own predicate (after ", reaching")


@dataclass(frozen=True)
class Vocabulary:
    rules: tuple[Rule, ...]
    flow_nouns: re.Pattern[str]
    harmless_modifiers: frozenset[str]
    harmless_after: frozenset[str]
    narrowing: frozenset[str]
    raw: dict

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


def _compile(entry: dict) -> re.Pattern[str] | None:
    if not entry.get("words"):
        return None
    flags = 0 if entry.get("case") == "sensitive" else re.I
    return re.compile(r"(?<![\w-])(?:" + "|".join(entry["words"]) + r")(?!\w)", flags)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = yamlfile.safe_load(files("factcheck.claims").joinpath("closed_world.yaml").read_text("utf-8"))
    rules = tuple(Rule(e["id"], e["name"], e["part"], tuple(e["scope"]), _compile(e),
                       re.compile(e["before"], re.I) if e.get("before") else None,
                       re.compile(e["after"], re.I) if e.get("after") else None,
                       bool(e.get("money_only")), e.get("reason"), bool(e.get("names_the_topic")),
                       re.compile("(?:" + e["harmless_before"] + r")\s*$", re.I) if e.get("harmless_before") else None,
                       re.compile(e["harmless_around"], re.I) if e.get("harmless_around") else None,
                       int(e.get("reach", 0)), bool(e.get("own_predicate")))
                  for e in raw["rules"])
    nouns = raw["flow_modifiers"]["nouns"]
    return Vocabulary(
        rules=rules,
        flow_nouns=re.compile(r"(?<![\w-])(?:" + "|".join(nouns) + r")\b", re.I),
        harmless_modifiers=frozenset(w.lower() for w in raw["flow_modifiers"]["harmless"]),
        harmless_after=frozenset(w.lower() for w in raw["after_figure"]["harmless"]),
        narrowing=frozenset(w.lower() for w in raw["flow_modifiers"]["narrowing"]),
        raw=raw,
    )


def _reason(rule: Rule, words: str) -> str:
    if rule.reason:
        return rule.reason.format(words=words)
    return {
        "period": f"'{words}' makes it a figure for part of a year; the data holds whole years",
        "metric": f"'{words}' makes it a different measure ({rule.name}) from the trade values the data holds",
        "currency": f"'{words}': the figure is measured in another currency than the data's US dollars",
        "commodity": f"'{words}' may narrow the figure to some goods, which the tool did not identify",
        "partner": f"'{words}' is a group of countries; the data holds countries one by one",
    }[rule.part]


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Months from one to another ("January to June", "Jan.-Sept."): a span of months, which no one
# month's figure of a monthly series settles.
_MONTH_WORD = "(?:" + "|".join(MONTHS) + r")[a-z]*\.?"
MONTH_SPAN = re.compile(rf"\b{_MONTH_WORD}\s*(?:to|through|till|until|and|[-–—])\s*{_MONTH_WORD}", re.I)


def month_of(words: str) -> int | None:
    """The month a period word names ("March", "Sept."), or None (a quarter, "year-to-date")."""
    word = words.strip().rstrip(".").lower()
    if not word.isalpha() or len(word) < 3:
        return None
    return next((i + 1 for i, m in enumerate(MONTHS) if word.startswith(m)), None)


def other_measure_named(text: str) -> str | None:
    """Words of a sentence that name a measure other than merchandise trade ("investment",
    "GDP"): a sentence about such a measure can be what the next sentence's pronoun points to."""
    for rule in vocabulary().rules:
        m = rule.pattern.search(text) if rule.names_the_topic and rule.pattern is not None else None
        if m:
            return m.group(0)
    return None


def qualifying_windows(text: str, window: tuple[int, int], figure: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """The stretches of the sentence whose words qualify the figure: `left`, its clause up to it
    ("In the first half, exports rose to [$10 billion]"); `right`, the few words right after it
    ("[$189 million] in May", "[$2 billion] of investment"), cut at the next figure; `opener`, an
    introductory phrase that frames the whole sentence ("In May, ... while imports fell [5%]").
    Words further right are a new predicate and date or describe something else."""
    lo, hi = window
    scoped = {"left": (lo, figure[0]), "right": right_window(text, window, figure, RIGHT_REACH)}
    base = lx.BASE_BEFORE.search(text, lo, figure[0])  # "compared with", "against", "up from"
    if base and OWN_YEAR_AFTER.match(text, figure[1]):
        # "$65 billion in the first 10 months of 2020, compared with [$66.6 billion] for all of
        # 2019": a base with a year of its own is qualified by its own words, not the other figure's
        scoped["left"] = (base.start(), figure[0])
        return scoped
    opener = OPENER.match(text)
    if opener and opener.end() <= figure[0]:
        scoped["opener"] = (0, opener.end())
    return scoped


# A participle that opens the predicate of the level a change reached: ", reaching US$17.4 million".
OWN_PREDICATE = re.compile(r",\s+(?:reaching|bringing|taking|pushing|lifting|hitting|totall?ing|to reach|to hit)\b", re.I)


def _own_predicate_start(text: str, a: int, b: int) -> int:
    """Where the figure's own predicate starts in the stretch a..b: after the last participle
    that opens it ("rose by an average of 29 percent ..., reaching [$17.4 million]"), else a."""
    last = None
    for m in OWN_PREDICATE.finditer(text, a, b):
        last = m
    return last.start() if last else a


# A list of partners, each with its figure: "the deficit with the European Union was $61.1 billion,
# with Canada was $21.6 billion, with Japan ...". After a figure, a comma and a partner preposition
# with a capitalised name start the next item, whose partner is its own.
NEXT_PARTNER_ITEM = re.compile(
    r"(?:\d(?:\s*(?:%|percent|per\s+cent|(?:thousand|million|billion|trillion|bn|mn)\b)|\b))[)\]]?\s*[,;]\s+(?:and\s+)?"
    r"(?P<item>(?:with|to|from)\s+(?:the\s+)?[A-Z])")


def _own_partner_start(text: str, a: int, b: int) -> int:
    """Where the figure's own partner phrase starts in a..b: at the last list item that opens after
    an earlier figure (NEXT_PARTNER_ITEM), else a. A group named in an earlier item ("with the
    European Union") is that item's partner, not this one's."""
    last = None
    for m in NEXT_PARTNER_ITEM.finditer(text, a, b):
        last = m
    return last.start("item") if last else a


def right_window(text: str, window: tuple[int, int], figure: tuple[int, int], reach: int) -> tuple[int, int]:
    """The words right after the figure, up to `reach` characters, cut at the next figure (the
    window's end) and at a new predicate."""
    right_end = min(window[1], figure[1] + reach)
    stop = RIGHT_STOP.search(text, figure[1], right_end)
    return figure[1], stop.start() if stop else right_end


# A year written right after a base figure ("in 2019", "for all of 2019", "for the whole of 2019").
OWN_YEAR_AFTER = re.compile(r"\s*,?\s*(?:in|for|during)\s+" + lx.WHOLE_YEAR_OF
                            + r"(?:calendar\s+(?:year\s+)?)?(?:19|20)\d{2}\b(?![-–/]\d)", re.I)


# "by November 2018", "through September", "as of end-June", "mid-December": the months up to
# then or part of one, not that month's figure, which a monthly series would settle.
TO_DATE_BEFORE = re.compile(r"\b(?:by|through|thru|till|until|up\s+to|as\s+of|as\s+at|to\s+the\s+end\s+of|in\s+the\s+year\s+to)"
                            r"\s+(?:the\s+)?(?:end\s+of\s+|middle\s+of\s+)?$", re.I)
PART_OF_MONTH = re.compile(r"(?:mid|early|late|end)-")  # CW01's "mid-December"


def _to_date(text: str, m: re.Match) -> bool:
    """Whether the month matched is an end point of the year so far, or part of a month."""
    return PART_OF_MONTH.match(m.group(0)) is not None or TO_DATE_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None


def unaccounted_parts(text: str, window: tuple[int, int], figure: tuple[int, int], *,
                      commodity_known: bool, money: bool = False, metric: str | None = None,
                      share: bool = False) -> tuple[Unaccounted, ...]:
    """Parts of the reading that words of the sentence `text` leave open for the figure at
    `figure` (local offsets), within its clause `window`."""
    vocab = vocabulary()
    scoped = qualifying_windows(text, window, figure)
    found: list[Unaccounted] = []
    for rule in vocab.rules:
        anchored = _anchored(rule, text, scoped, money)
        if anchored:
            found.append(Unaccounted(rule.part, rule.id, anchored, _reason(rule, anchored)))
        if rule.pattern is None:
            continue
        for scope in ("left", "right", "opener"):
            if scope not in scoped or (scope == "opener" and "opener" not in rule.scopes):
                continue
            a, b = right_window(text, window, figure, rule.reach) if scope == "right" and rule.reach else scoped[scope]
            if scope == "left" and rule.own_predicate:
                a = _own_predicate_start(text, a, b)
            if scope == "left" and rule.part == "partner":
                a = _own_partner_start(text, a, b)
            m = _first_match(rule, text, a, b)
            if m:
                one_month = rule.part == "period" and not _covered(MONTH_SPAN, text, m) and not _to_date(text, m)
                found.append(Unaccounted(rule.part, rule.id, m.group(0), _reason(rule, m.group(0)),
                                         month_of(m.group(0)) if one_month else None))
                break
    if not commodity_known:
        found.extend(_goods_words(text, scoped, figure, vocab, money))
    if metric is not None:
        found.extend(_balance_words(text, scoped, metric, share))
    return tuple(dict.fromkeys(found))


def _first_match(rule: Rule, text: str, a: int, b: int) -> re.Match | None:
    """The rule's first match in text[a:b] that its harmless context does not excuse ("higher oil
    prices brought the surplus down": the prices are a cause, not the measure)."""
    for m in rule.pattern.finditer(text, a, b):
        if rule.harmless_before is not None and rule.harmless_before.search(text[max(0, m.start() - 50):m.start()]):
            continue
        if rule.harmless_around is not None and _covered(rule.harmless_around, text, m):
            continue
        return m
    return None


AROUND_REACH = 40  # characters either side of a match its covering words are looked for in


def _covered(pattern: re.Pattern[str], text: str, m: re.Match) -> bool:
    """Whether a match of `pattern` near `m` covers it ("January" inside "January to December")."""
    return any(c.start() <= m.start() and m.end() <= c.end()
               for c in pattern.finditer(text, max(0, m.start() - AROUND_REACH), m.end() + AROUND_REACH))


def _anchored(rule: Rule, text: str, scoped: dict[str, tuple[int, int]], money: bool) -> str | None:
    """Words a rule matches right before or right after the figure."""
    if rule.money_only and not money:
        return None
    if rule.before is not None:
        lo, hi = scoped["left"]
        m = rule.before.search(text[max(lo, hi - 60):hi])
        if m:
            return m.group(0).strip()
    if rule.after is not None:
        lo, hi = scoped["right"]
        m = rule.after.search(text[lo:hi])
        if m:
            return m.group(0).strip()
    return None


# A share's whole whose flow noun is followed by lowercase goods: "of U.S. imports of crude oil".
SHARE_WHOLE_OF = re.compile(r"\s+of\s+(?:[^,;]{0,30}?\s)?(?P<noun>exports?|imports?|shipments|sales|purchases)\s+of\s+"
                            r"(?:(?:the|its|their)\s+)?(?P<word>[a-z][\w-]*)")


# Goods right after a money figure: "$40 million of diesel", "$2 billion worth of copper", and a
# category quoted after "in" or "of" ("$75 billion in “cell phones and other household goods”").
GOODS_AFTER = re.compile(r"\s+(?:worth\s+)?(?:of\s+(?:(?:the|its|their)\s+)?[“\"‘']?|in\s+[“\"‘'])([A-Za-z][\w-]*)")


def _goods_words(text: str, scoped: dict[str, tuple[int, int]], figure: tuple[int, int],
                 vocab: Vocabulary, money: bool) -> list[Unaccounted]:
    """CW05/CW06: an unknown modifier right before a flow noun ("copper exports"), or goods
    right after the figure ("$40 million of diesel", "$2 billion worth of copper")."""
    out = []
    for scope in ("left", "right"):
        lo, hi = scoped[scope]
        for noun in vocab.flow_nouns.finditer(text, lo, hi):
            start = max(lo, noun.start() - 40)
            before = WORD.search(text[start:noun.start()].rstrip())
            if before is None or noun.start() - (start + before.end()) > 1:
                continue
            word = before.group(0).rstrip(".")
            if _harmless(word, vocab):
                continue
            rule = vocab.rule("CW05")
            words = f"{word} {noun.group(0)}"
            return [Unaccounted(rule.part, rule.id, words, _reason(rule, words))]
    if not money:  # "97% of its exports": the words after a share name its whole, read elsewhere,
        # but goods after the whole's flow noun narrow it: "13 percent of U.S. imports of tin"
        whole = SHARE_WHOLE_OF.match(text[figure[1]:scoped["right"][1]])
        if whole and whole.group("word").lower() not in vocab.harmless_after:
            rule = vocab.rule("CW06")
            words = f"{whole.group('noun')} of {whole.group('word')}"
            out.append(Unaccounted(rule.part, rule.id, words, _reason(rule, words)))
        return out
    after = GOODS_AFTER.match(text[figure[1]:scoped["right"][1]])
    if after and after.group(1).lower() not in vocab.harmless_after and not after.group(1)[0].isupper():
        rule = vocab.rule("CW06")
        words = after.group(0).strip()
        out.append(Unaccounted(rule.part, rule.id, words, _reason(rule, words)))
    return out


def _harmless(word: str, vocab: Vocabulary) -> bool:
    """Known harmless words, capitalised words (names, demonyms: "Chinese exports"), numbers and
    years, possessives ("the nations' trade"), and verb forms ("boosted imports") unless listed as
    narrowing ("manufactured exports")."""
    lowered = word.lower()
    if lowered in vocab.narrowing:
        return False
    if lowered in commodity_words():  # the commodity table's words are bound (or not) by commodity_for
        return True
    if lowered.endswith(("largest", "biggest")):  # "fifth-largest export market"
        return True
    if lowered in vocab.harmless_modifiers or word[:1].isupper() or any(ch.isdigit() for ch in word):
        return True
    return lowered.endswith(("'s", "’s", "s'", "s’", "ed", "ing"))


@lru_cache(maxsize=1)
def commodity_words() -> frozenset[str]:
    """The commodity table's words and their plurals (the table itself is the claims stage's)."""
    from factcheck.claims import commodity_table  # the package imports this module first

    words = [w.lower() for w in commodity_table()]
    return frozenset(words) | frozenset(w + "s" for w in words)


def currency_parts(quantity: Quantity, neighbours: list[Quantity], text: str, offset: int) -> tuple[Unaccounted, ...]:
    """A money figure in another currency than the data's, or a dollar figure that converts one
    ("31.2 billion yuan ($4.4 billion)"): the dollar amount is a conversion at some rate."""
    if quantity.kind != "money":
        return ()
    if quantity.unit and quantity.unit != "USD":
        return (Unaccounted("currency", "CW04", quantity.surface,
                            f"'{quantity.surface}' is in {quantity.unit}; the data holds US dollars"),)
    for other in neighbours:
        if other.kind == "money" and other.unit not in (None, "USD") and other.end <= quantity.start:
            between = text[other.end - offset:quantity.start - offset]
            if re.fullmatch(r"\s*[(\[,]\s*(?:or\s+|about\s+|around\s+|roughly\s+|some\s+)?", between):
                return (Unaccounted("currency", "CW04", f"{other.surface} ({quantity.surface})",
                                    f"'{quantity.surface}' converts {other.surface} at some exchange rate"),)
        rate = EXCHANGE_RATE.match(text, other.start - offset)
        if other.kind == "money" and other.value == 1 and other.start >= quantity.end and rate \
                and text[quantity.end - offset:other.start - offset].strip() in ("(", "[", ","):
            return (Unaccounted("currency", "CW04", rate.group(0),
                                f"'{quantity.surface}' was converted from another currency at {rate.group(0)}"),)
    return ()


# "(US$1=RM3.33)", "(US$1 = 31.7 baht)": the rate a figure beside it was converted at.
EXCHANGE_RATE = re.compile(r"(?:US|U\.S\.)?\$\s?1\s?=\s?[^)\]]{1,20}")


BALANCE_METRICS = ("balance", "balance_change", "rank", "comparison")


def _balance_words(text: str, scoped: dict[str, tuple[int, int]], metric: str, share: bool) -> list[Unaccounted]:
    """CW18: a balance the reading did not take: "The U.S. trade deficit in goods with Japan was its
    second-largest in 2016, totaling [$68.94 billion]" read as a flow, "nearly [half] of the total
    U.S. trade deficit is with China" read as a share of trade. A balance word in the figure's
    clause before it (and, for a share, in the whole named after it) makes a flow's reading unsure."""
    if metric in BALANCE_METRICS:
        return []
    spans = [scoped["left"]] + ([scoped["right"]] if share else [])
    for a, b in spans:
        m = lx.BALANCE_OR_GAP.search(text, a, b)
        if m:
            rule = vocabulary().rule("CW18")
            return [Unaccounted(rule.part, rule.id, m.group(0), _reason(rule, m.group(0)))]
    return []


def story_currency_part(earlier_money: Quantity | None, publisher_name: str | None,
                        publisher_currency: str) -> Unaccounted | None:
    """A rate of change in a sentence with no amount of its own is measured in the currency of the
    amounts the paragraph gave before it ("95.9 billion euros ... Exports to China shrank by
    0.1%"), else in that of the publisher the text cites (Destatis publishes euros)."""
    if earlier_money is not None and earlier_money.unit not in (None, "USD"):
        return Unaccounted("currency", "CW04", earlier_money.surface,
                           f"the paragraph's amounts are in {earlier_money.unit} ('{earlier_money.surface}'), so its "
                           f"rates of change are {earlier_money.unit} rates; the data's are of US dollars")
    if earlier_money is None and publisher_currency != "USD":
        return Unaccounted("currency", "CW04", publisher_name or publisher_currency,
                           f"{publisher_name} publishes in {publisher_currency}, so the rate it reports is of "
                           f"{publisher_currency} values; the data's are of US dollars")
    return None


def growth_currency_parts(quantities: list[Quantity]) -> tuple[Unaccounted, ...]:
    """A growth rate in a sentence whose amounts are all in another currency is that currency's
    rate ("exports rose 7.1% to 2.9 trillion yuan")."""
    money = [q for q in quantities if q.kind == "money"]
    if money and all(q.unit not in (None, "USD") for q in money):
        return (Unaccounted("currency", "CW04", money[0].surface,
                            f"the sentence's amounts are in {money[0].unit}, so its rates are {money[0].unit} rates"),)
    return ()
