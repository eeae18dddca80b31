"""The gold corpus in claims/ is data that `factcheck eval` scores against, so it must be well formed:
every gold file follows the schema of docs/corpus.md, every annotated surface stands exactly at its
line and column (annotation drift would silently turn hits into misses), and the corpus as a whole
covers every verdict, metric and hedge."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest
import yaml

from factcheck.claims.model import FLOWS, METRICS
from factcheck.extract.model import HEDGES, QUANTITY_KINDS
from factcheck.verify.model import VERDICTS

REPO = Path(__file__).resolve().parents[1]
CLAIMS_DIR = REPO / "claims"
CORPUS_DOC = REPO / "docs" / "corpus.md"
GOLD_FILES = sorted(CLAIMS_DIR.glob("*.gold.yaml"))
EXAMPLE = CLAIMS_DIR / "cosdream-north-korea-exports.txt"
# The published example article is kept byte for byte (issue 2): any edit changes this digest.
EXAMPLE_SHA256 = "6eacf625d7ccb20bab690bb4f17444ff0c2f8f43d6cca685f2ee452d208d2ee9"

TOP_KEYS = {"article", "title", "source", "as_of", "requires", "claims", "non_claims"}
CLAIM_KEYS = {
    "surface", "line", "column", "kind", "metric", "hedge", "reporter", "partner", "flow",
    "commodity", "period", "verdict", "missing", "note",
}
OPTIONAL_CLAIM_KEYS = {"expected", "context"}
NON_CLAIM_KEYS = {"surface", "line", "column", "why"}
from factcheck.verify.model import MISSING_PARTS  # noqa: E402 - the one registry
KNOWN_REQUIREMENTS = {"cow"}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def is_country_code(code: str) -> bool:
    return code == "WLD" or pycountry.countries.get(alpha_3=code) is not None


def text_at(article_lines: list[str], line: int, column: int, length: int) -> str:
    """Columns count Unicode code points, 1-based, as in the JSON report contract."""
    if not 1 <= line <= len(article_lines):
        return ""
    return article_lines[line - 1][column - 1 : column - 1 + length]


@pytest.fixture(params=GOLD_FILES, ids=lambda p: p.name)
def gold_file(request) -> Path:
    return request.param


def test_example_article_is_kept_byte_for_byte():
    assert hashlib.sha256(EXAMPLE.read_bytes()).hexdigest() == EXAMPLE_SHA256


def test_every_article_has_a_gold_file():
    articles = {p.name for p in CLAIMS_DIR.iterdir() if p.suffix in {".txt", ".md", ".html"}}
    annotated = {load(p)["article"] for p in GOLD_FILES}
    assert articles == annotated


def test_gold_file_is_named_after_its_article(gold_file):
    article = load(gold_file)["article"]
    assert gold_file.name == Path(article).stem + ".gold.yaml"
    assert (CLAIMS_DIR / article).is_file()


def test_top_level_schema(gold_file):
    gold = load(gold_file)
    assert set(gold) == TOP_KEYS
    dt.date.fromisoformat(str(gold["as_of"]))
    assert set(gold["requires"]) <= KNOWN_REQUIREMENTS
    assert gold["source"] in {"as published by CosDream News", "written for the factcheck corpus (fictional)"}
    assert gold["claims"], "an article in the corpus makes at least one claim"


def test_claim_schema(gold_file):
    for claim in load(gold_file)["claims"]:
        where = f"{gold_file.name}:{claim.get('line')}:{claim.get('column')}"
        assert CLAIM_KEYS <= set(claim) <= CLAIM_KEYS | OPTIONAL_CLAIM_KEYS, where
        assert claim["kind"] in (*QUANTITY_KINDS, None), where
        assert claim["metric"] in METRICS, where
        assert claim["hedge"] in (*HEDGES, None), where
        assert claim["flow"] in FLOWS, where
        assert claim["verdict"] in VERDICTS, where
        for side in ("reporter", "partner"):
            assert claim[side] is None or is_country_code(claim[side]), f"{where} {side}={claim[side]}"
        period = claim["period"]
        assert set(period) <= {"start", "end", "assumed", "relative"}, where
        assert isinstance(period["start"], int) and isinstance(period["assumed"], bool), where
        assert period["end"] is None or period["start"] <= period["end"], where
        assert isinstance(claim["note"], str) and claim["note"].strip(), where
        assert isinstance(claim.get("context", []), list), where


def test_verdict_and_evidence_agree(gold_file):
    """An unverifiable claim names what is missing and has no expected value; every other verdict
    names the reference value and its source."""
    for claim in load(gold_file)["claims"]:
        where = f"{gold_file.name}:{claim['line']}:{claim['column']}"
        if claim["verdict"] == "unverifiable":
            assert claim["missing"] in MISSING_PARTS, where
            assert "expected" not in claim, where
        else:
            assert claim["missing"] is None, where
            expected = claim["expected"]
            assert isinstance(expected["value"], (int, float)), where
            assert expected["unit"] and expected["source"], where
            assert claim["reporter"] is not None, where


def test_surfaces_stand_at_their_line_and_column(gold_file):
    gold = load(gold_file)
    lines = (CLAIMS_DIR / gold["article"]).read_text(encoding="utf-8").split("\n")
    for entry in gold["claims"] + gold["non_claims"]:
        found = text_at(lines, entry["line"], entry["column"], len(entry["surface"]))
        assert found == entry["surface"], f"{gold_file.name}:{entry['line']}:{entry['column']} has {found!r}"


def test_non_claim_schema(gold_file):
    for entry in load(gold_file)["non_claims"]:
        assert set(entry) == NON_CLAIM_KEYS, entry
        assert entry["why"].strip()


def test_no_two_annotations_share_a_position(gold_file):
    gold = load(gold_file)
    positions = Counter((e["line"], e["column"]) for e in gold["claims"] + gold["non_claims"])
    assert [pos for pos, n in positions.items() if n > 1] == []


def test_corpus_size_and_coverage():
    claims = [c for p in GOLD_FILES for c in load(p)["claims"]]
    assert len(claims) >= 80
    assert len(GOLD_FILES) >= 6, "the example article plus at least five written for the corpus"
    assert any(load(p)["article"].endswith(".md") for p in GOLD_FILES), "a Markdown draft"
    assert any("cow" in load(p)["requires"] for p in GOLD_FILES), "an article of the Correlates of War era"
    assert {c["verdict"] for c in claims} == set(VERDICTS)
    assert {c["metric"] for c in claims} == set(METRICS)
    assert {c["hedge"] for c in claims} - {None} == set(HEDGES)
    assert {c["missing"] for c in claims} - {None} >= {"country", "partner", "year", "commodity", "metric"}
    assert {c["flow"] for c in claims} == set(FLOWS)
    assert any(c.get("context") for c in claims), "claims that take their countries from context"
    assert any(c["period"]["assumed"] for c in claims), "claims with no year stated"


def test_corpus_has_page_furniture_and_non_trade_numbers():
    non_claims = [n for p in GOLD_FILES for n in load(p)["non_claims"]]
    reasons = " ".join(n["why"] for n in non_claims)
    for kind in ("page furniture", "publication date", "employment"):
        assert kind in reasons


def test_documented_counts_match_the_corpus():
    """docs/corpus.md states the counts per verdict, metric, hedge and article; they must not go stale."""
    doc = CORPUS_DOC.read_text(encoding="utf-8")
    documented = {name: int(n) for name, n in re.findall(r"^\| `?([\w.-]+)`? \| (\d+) \|$", doc, re.M)}
    claims = [c for p in GOLD_FILES for c in load(p)["claims"]]
    actual = Counter()
    for claim in claims:
        actual.update([claim["verdict"], claim["metric"]])
        if claim["hedge"]:
            actual[claim["hedge"]] += 1
    assert documented == dict(actual)
    assert f"{len(claims)} gold claims in {len(GOLD_FILES)} articles" in doc
    for path in GOLD_FILES:
        gold = load(path)
        row = f"| `{gold['article']}` | {', '.join(gold['requires']) or '-'} | {len(gold['claims'])} |"
        assert row in doc, f"docs/corpus.md lacks an up-to-date row for {gold['article']}"
