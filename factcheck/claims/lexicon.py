"""The words that make a sentence a claim about trade, and tell which flow and metric it states.

What a figure measures (its frame's metric) is read by the spaCy matchers compiled from
frames.yaml (frame_matcher.py). The regular expressions here read the rest - flows, owners,
directions, hedges, periods - because they need look-around across the extractor's spans
(places, quantities) that token patterns cannot see; they go as frames take them over.
"""

from __future__ import annotations

import re


def _words(*alternatives: str) -> str:
    return r"\b(?:" + "|".join(alternatives) + r")\b"


EXPORT = re.compile(_words(r"export(?:s|ed|ing|er|ers)?", r"shipments?", r"shipped", r"sales abroad", r"outbound"), re.I)
IMPORT = re.compile(_words(r"import(?:s|ed|ing|er|ers)?", r"inbound", r"purchases? from", r"bought from"), re.I)
TRADE = re.compile(
    _words(r"trade", r"trading", r"traded", r"commerce", r"trade volume", r"two-way trade", r"bilateral trade"),
    re.I,
)
TRADE_CUE = re.compile(EXPORT.pattern + "|" + IMPORT.pattern + "|" + TRADE.pattern + "|" + _words(
    r"trading partners?", r"supplie[sd]", r"suppliers?", r"supply", r"suppl(?:y|ies) of", r"buyers?", r"customers?", r"market for",
    r"purchases", r"shipments", r"sales (?:to|abroad|overseas)", r"sells?", r"sold", r"bought", r"buys?",
    # a balance with another country is a trade balance (a budget deficit is with nobody)
    r"(?:surplus(?:es)?|deficits?) with"), re.I)

# The nouns of a change a figure may be the amount of ("a rise of 5%", "a 9.3 percent rise").
CHANGE_NOUNS = r"increase|rise|drop|fall|decline|jump|surge|gain|slide|slump|growth|decrease|contraction|climb"
GROWTH_UP = re.compile(
    _words(r"r[oi]se[ns]?", r"rising", r"gr[oe]w[ns]?", r"growing", r"growth", r"increased?", r"increases", r"increasing",
           r"jump(?:ed|s|ing)?", r"surg(?:e|ed|es|ing)", r"soar(?:ed|s|ing)?", r"climb(?:ed|s|ing)?", r"up",
           r"expand(?:ed|s|ing)?", r"rebound(?:ed|s|ing)?", r"recover(?:ed|s|ing)?", r"gain(?:ed|s|ing)?"),
    re.I,
)
GROWTH_DOWN = re.compile(
    _words(r"f[ae]ll(?:s|en)?", r"falling", r"declin(?:e|ed|es|ing)", r"dropp?(?:ed|s|ing)?", r"plung(?:e|ed|es|ing)",
           r"plummet(?:ed|s|ing)?", r"slump(?:ed|s|ing)?", r"shr[ia]nk(?:s|ing)?", r"contract(?:ed|s|ing)?", r"down",
           r"decreas(?:e|ed|es|ing)", r"tumbl(?:e|ed|es|ing)", r"slid(?:e|es|ing)?", r"collaps(?:e|ed|es)", r"dip(?:ped|s|ping)?",
           r"sank", r"slipp?(?:ed|s)?", r"cut(?:s)?", r"slashed", r"reduced"),
    re.I,
)
# The words between a base word and the figure it introduces ("from [the revised] 7.9 percent",
# "against [the previous year's] 3%", "from [about] $40 billion").
_BASE_MODIFIERS = (r"(?:(?:the|a|an|its|their|last|previous|prior|earlier|revised|reported|initial|preliminary|"
                   r"about|nearly|some|around|almost|just|only|mere|barely|[\w-]+['’]s)\s+){0,4}$")
