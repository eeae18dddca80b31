"""Verdicts on real published news (../shared/real-news-dev, scored by its README's rule with
`factcheck eval news`): the figures measured when the trust work landed are a floor, and the
error that matters most, a correct figure called wrong, may not come back. Skips without ../shared."""

from __future__ import annotations

import pytest

from factcheck.evaluate.news import evaluate_news
from factcheck.reference import Catalog

# Measured on real-news-dev with both COW tables imported (closing note of the trust work):
# 264/289 right, 119/139 definitive, 0 false contradicted, 0 false supported.
FLOOR = {"right": 264, "definitive_right": 119}
CEILING = {"false_contradicted": 0, "false_supported": 0}


@pytest.fixture(scope="module")
def summary(real_news_dev, cow_store):
    evaluation = evaluate_news(real_news_dev, Catalog.load(cow_store))
    assert not evaluation.skipped, evaluation.skipped
    return evaluation.summary()


@pytest.mark.parametrize("figure", sorted(FLOOR))
def test_real_news_figures_do_not_fall(summary, figure):
    assert summary[figure] >= FLOOR[figure], summary


@pytest.mark.parametrize("figure", sorted(CEILING))
def test_false_verdicts_do_not_come_back(summary, figure):
    assert summary[figure] <= CEILING[figure], summary
