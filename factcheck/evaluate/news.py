"""`factcheck eval news DIR`: verdicts on real published news, scored by the set's own rule.

A real-news set (`../shared/real-news-dev/` is the model) is a folder of pages and a `gold.json`
whose cases name a sentence, the figure and the verdicts that are acceptable. The scoring rule is
the set's README's, implemented here once:

- a case is **right** when every claim the tool reports on the case's line has a verdict in
  `expected`; when the case has a `value`, only claims whose value is within 0.6% relative of it
  count; a case with no counting claim is right only if `expected` holds "none";
- a **false contradicted** is a `contradicted` verdict on a case whose `expected` lacks it; a
  **false supported** is a supported/approximate verdict on a case whose `expected` has neither;
- **definitive coverage** is right definitive cases over definitive cases (expected holds only
  supported, approximate or contradicted).

Each page is checked with `--as-of` its `as_of` date; cases that need an imported dataset the
store lacks (`needs: cow`) are skipped and counted, never scored as wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.document import read_document
from factcheck.errors import InputError
from factcheck.pipeline import CheckOptions, check_document
from factcheck.report.model import LocatedFinding

VALUE_MATCH = 0.006  # the set's rule: a claim counts for a case when within 0.6% of its value
DEFINITIVE = frozenset({"supported", "approximate", "contradicted"})
# A `needs` value names what must be in the catalog; "bundled" and "none" are always there.
NEEDS_DATASET = {"cow": "cow"}


@dataclass(frozen=True)
class CaseResult:
    id: str
    file: str
    sentence: str
    expected: tuple[str, ...]
    verdicts: tuple[str, ...]  # the verdicts of the claims that counted for the case
    explanations: tuple[str, ...]

    @property
    def right(self) -> bool:
        if not self.verdicts:
            return "none" in self.expected
        return all(v in self.expected for v in self.verdicts)

    @property
    def definitive(self) -> bool:
        return set(self.expected) <= DEFINITIVE

    @property
    def false_contradicted(self) -> bool:
        return "contradicted" in self.verdicts and "contradicted" not in self.expected

    @property
    def false_supported(self) -> bool:
        judged = {"supported", "approximate"}
        return bool(judged & set(self.verdicts)) and not judged & set(self.expected)


@dataclass
class NewsEvaluation:
    set_name: str
    results: list[CaseResult] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # need -> cases skipped for it

    def summary(self, results: list[CaseResult] | None = None) -> dict:
        rows = self.results if results is None else results
        definitive = [r for r in rows if r.definitive]
        return {
            "cases": len(rows),
            "right": sum(r.right for r in rows),
            "accuracy": _ratio(sum(r.right for r in rows), len(rows)),
            "definitive": len(definitive),
            "definitive_right": sum(r.right for r in definitive),
            "definitive_coverage": _ratio(sum(r.right for r in definitive), len(definitive)),
            "false_contradicted": sum(r.false_contradicted for r in rows),
            "false_supported": sum(r.false_supported for r in rows),
        }

    def by_file(self) -> dict[str, dict]:
        grouped: dict[str, list[CaseResult]] = defaultdict(list)
        for r in self.results:
            grouped[r.file].append(r)
        return {name: self.summary(rows) for name, rows in sorted(grouped.items())}

    def as_dict(self) -> dict:
        return {
            "set": self.set_name,
            **self.summary(),
            "skipped": self.skipped,
            "files": self.by_file(),
            "wrong": [_case_dict(r) for r in self.results if not r.right],
        }


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _case_dict(result: CaseResult) -> dict:
    return {"id": result.id, "file": result.file, "sentence": result.sentence,
            "expected": list(result.expected), "tool": list(result.verdicts),
            "explanations": list(result.explanations)}


def load_gold(folder: Path) -> dict:
    path = folder / "gold.json"
    if not path.is_file():
        raise InputError(f"{folder}: no gold.json (a real-news set: pages plus gold.json)")
    try:
        gold = json.loads(path.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("cases"), list) or not isinstance(gold.get("files"), dict):
        raise InputError(f"{path}: expected an object with 'files' and 'cases'")
    return gold


def claim_value(located: LocatedFinding) -> float | None:
    """The figure a claim states, in the units the set's `value` uses."""
    claim = located.finding.claim
    if claim.quantity is not None:
        return claim.quantity.value
    return float(claim.rank) if claim.rank is not None else None


def counts_for(case_value: float | None, located: LocatedFinding) -> bool:
    if case_value is None:
        return True
    value = claim_value(located)
    if value is None:
        return False
    return abs(abs(value) - abs(case_value)) <= VALUE_MATCH * abs(case_value)


def _line_of(text: str, sentence: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if sentence in line:
            return number
    return None


def evaluate_news(folder: Path, catalog, *, only: set[str] | None = None) -> NewsEvaluation:
    """Check every page of the set once (with `--as-of` its date) and score each case."""
    gold = load_gold(folder)
    available = {d.id for d in catalog.datasets()}
    evaluation = NewsEvaluation(str(gold.get("set", folder.name)))
    cases_by_file: dict[str, list[dict]] = defaultdict(list)
    for case in gold["cases"]:
        need = NEEDS_DATASET.get(case.get("needs", "none"))
        if need and need not in available:
            evaluation.skipped[need] = evaluation.skipped.get(need, 0) + 1
            continue
        if only is None or case["file"] in only:
            cases_by_file[case["file"]].append(case)
    for name, cases in sorted(cases_by_file.items()):
        meta = gold["files"].get(name, {})
        as_of = dt.date.fromisoformat(meta["as_of"]) if meta.get("as_of") else None
        document = read_document(folder / name)
        report = check_document(document, catalog, CheckOptions(as_of=as_of))
        for case in cases:
            evaluation.results.append(_score(case, document.source, report.findings))
    return evaluation


def _score(case: dict, source_text: str, findings) -> CaseResult:
    line = _line_of(source_text, case["sentence"])
    counted = [f for f in findings if f.location.line == line and counts_for(case.get("value"), f)]
    return CaseResult(
        id=case["id"], file=case["file"], sentence=case["sentence"],
        expected=tuple(case["expected"]),
        verdicts=tuple(f.finding.verdict for f in counted),
        explanations=tuple(f"{f.finding.verdict}: {f.finding.explanation}" for f in counted),
    )