# Between "in/for" and a year that is the whole of it: "$66.6 billion for all of 2019", "for the
# whole of 2019" (a regular-expression fragment for the patterns of a year written with a figure).
WHOLE_YEAR_OF = r"(?:(?:all|(?:the\s+)?(?:whole|entire|full\s+year))\s+of\s+)?"
# "down from the 7.9 percent reported for 2017", "up from last year's 3%": the direction word
# compares the figure before with this one, which is the earlier figure, not a fall or a rise.
FROM_BASE = re.compile(r"^\s+from\s+" + _BASE_MODIFIERS, re.I)
# A base in time right before a figure ("an increase from about $1 billion in 2022", "$28.3
# billion, compared to $21.9 billion in 1983"); "against $2.3 billion in 2023" compares two
# figures of one year, so "against" and "versus" do not mark it.
FROM_BEFORE = re.compile(r"\b(?:from|compared\s+(?:with|to))\s+" + _BASE_MODIFIERS, re.I)
# Any base a figure is compared with ("up from $40 billion", "compared with 2.1 million",
# "against the previous year's 3%").
BASE_BEFORE = re.compile(r"\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s+" + _BASE_MODIFIERS, re.I)
# "5.9% higher than in 2023", "30% lower than": a change written after the figure.
# "5.9% higher than", "30% down on", and with the level it reached: "30% higher at $3.36 trillion"
CHANGE_AFTER = re.compile(r"\s+(?P<dir>higher|lower|more|less|up|down|above|below)\s+(?:than|on|from|compared|at\s+(?=[$€£¥\d]|(?:US|USD|a|about|nearly|some|almost)\b))", re.I)
# Between a change and the level it moved the measure to: "rose by $4.5 billion (7.6 percent) to
# nearly $61.2 billion", "widened by $8.3 billion to a record $27.4 billion" (an aside in brackets
# may stand between).
LEVEL_AFTER_CHANGE_GAP = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?\)?\s*,?\s*to\s+(?:an?\s+)?(?:(?:new\s+)?record\s+(?:high\s+|low\s+)?(?:of\s+)?)?"
    r"(?:(?:about|nearly|almost|some|over|around|roughly|more than|less than|just under|just over)\s+)?$", re.I)

# Trend without a number: "a sharp decline in its total export volume", "exports have declined since".
TREND = re.compile(
    r"\b(?:(?:sharp|steep|dramatic|significant|marked|rapid|gradual|steady|slight|continued|sustained)\s+)?"
    r"(?:decline|drop|fall|slump|contraction|collapse|plunge|rise|increase|growth|surge|expansion|recovery)\b"
    r"|\b(?:declined|dropped|fell|shrank|plunged|slumped|collapsed|rose|grew|increased|surged|expanded|recovered)"
    r"(?:\s+(?:sharply|steeply|dramatically|significantly|steadily|rapidly))?\b",
    re.I,
)
TREND_DOWN = re.compile(r"declin|drop|fall|fell|slump|contract|collaps|plung|shr[ai]nk", re.I)
# What follows a possessive country whose noun is left out ("Brazil's rose to $27 billion",
# "Mexico's to $24.4 billion"): a verb of change or level, or the "to" of an elided verb.
ELIDED_NOUN_AFTER_POSSESSIVE = re.compile(
    r"^(?:'s|’s)\s+(?:\w+ly\s+)?(?:rose|fell|grew|climbed|increased|decreased|declined|dropped|jumped|slipped|"
    r"slid|surged|soared|plunged|shrank|edged (?:up|down)|reached|totall?ed|stood|amounted|was|were|to)\b", re.I)
TREND_FLAT = re.compile(r"\b(?:(?:roughly|broadly|largely|more or less|nearly|almost)\s+)?(?:flat|unchanged|stable)\b", re.I)

# Comparison without a number: "significantly meager compared to China-South Korea trade".
COMPARE_SMALLER = re.compile(
    r"\b(?:(?:significantly|far|much|considerably|extremely|very|tiny|relatively)\s+)?"
    r"(?:meag(?:er|re)|negligible|tiny|small(?:er)?|minuscule|dwarfed|paltry|modest|fraction)\b", re.I)
COMPARE_LARGER = re.compile(
    r"\b(?:(?:significantly|far|much|considerably)\s+)?(?:larger|bigger|greater|dwarf(?:s|ed)?|exceed(?:s|ed)?)\b", re.I)
COMPARE_CUE = re.compile(r"\b(?:compared (?:to|with)|than|relative to|next to|against|dwarfed by)\b", re.I)
# The other side of a comparison after a figure: "three times as much as Saudi Arabia traded with
# the United States", "more than Japan's": the countries after it own the other figure, not this one.
OTHER_SIDE = re.compile(r"\b(?:as (?:much|many|large|big|high) as|than|compared (?:to|with)|relative to)\b", re.I)

