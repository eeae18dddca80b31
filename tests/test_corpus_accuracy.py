"""The whole pipeline against the gold corpus (claims/*.gold.yaml): the errors that must never
happen stay at zero, and verdict accuracy stays at the issue's bar. With ../shared/ present the
Correlates of War table is imported first, so the COW-era articles count too."""

from __future__ import annotations

import pytest

from conftest import CLAIMS_DIR
from factcheck.evaluate.claims import evaluate_claims
from factcheck.reference import Catalog


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory, request):
    store = tmp_path_factory.mktemp("store")
    shared = request.config.rootpath.parent / "shared" / "reference-sources" / "cow-trade-4.0" / "dyadic_trade_1870_2014.csv.gz"
    if shared.exists():
        from factcheck.reference.importers import import_cow

        import_cow(shared, data_dir=store)
    return evaluate_claims(CLAIMS_DIR, Catalog.load(store))


def test_no_correct_sentence_is_called_wrong(evaluation):
    wrong = [r for r in evaluation.results if r.gold == "supported" and r.predicted == "contradicted"]
    assert evaluation.false_contradicted == 0, wrong


def test_no_wrong_sentence_is_called_right(evaluation):
    assert evaluation.false_supported == 0


def test_page_furniture_and_non_trade_numbers_are_never_judged(evaluation):
    assert not evaluation.non_claim_errors, evaluation.non_claim_errors


def test_verdict_accuracy_meets_the_bar(evaluation):
    if evaluation.skipped:
        pytest.skip(f"the bar is for the whole corpus; skipped without ../shared/: {evaluation.skipped}")
    errors = [f"{r.article}:{r.line}:{r.column} {r.surface!r} gold {r.gold}, tool {r.predicted}"
              for r in evaluation.results if r.gold != r.predicted]
    assert evaluation.total >= 80
    assert evaluation.accuracy >= 0.95, "\n".join(errors)


HELDOUT = sorted(p.name for p in CLAIMS_DIR.glob("heldout*") if p.is_dir())


@pytest.fixture(scope="module", params=HELDOUT)
def heldout(tmp_path_factory, request):
    """Articles written by someone who never saw the rules (claims/heldout*/): only the never-wrong
    properties are held to a bar; accuracy is reported (README), not asserted, so they are not
    tuned against."""
    return evaluate_claims(CLAIMS_DIR / request.param, Catalog.load(tmp_path_factory.mktemp("heldout-store")))


def test_heldout_articles_get_no_false_verdicts(heldout):
    assert heldout.total >= 30
    assert heldout.false_contradicted == 0
    assert heldout.false_supported == 0
    assert not heldout.non_claim_errors
