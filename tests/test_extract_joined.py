"""Short texts read many to a Doc (`quantities_many`, pipeline.figures_joined: what `extract
--jsonl` does) give exactly the quantities of one Doc per text, offsets included."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.extract import JOINED_CHARS, extract_quantities, quantities_many, quantities_one
from factcheck.extract.pipeline import process

REPO = Path(__file__).resolve().parents[1]

# Texts whose reading depends on where the text ends or starts, or on the characters around it.
EDGES = [
    "", " ", "\n", "it only cost thirteen dollars forty five", "the ferry makes 30 kn", "the film is rated 18 R",
    "-5%", "5", "million", "per", "cent of exports", "$2.27 billion in 2023", "  $3 billion  ", "\n$5 million\n",
    "exports rose from $5", "to $6 billion in 2019", "about", "40 percent", "last year", "2019-20", "FY23",
    "in the '90s", "a third", "of all trade", "tens of millions of dollars", "US$", "5 billion", "(", "$7)", "NUL\x00 5%",
    "Trade reached $1.2 trillion.\n\nImports fell 3% in 2021, while exports rose 4.5 per cent.",
    "x" * 150 + " 5% " + "y" * 120,
]


def _one_doc_each(texts):
    """What `extract --jsonl` read before: every component, one Doc per text."""
    out = []
    for text in texts:
        doc = process(text)
        quantities = list(doc.spans["quantities"].attrs["records"])
        quantities += [_period(p) for p in doc.spans["periods"].attrs["records"]]
        out.append(sorted(quantities, key=lambda q: q.start))
    return out


def _period(p):
    from factcheck.extract import period_as_quantity

    return period_as_quantity(p)


def _corpus_lines() -> list[str]:
    lines = []
    for path in sorted((REPO / "claims").glob("**/*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            lines.append(paragraph)
            lines += re.split(r"(?<=[.!?])\s+", paragraph)
    return lines


def test_edge_texts_read_joined_as_each_alone():
    texts = EDGES * 2 + list(reversed(EDGES))
    assert list(quantities_many(texts)) == _one_doc_each(texts) == [quantities_one(t) for t in texts]


def test_corpus_sentences_and_paragraphs_read_joined_as_each_alone():
    texts = _corpus_lines()
    assert len(texts) > 300
    assert list(quantities_many(texts)) == _one_doc_each(texts)


def test_a_long_text_among_short_ones_is_read_on_its_own():
    long = "Exports rose 5% to $3 billion in 2019. " * (JOINED_CHARS // 30)
    texts = ["97%", long, "$2 million", "in 2020"]
    assert list(quantities_many(texts)) == [extract_quantities(t) for t in texts]


def test_peer_suites_read_joined_as_each_alone(peer_suites: Path):
    texts = [json.loads(line)["text"] for path in sorted(peer_suites.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not texts:
        pytest.skip("no peer suites")
    assert list(quantities_many(texts)) == _one_doc_each(texts)
