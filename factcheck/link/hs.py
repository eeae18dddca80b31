"""Commodity words that the news table does not know -> HS headings, by fuzzy match.

rapidfuzz over the HS 2022 chapter and heading descriptions (1,326 rows, bundled from the WCO
nomenclature as published by datasets/harmonized-system, ODC-PDDL). Only a fallback: scores are
poor on news words, so the cutoff is high and a miss is reported as an unverifiable commodity
rather than guessed.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib.resources import files

from rapidfuzz import fuzz, process

FUZZY_CUTOFF = 90


@lru_cache(maxsize=1)
def _headings() -> dict[str, str]:
    with files("factcheck.link").joinpath("hs_headings.csv").open(encoding="utf-8", newline="") as f:
        return {row["hscode"]: row["description"].lower() for row in csv.DictReader(f)}


def describe(hs_code: str) -> str | None:
    return _headings().get(hs_code[:4]) or _headings().get(hs_code[:2])


@lru_cache(maxsize=1024)
def hs_codes_for(words: str) -> tuple[str, ...]:
    """HS codes whose description contains `words` as a good match; () when nothing is close."""
    headings = _headings()
    hits = process.extract(words.lower(), headings, scorer=fuzz.partial_ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
    return tuple(sorted({code for _, _, code in hits}))
