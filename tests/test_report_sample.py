"""A hand-built `Report` the renderer tests share (built from the stage dataclasses, so renderers
are tested without the pipeline), and checks of what every renderer must hold."""

from __future__ import annotations

import json

import pytest

from factcheck.claims.model import Claim, ClaimPeriod
from factcheck.document.model import Location
from factcheck.extract.model import Quantity
from factcheck.reference.model import Citation, DatasetInfo, Observation
from factcheck.report import Report, formats, render
from factcheck.report.model import DocumentReport, LocatedFinding
from factcheck.verify.model import Alternative, Expected, Finding

CUSTOMS = Citation("General Administration of Customs of China", "China–North Korea trade 2023",
                   "https://example.org/customs", 2024)
FACTBOOK = Citation("CIA", "The World Factbook: North Korea", "https://example.org/factbook", 2024)


def located(path: str, line: int, column: int, sentence: str, surface: str, *, verdict: str, metric: str,
            kind: str, value: float, unit: str, reporter="PRK", partner="CHN", flow="export", year=2023,
            expected: Expected | None = None, deviation=None, explanation="", missing=None,
            alternatives=(), evidence=(), arithmetic=None, width: int | None = None) -> LocatedFinding:
    start = sentence.index(surface)
    quantity = Quantity(surface, start, start + len(surface), kind, value, unit, value * 0.999, value * 1.001)
    claim = Claim(sentence=sentence, sentence_start=0, start=start, end=start + len(surface), metric=metric,
                  quantity=quantity, reporter=reporter, partner=partner, flow=flow,
                  period=ClaimPeriod(year, year) if year else None, context=("reporter PRK from 'its'",))
    finding = Finding(claim=claim, verdict=verdict, explanation=explanation, expected=expected,
                      deviation=deviation, evidence=tuple(evidence), arithmetic=arithmetic,
                      alternatives=tuple(alternatives), missing=missing)
    end_column = column + (width or len(surface))
    location = Location(100 + line, 100 + line + len(surface), line, column, line, end_column)
    return LocatedFinding(f"{path}:{line}:{column}", path, location, finding, f"fp-{path}-{line}-{column}")


def sample_report() -> Report:
    share = located(
        "drafts/north korea.md", 4, 1, "97% of North Korea's exports go to China.", "97%",
        verdict="contradicted", metric="share", kind="percent", value=97.0, unit="percent",
        expected=Expected(74.0, "percent", "cia-factbook", str(FACTBOOK)), deviation=23.0,
        explanation="China took 74% of North Korea's exports in 2023 (CIA World Factbook), not 97%.",
        alternatives=[Alternative("97% is China's share of North Korea's imports, not its exports", 97.0,
                                  "percent", "cia-factbook", str(FACTBOOK))],
        evidence=[Observation("cia-factbook", "PRK", "CHN", "export", "TOTAL", 2023, 74.0, "percent", 1.0, FACTBOOK)],
        arithmetic="97 − 74 = 23 points > 2 points tolerance",
    )
    trade = located(
        "drafts/north korea.md", 9, 42, "In 2023, the trade volume between China and North Korea was only "
        "$2.27 billion, which is meagre.", "$2.27 billion", verdict="supported", metric="trade_value",
        kind="money", value=2.27e9, unit="USD", reporter="CHN", partner="PRK", flow="total",
        expected=Expected(2.3e9, "USD", "news-figures", str(CUSTOMS)), deviation=-0.013,
        explanation="China customs reported about $2.3 billion for 2023.",
        evidence=[Observation("news-figures", "CHN", "PRK", "total", "TOTAL", 2023, 2.3e9, "USD", 1e8, CUSTOMS)],
        arithmetic="2.27 / 2.3 − 1 = −1.3%",
    )
    approx = located(
        "drafts/north korea.md", 12, 7, "Exports to China reached $1.8 billion.", "$1.8 billion",
        verdict="approximate", metric="trade_value", kind="money", value=1.8e9, unit="USD",
        expected=Expected(1.72e9, "USD", "news-figures", str(CUSTOMS)), deviation=0.046,
        explanation="China customs: $1.72 billion, off by 4.6% (within the 5% tolerance).",
    )
    unknown = located(
        "drafts/north korea.md", 15, 3, "Coal exports fell by 40%, a reporter said: \"it's bad\".", "40%",
        verdict="unverifiable", metric="growth", kind="percent", value=40.0, unit="percent", year=None,
        explanation="No reference data gives North Korea's coal exports by year.", missing="commodity",
    )
    return Report(
        documents=(
            DocumentReport("drafts/north korea.md", (share, trade, approx, unknown)),
            DocumentReport("notes.txt", (), ("notes.txt: not valid UTF-8 (byte 3); decoded as cp1252.",)),
        ),
        datasets=(DatasetInfo("cia-factbook", "CIA World Factbook partner shares", "CIA", "public domain",
                              str(FACTBOOK), "2024", "ab" * 32, 10, (2019, 2023), True, "cia-factbook"),),
        as_of="2025-01-01",
    )


def test_summary_counts_each_verdict():
    assert sample_report().summary == {"claims": 4, "supported": 1, "approximate": 1, "contradicted": 1,
                                       "unverifiable": 1}


@pytest.mark.parametrize("name", ["terminal", "json", "sarif", "github", "markdown"])
def test_every_format_is_registered_and_renders(name):
    assert name in formats()
    text = render(sample_report(), name, width=100, color=False)
    assert text.endswith("\n") and "97%" in text


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_machine_formats_are_json(name):
    json.loads(render(sample_report(), name))


def test_unknown_format_is_a_config_error():
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown format 'nosuchformat'"):
        render(sample_report(), "nosuchformat")