# Rank: "largest trading partner", "biggest export market", "fifth-largest export market".
_RANK_ORDINAL = r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|2nd|3rd|4th|5th|6th|7th|8th|9th|10th)"
RANK = re.compile(
    rf"\b(?P<rank>{_RANK_ORDINAL}[- ](?:largest|biggest|leading|most important)|{_RANK_ORDINAL}-ranked|"
    r"No\. ?(?:10|[2-9])(?!\d)|number (?:two|three|four|five)|"
    r"largest|biggest|top|main|leading|most important|single largest|No\. ?1|number one)\s+"
    r"(?:(?:goods|merchandise|single-country|overall)\s+)?"
    # an owner written inside the phrase ("the third largest U.S. trading partner"): read only
    # when it is a country (unnumbered._rank_owner); "its largest Asian partner" ranks among a group
    r"(?P<inside>(?-i:U\.S\.|[A-Z][\w.’'-]*)\s+)?"
    r"(?P<role>trading partner|trade partner|export market|export destination|import partner|import source|"
    r"market|destination|source of imports|source|supplier|buyer|customer|partner)\b",
    re.I,
)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
            "tenth": 10, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10,
            "no. 10": 10, "no.10": 10, "number two": 2, "number three": 3, "number four": 4, "number five": 5,
            **{f"no.{sep}{n}": n for n in range(2, 10) for sep in ("", " ")}}  # "No. 2 export market"

# A share stated without a number: "almost all of its exports".
WORDED_SHARE = re.compile(
    r"\b(almost all|nearly all|virtually all|all but|the bulk|the vast majority|most|the majority|"
    r"half|a third|a quarter|two-thirds|three-quarters)\s+of\s+(?:its|their|the|[A-Z][\w .'’-]{1,30}?(?:'s|’s|'|’))\s", re.I)



# Verbs by the direction goods move relative to their subject. "Mongolia sends 90% of its exports"
# (outbound + exports: the subject is the reporter); "China buys 30% of Brazil's exports" (inbound
# + exports: the subject is the partner).
OUTBOUND_VERB = re.compile(
    _words(r"sends?", r"sent", r"sending", r"ships?", r"shipped", r"shipping", r"sells?", r"sold", r"selling",
           r"exports?", r"exported", r"exporting", r"suppl(?:y|ies|ied|ying)", r"provides?", r"provided",
           r"providing", r"delivers?", r"delivered"),
    re.I,
)
INBOUND_VERB = re.compile(
    _words(r"buys?", r"bought", r"buying", r"takes?", r"took", r"taking", r"imports?", r"imported", r"importing",
           r"receives?", r"received", r"absorbs?", r"absorbed", r"purchases?", r"purchased", r"gets?", r"got",
           r"sourced", r"brought in", r"brings? in"),  # not "source(s)": mostly a noun ("its largest import source")
    re.I,
)
FLOW_NOUN = re.compile(
    r"\b(?:(?:total|annual|overall|combined|merchandise|goods)\s+)?"
    # both flows named together ("import-export turnover", "imports and exports") are total trade
    r"(import[- ]export|export[- ]import|imports? and exports?|exports? and imports?|(?:export|import) trade|"
    r"exports?|export volume|export earnings|shipments|sales|imports?|import volume|purchases|"
    r"trade(?: volume)?|two-way trade|bilateral trade|commerce|commercial exchanges?|trade exchanges?|"
    # a balance with another country names the pair's trade ("U.S. deficits with China")
    r"(?:surplus(?:es)?|deficits?)(?=\s+with\b))\b",
    re.I,
)
# Between a flow noun and the figure that is its amount ("a trade deficit of nearly", "exports
# worth"): the country after the figure is then the noun's partner ("... $120 billion with China").
NOUN_TO_ITS_FIGURE = re.compile(
    r"^\s+(?:(?:surplus|deficit|gap|imbalance|balance)\s+)?(?:of|worth|totall?ing|valued at|amounting to)\s+"
    r"(?:(?:about|nearly|almost|some|around|roughly|over|more than|less than|just under|just over|an estimated)\s+)?$", re.I)
THERE = re.compile(r"\b(?:there|from there|to it)\b", re.I)
# A participle that opens a clause about a figure's consequences (", promoting considerable tension
# between the United States and Japan", ", sparking a row with Canada"): countries named there are
# not the figure's.
CONSEQUENCE_PARTICIPLE = r"(?:promoting|prompting|provoking|causing|sparking|fuell?ing|stoking|triggering|raising concerns|straining|souring|angering)"
# Words that put a sentence in the present ("today", "now"): it is about the latest data.
PRESENT = re.compile(r"\b(?:today|now|currently|these days|at present|nowadays)\b", re.I)
# A sentence told in the past ("accounted for around 30% of U.S. exports", "was only US$86
# million when relations were established"): with no year written, the data's latest year need not
# be the one it means.
PAST_TENSE = re.compile(r"\b(?:was|were|had|did|amounted|accounted|totall?ed|reached|stood|came|rose|fell|grew|dropped|"
                        r"declined|increased|decreased|jumped|surged|plunged|climbed|hit|shrank|soared|"
                        r"slumped|tumbled|doubled|tripled|halved|supplied|exported|imported|sold|bought|shipped|sent|took|"
                        r"received|purchased|provided|delivered|absorbed|sourced|traded|ran|posted|recorded|registered|went)\b", re.I)
