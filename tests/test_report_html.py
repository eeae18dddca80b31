"""`--format html` (issue 14, item 1): a self-contained page, every text escaped, one section per
document, a print style that puts the evidence inline; and in a real headless Chromium, the
example article's four 97% claims highlighted as contradicted with the 74% and the import-share
mix-up shown on hover and on click. The browser tests skip when no Chromium is installed; their
screenshots (1280 px wide) are kept under tests/artifacts/ (git-ignored)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLE_ARTICLE, REPO
from factcheck.cli.app import app
from factcheck.report import Report, render
from factcheck.report.model import DocumentReport
from headless_browser import Browser, find_chromium
from test_report_sample import sample_report

ARTIFACTS = REPO / "tests" / "artifacts"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def test_one_self_contained_file():
    page = render(sample_report(), "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "@media print" in page
    # Nothing is fetched: no external stylesheet, script, image, font or frame.
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page)
    assert not re.search(r"<script[^>]+src=", page) and "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_every_text_is_escaped():
    report = sample_report()
    doc = report.documents[0]
    first = doc.findings[0]
    claim = first.finding.claim
    sentence = claim.sentence + " " + HOSTILE
    hostile_claim = replace(claim, sentence=sentence)
    finding = replace(first.finding, claim=hostile_claim, explanation=HOSTILE, arithmetic=HOSTILE,
                      suggestion=HOSTILE, disagreement=HOSTILE)
    text = sentence + "\n\n" + HOSTILE
    hostile = replace(doc, findings=(replace(first, finding=finding),), text=text)
    page = render(replace(report, documents=(replace(hostile, path=HOSTILE),)), "html")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_only_web_links_become_links():
    from factcheck.report.html_report import _link

    assert _link("javascript:alert(1)", "x") == "x"
    assert _link("https://example.org/a?b=1&c=2").startswith('<a href="https://example.org/a?b=1&amp;c=2"')


def test_one_section_per_document_and_a_summary():
    page = render(sample_report(), "html")
    assert page.count('<section class="document"') == 2
    assert "drafts/north korea.md" in page and "notes.txt" in page and "No trade claims found." in page
    assert "4 claims in 2 files" in page and "as of 2025-01-01" in page
    assert "Reference data used: 1 dataset" in page and "CIA World Factbook partner shares" in page
    for verdict in ("contradicted", "approximate", "unverifiable", "supported"):
        assert f'class="claim v-{verdict}"' in page


def test_claims_are_highlighted_in_the_text_when_the_report_has_it():
    report = sample_report()
    doc = report.documents[0]
    lf = doc.findings[0]
    text = "Headline\n\n" + lf.finding.claim.sentence
    shift = len("Headline\n\n")
    claim = replace(lf.finding.claim, start=lf.finding.claim.start + shift, end=lf.finding.claim.end + shift,
                    sentence_start=shift)
    moved = replace(lf, finding=replace(lf.finding, claim=claim))
    page = render(Report(documents=(DocumentReport(doc.path, (moved,), text=text),)), "html")
    assert "<p>Headline</p>" in page
    assert re.search(r'<span class="claim v-contradicted"[^>]*><mark>97%</mark>', page)


# ---- a real browser
@pytest.fixture(scope="module")
def chromium() -> str:
    executable = find_chromium()
    if executable is None:
        pytest.skip("no chromium installed (apt-get install chromium)")
    return executable


@pytest.fixture(scope="module")
def article_page(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("html") / "r.html"
    result = CliRunner().invoke(app, ["check", str(EXAMPLE_ARTICLE), "--format", "html", "-o", str(target)])
    assert result.exit_code == 1, result.output  # contradicted claims: the check doing its job
    return target


CONTRADICTED_97 = """[...document.querySelectorAll('.claim.v-contradicted')]
  .filter(c => c.querySelector('mark').textContent.trim() === '97%').map(c => c.id)"""


def visible_card(claim_id: str) -> str:
    return f"""(() => {{const card = document.querySelector('#{claim_id} > .card');
  const style = getComputedStyle(card), box = card.getBoundingClientRect();
  return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0
    ? card.innerText : null;}})()"""


def test_the_four_97_percent_claims_in_a_real_browser(chromium, article_page):
    ARTIFACTS.mkdir(exist_ok=True)
    with Browser(chromium, width=1280, height=1000) as browser:
        browser.open(article_page.as_uri())
        ids = browser.evaluate(CONTRADICTED_97)
        assert len(ids) == 4
        assert browser.evaluate(f"document.querySelectorAll('.claim').length") == 10
        for claim_id in ids:  # closed until the reader asks
            assert browser.evaluate(visible_card(claim_id)) is None
        browser.screenshot(ARTIFACTS / "html-report-1280.png")
        for claim_id in ids:
            browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1270, y=990)  # away first
            browser.hover(f"#{claim_id} > mark")
            card = browser.evaluate(visible_card(claim_id))
            assert card is not None, claim_id
            assert "74%" in card and "claim is 23 pp above 74%" in card
            assert "Write 74% for 2023" in card
            assert "China's share of North Korea's imports" in card  # the import-share mix-up
            assert "https://www.cia.gov/the-world-factbook/field/exports-partners/" in card
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1270, y=990)
        browser.click(f"#{ids[0]} > mark")  # click pins the card open after the mouse leaves
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=1270, y=990)
        assert browser.evaluate(visible_card(ids[0])) is not None
        browser.evaluate("window.scrollTo(0, 0)")
        browser.screenshot(ARTIFACTS / "html-report-1280-card.png")
        assert (ARTIFACTS / "html-report-1280-card.png").stat().st_size > 10_000


def test_printed_the_evidence_is_inline(chromium, article_page):
    with Browser(chromium, width=1280, height=1000) as browser:
        browser.open(article_page.as_uri())
        browser.send("Emulation.setEmulatedMedia", media="print")
        ids = browser.evaluate(CONTRADICTED_97)
        for claim_id in ids:
            card = browser.evaluate(visible_card(claim_id))
            assert card is not None and "74%" in card
        position = browser.evaluate(f"getComputedStyle(document.querySelector('#{ids[0]} > .card')).position")
        assert position == "static"
