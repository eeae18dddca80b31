"""Score the extractor on the peer test suites (`peer-suites/*.jsonl`) with the suites' own rule.

The rule (peer-suites/README.md): a predicted quantity matches a gold one when the category is
the same (money: same currency code) and the value is within 0.5% relative; matching is greedy
and one-to-one per sentence; ranges match on both bounds; only the categories in each line's
`scope` are scored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.extract import extract_quantities
from factcheck.extract.model import Quantity

RELATIVE_TOLERANCE = 0.005

# Our kinds in the suites' categories. Percentage points are not percent, and multipliers and
# ratios have no category in the suites, so they are left out rather than forced into one.
CATEGORY_OF_KIND = {"money": "money", "percent": "percent", "count": "number", "year": "date"}

# F1 on money + percent published in peer-suites/README.md ("Published anchors"), same scorer.
PUBLISHED_F1 = {
    "rt_currency": {"Recognizers-Text": 0.867, "CQE 2.0.3": 0.814, "quantulum3": 0.406},
    "rt_percent": {"Recognizers-Text": 1.000, "CQE 2.0.3": 0.846, "quantulum3": 0.710},
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(frozen=True)
class Miss:
    """A gold quantity not found (`missed`) or a predicted one with no gold match (`spurious`)."""

    suite: str
    case_id: str
    text: str
    category: str
    kind: str  # missed | spurious
    value: float
    unit: str | None
    surface: str | None


@dataclass
class SuiteScore:
    suite: str
    cases: int = 0
    by_category: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[Miss] = field(default_factory=list)

    def total(self, categories: tuple[str, ...] | None = None) -> Counts:
        total = Counts()
        for category, counts in self.by_category.items():
            if categories is None or category in categories:
                total.add(counts)
        return total


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == b:
        return True
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b))


def _matches(pred: Quantity, gold: dict) -> bool:
    if CATEGORY_OF_KIND.get(pred.kind) != gold["category"]:
        return False
    if gold["category"] == "money" and pred.unit != gold["unit"]:
        return False
    if not _close(pred.value, gold["value"]):
        return False
    return _close(pred.value_max, gold.get("value_max") if gold.get("is_range") else None)


def score_case(case: dict, suite: str, score: SuiteScore) -> None:
    scope = set(case["scope"])
    gold = [g for g in case["quantities"] if g["category"] in scope]
    predicted = [q for q in extract_quantities(case["text"]) if CATEGORY_OF_KIND.get(q.kind) in scope]
    used = [False] * len(predicted)
    for g in gold:
        for i, q in enumerate(predicted):
            if not used[i] and _matches(q, g):
                used[i] = True
                score.by_category[g["category"]].tp += 1
                break
        else:
            score.by_category[g["category"]].fn += 1
            score.misses.append(Miss(suite, case["id"], case["text"], g["category"], "missed",
                                     g["value"], g.get("unit"), g.get("surface")))
    for i, q in enumerate(predicted):
        if not used[i]:
            category = CATEGORY_OF_KIND[q.kind]
            score.by_category[category].fp += 1
            score.misses.append(Miss(suite, case["id"], case["text"], category, "spurious",
                                     q.value, q.unit, q.surface))


def load_suite(path: Path) -> list[dict]:
    try:
        lines = path.read_text("utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read test suite {path}: {exc}") from exc


def score_suites(suites_dir: Path) -> list[SuiteScore]:
    if not suites_dir.is_dir():
        raise InputError(f"no test-suite folder at {suites_dir}")
    paths = sorted(suites_dir.glob("*.jsonl"))
    if not paths:
        raise InputError(f"no *.jsonl test suites in {suites_dir}")
    scores = []
    for path in paths:
        score = SuiteScore(path.stem)
        for case in load_suite(path):
            score.cases += 1
            score_case(case, path.stem, score)
        scores.append(score)
    return scores


def as_json(scores: list[SuiteScore], *, with_misses: bool = False) -> dict:
    def counts(c: Counts) -> dict:
        return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": round(c.precision, 4),
                "recall": round(c.recall, 4), "f1": round(c.f1, 4)}

    out = {"schema": "factcheck.eval-extraction/1", "suites": []}
    for s in scores:
        entry = {
            "suite": s.suite,
            "cases": s.cases,
            "categories": {k: counts(v) for k, v in sorted(s.by_category.items())},
            "money_percent": counts(s.total(("money", "percent"))),
            "published_f1_money_percent": PUBLISHED_F1.get(s.suite, {}),
        }
        if with_misses:
            entry["misses"] = [m.__dict__ for m in s.misses]
        out["suites"].append(entry)
    return out