# A pointing possessive right before a flow noun: "its exports", "their imports", "the country's
# exports", "the nation’s goods exports" (the owner is the country the text is about).
POINTING_POSSESSIVE_BEFORE = re.compile(r"\b(?P<pointer>its|their|the\s+(?:country|nation)['’]s)\s+(?:\w+\s+)?$", re.I)
NEIGHBOUR = re.compile(r"\b(?:its|their) (?:neighbou?r|ally|partner|southern neighbou?r|northern neighbou?r)\b", re.I)
PAIR_PHRASE = re.compile(
    r"\b(?:the two (?:countries|neighbou?rs|nations|sides|economies)|both countries|bilateral|two-way)\b", re.I)
# A share pointed back at: "In 2014, this percentage was 18%" - the share the text before stated.
POINTED_SHARE = re.compile(r"\b(?:this|that|the same)\s+(?:percentage|share|proportion)\b", re.I)
# A word that points back at the trade the text is about. Not in a partitive: "Among them, primary
# products registered the sharpest increase", "some of them rose 30%" are about a part of it
# (some goods, some partners), which the figure then measures, not the whole.
PARTITIVE_LEADS = ("among", "amongst", "some of", "most of", "many of", "one of", "each of", "several of", "few of",
                   "none of", "either of", "neither of")
TOPIC_PRONOUN = re.compile("".join(rf"(?<!\b{lead} )" for lead in PARTITIVE_LEADS)
                           + r"\b(?:them|it|they|the (?:\d{4} )?total|the figure|the tally|that trade|this trade|(?:this|last|next) year's total)\b", re.I)

# Partners that are regions, not countries: a claim about them cannot be put to country data.
REGION = re.compile(
    r"\b(?:to|from|with|into)\s+(?:the\s+)?(Europe|European Union|EU|Asia|Africa|Latin America|South America|"
    r"North America|the Middle East|Middle East|ASEAN|Southeast Asia|the Gulf|Oceania|the rest of the world)\b", re.I)

# Trade in services (tourism, transport, royalties): the reference data covers goods only.
SERVICES = re.compile(r"\bservices (?:trade|exports?|imports?)\b|\btrade in services\b|\bservice exports\b", re.I)

TOTAL_OF = re.compile(r"\b(?:total|overall|global|worldwide|all)\s+(?:exports?|imports?|trade|shipments)\b(?!\s+(?:to|from|with)\b)", re.I)

# A trend word tied to a start year: "have declined since 2000, to $131 billion in 2014".
TREND_SINCE = re.compile(r"\b(?:declined|dropped|fell|shrunk|shrank|risen|rose|grown|grew|increased|climbed|recovered)\s+(?:\w+\s+){0,2}?since\b", re.I)

# A peak year: "exports to China peaked in 2021 at $23 billion".
PEAK = re.compile(r"\b(?:peaked|hit (?:a|its) (?:record|peak)|reached (?:a|its) (?:record|peak))\b", re.I)
# A place among partners in words: "India ranked sixth among buyers of Chinese goods", "slipped to seventh".
ORDINAL_RANK = re.compile(
    r"\b(?:ranked|ranks|ranking|was|is|came|stood|slipped to|fell to|dropped to|rose to|climbed to|moved up to)\s+"
    r"(?P<ordinal>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
    r"(?:\s+among\s+(?P<role>buyers|suppliers|markets|customers|export markets|trading partners|partners)\b)?",
    re.I,
)
ORDINAL_VALUES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10}

# A trade balance: "Beijing's merchandise trade surplus hit $991 billion", "a deficit with China of $20 billion".
# Plurals too ("U.S. deficits with China"): group 1 is the word as written.
_BALANCE_WORDS = r"surplus(?:es)?|deficits?|trade balances?"
BALANCE = re.compile(rf"\b({_BALANCE_WORDS})\b", re.I)
# The same, and the words too vague to read as one (a "trade gap" may be either sign): enough to
# keep a figure from being read as a flow (closed_world._balance_words, rule CW18).
# "the gap between what the United States sells and what it buys abroad": a balance in other words;
# "nearly 90% of the difference in the value of China's exports": a share of a difference of counts.
BALANCE_OR_GAP = re.compile(rf"\b(?:{_BALANCE_WORDS}|trade gaps?|imbalances?|(?:gap|difference|discrepanc(?:y|ies))\s+(?:between|in|of))\b", re.I)
# A country and the verb of the balance it ran, up to the figure: "Korea ran a $8.9 billion
# surplus", "Mexico posted a trade deficit of nearly $120 billion".
BALANCE_OWNER_GAP = re.compile(
    r"^(?:'s|’s)?\s+(?:(?:has|had|have|also|again)\s+)*(?:ran|run|runs|had|has|posted|posts|recorded|records|registered|"
    r"logged|enjoyed|enjoys|showed|reported)\s+(?:an?\s+|its\s+)?(?:(?:record|trade|merchandise|bilateral|huge|large|"
    r"massive|widening|narrower|wider)\s+)*(?:(?:surplus|deficit)\s+(?:of\s+)?)?"
    r"(?:(?:about|nearly|some|over|around|almost|an estimated)\s+)?$", re.I)
