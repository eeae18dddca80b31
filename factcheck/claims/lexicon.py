"""The words that make a sentence a claim about trade, and tell which flow and metric it states.

Regular expressions over the sentence, not spaCy patterns: the claims stage runs once per sentence
that already holds a quantity, so clarity matters more than matcher speed here, and the patterns
need look-around across the extractor's spans (places, quantities) that token patterns cannot see.
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
    r"purchases", r"shipments", r"sales (?:to|abroad|overseas)", r"sells?", r"sold", r"bought", r"buys?"), re.I)

GROWTH_UP = re.compile(
    _words(r"r[oi]se[ns]?", r"rising", r"gr[oe]w[ns]?", r"growing", r"growth", r"increased?", r"increases", r"increasing",
           r"jump(?:ed|s)?", r"surg(?:e|ed|es|ing)", r"soar(?:ed|s)?", r"climb(?:ed|s)?", r"up", r"expand(?:ed|s)?",
           r"rebound(?:ed|s)?", r"recover(?:ed|s)?", r"gain(?:ed|s)?"),
    re.I,
)
GROWTH_DOWN = re.compile(
    _words(r"f[ae]ll(?:s|en)?", r"falling", r"declin(?:e|ed|es|ing)", r"dropp?(?:ed|s)?", r"plung(?:e|ed|es)",
           r"plummet(?:ed|s)?", r"slump(?:ed|s)?", r"shr[ia]nk(?:s)?", r"contract(?:ed|s)?", r"down",
           r"decreas(?:e|ed|es)", r"tumbl(?:e|ed|es)", r"slid(?:e|es)?", r"collaps(?:e|ed|es)", r"dip(?:ped|s)?",
           r"sank", r"slipp?(?:ed|s)?", r"cut(?:s)?", r"slashed", r"reduced"),
    re.I,
)
# The words between a base word and the figure it introduces ("from [the revised] 7.9 percent",
# "against [the previous year's] 3%", "from [about] $40 billion").
_BASE_MODIFIERS = (r"(?:(?:the|a|an|its|their|last|previous|prior|earlier|revised|reported|initial|preliminary|"
                   r"about|nearly|some|around|almost|just|[\w-]+['’]s)\s+){0,4}$")
# "down from the 7.9 percent reported for 2017", "up from last year's 3%": the direction word
# compares the figure before with this one, which is the earlier figure, not a fall or a rise.
FROM_BASE = re.compile(r"^\s+from\s+" + _BASE_MODIFIERS, re.I)
# A base in time right before a figure ("an increase from about $1 billion in 2022"); "against
# $2.3 billion in 2023" compares two figures of one year, so only "from" marks it.
FROM_BEFORE = re.compile(r"\bfrom\s+" + _BASE_MODIFIERS, re.I)
# Any base a figure is compared with ("up from $40 billion", "compared with 2.1 million",
# "against the previous year's 3%").
BASE_BEFORE = re.compile(r"\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s+" + _BASE_MODIFIERS, re.I)
# "5.9% higher than in 2023", "30% lower than": a change written after the figure.
CHANGE_AFTER = re.compile(r"\s+(?P<dir>higher|lower|more|less|up|down|above|below)\s+(?:than|on|from|compared)\b", re.I)

# Trend without a number: "a sharp decline in its total export volume", "exports have declined since".
TREND = re.compile(
    r"\b(?:(?:sharp|steep|dramatic|significant|marked|rapid|gradual|steady|slight|continued|sustained)\s+)?"
    r"(?:decline|drop|fall|slump|contraction|collapse|plunge|rise|increase|growth|surge|expansion|recovery)\b"
    r"|\b(?:declined|dropped|fell|shrank|plunged|slumped|collapsed|rose|grew|increased|surged|expanded|recovered)"
    r"(?:\s+(?:sharply|steeply|dramatically|significantly|steadily|rapidly))?\b",
    re.I,
)
TREND_DOWN = re.compile(r"declin|drop|fall|fell|slump|contract|collaps|plung|shr[ai]nk", re.I)
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
RANK = re.compile(
    r"\b((?:second|third|fourth|fifth|sixth)[- ](?:largest|biggest)|largest|biggest|top|main|leading|"
    r"most important|single largest|No\. ?1)\s+(trading partner|trade partner|export market|export destination|"
    r"market|destination|source of imports|source|supplier|buyer|customer|partner)\b",
    re.I,
)
ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}

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
           r"sources?", r"sourced", r"brought in", r"brings? in"),
    re.I,
)
FLOW_NOUN = re.compile(
    r"\b(?:(?:total|annual|overall|combined|merchandise|goods)\s+)?"
    r"(exports?|export volume|export earnings|shipments|sales|imports?|import volume|purchases|"
    r"trade(?: volume)?|two-way trade|bilateral trade|commerce)\b",
    re.I,
)
THERE = re.compile(r"\b(?:there|from there|to it)\b", re.I)
NEIGHBOUR = re.compile(r"\b(?:its|their) (?:neighbou?r|ally|partner|southern neighbou?r|northern neighbou?r)\b", re.I)
PAIR_PHRASE = re.compile(
    r"\b(?:the two (?:countries|neighbou?rs|nations|sides|economies)|both countries|bilateral|two-way)\b", re.I)
TOPIC_PRONOUN = re.compile(r"\b(?:them|it|they|the (?:\d{4} )?total|the figure|the tally|that trade|this trade|(?:this|last|next) year's total)\b", re.I)

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
BALANCE = re.compile(r"\b(surplus|deficit|trade balance)\b", re.I)

# A figure the story itself withdraws: "An earlier version of this story said ... $2.13 billion".
RETRACTED = re.compile(r"\b(?:an? (?:earlier|previous) version of this (?:story|article|report)|incorrectly (?:said|stated|reported|gave))\b", re.I)
# A balance written as a difference: "exports exceeded imports by nearly $75 billion".
EXCEEDED_BY = re.compile(
    r"\b(?:exceed(?:ed|s)?|outstripp?(?:ed|s)?|surpass(?:ed|es)?|topped|tops)\s+(?P<other>exports|imports)\s+by\s+"
    r"(?:about\s+|nearly\s+|almost\s+|some\s+|more than\s+|roughly\s+)?$", re.I)