BALANCE_AFTER = re.compile(r"^\s+(?:(?:merchandise|goods|bilateral)\s+)?(?:trade\s+)?(?:surplus(?:es)?|deficits?)\b", re.I)

# A figure the story itself withdraws: "An earlier version of this story said ... $2.13 billion".
RETRACTED = re.compile(r"\b(?:an? (?:earlier|previous) version of this (?:story|article|report)|incorrectly (?:said|stated|reported|gave))\b", re.I)
# A balance written as a difference: "exports exceeded imports by nearly $75 billion".
EXCEEDED_BY = re.compile(
    r"\b(?:exceed(?:ed|s)?|outstripp?(?:ed|s)?|surpass(?:ed|es)?|topped|tops)\s+(?P<other>exports|imports)\s+by\s+"
    r"(?:about\s+|nearly\s+|almost\s+|some\s+|more than\s+|roughly\s+)?$", re.I)


# Words that hand a figure to the next member of a ranking ("the leading exporter, followed by the
# United States (US$ 1.5 trillion)", "It was followed by the EU at $203.9 billion"), and the
# prepositions that make a country a verb's other side instead ("sells more to the United States (19%)").
RANKING_WORDS = r"followed\s+by|trailed\s+by|ahead\s+of|behind"
RANKED_AFTER = re.compile(rf"\b(?:{RANKING_WORDS})\b", re.I)
PARTNER_PREPOSITIONS = frozenset({"to", "from", "for", "with", "into"})
GOVERNING_WORD = re.compile(rf"\b({'|'.join(sorted(PARTNER_PREPOSITIONS))}|by|than|after|{RANKING_WORDS})\b", re.I)

# A record compared over time: "the highest figures since 2015", "the first time since 2009", "its
# lowest level since the 1990s". The year says how long ago the figure was last matched, not when
# the figure was measured, so it dates no claim (periods.period_for leaves it out).
RECORD_SINCE_BEFORE = re.compile(
    r"\b(?:highest|lowest|biggest|largest|smallest|strongest|weakest|best|worst|fastest|slowest|sharpest|steepest"
    r"|deepest|widest|narrowest|first\s+time|record)\b[\w\s'’-]{0,30}$", re.I)

# An item of a list of partners after the list's first figure: "the deficit with China was $227
# billion, with the European Union was $61.1 billion, with Canada was $21.6 billion", "... at $20
# billion, followed by Hong Kong with $16.8 billion". The words from the figure before to the
# country, and from the country to the figure; one of them must hold "with" (claims._list_item).
LIST_ITEM_BEFORE = re.compile(r"^(?:\s+(?:in|for)\s+(?:19|20)\d\d)?(?:\s*\([^()]*\))?\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?:followed\s+by\s+|then\s+)?"
                              r"(?P<with>with\s+)?(?:the\s+)?$", re.I)
LIST_ITEM_AFTER = re.compile(r"^\s+(?:(?P<with>with)|was|were|stood\s+at)\s+(?:a\s+(?:surplus|deficit)\s+of\s+)?"
                             r"(?:about\s+|nearly\s+|almost\s+|some\s+|around\s+|more\s+than\s+|over\s+)?$", re.I)

# The words between a change and the level it moved the measure to ("tumbled 30.6 percent year on
# year to 61.3 billion yuan"), and a conversion in brackets after that level ("(10 billion U.S.
# dollars)"): the level's own qualifying words ("in January and February") qualify the change too.
TO_LEVEL_GAP = re.compile(r"\s+(?:(?:year[- ]on[- ]year|y/y|yoy|from a year (?:earlier|ago)|annually)\s+)?to\s+"
                          r"(?:about\s+|nearly\s+|some\s+|around\s+|almost\s+|a record\s+|more than\s+)?", re.I)
CONVERSION_GAP = re.compile(r"\s*\(\s*(?:about\s+|some\s+|around\s+|nearly\s+|roughly\s+)?", re.I)
