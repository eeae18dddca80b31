"""`factcheck eval claims/`: verdict accuracy of the whole pipeline against the gold corpus.

Gold claims are matched to the tool's findings by (article, line, column) of the claimed quantity
(or of the words, for a claim without a number). A gold claim the tool did not report counts as
wrong ("missed"); a finding on a `non_claims` entry that says supported/contradicted is an error
of the worst kind and counted separately.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from factcheck.document import read_document
from factcheck.errors import InputError
from factcheck.pipeline import CheckOptions, check_document
from factcheck.verify.model import VERDICTS

MISSED = "missed"


@dataclass
class ClaimResult:
    article: str
    line: int
    column: int
    surface: str
    gold: str
    predicted: str
    explanation: str = ""


@dataclass
class ClaimsEvaluation:
    results: list[ClaimResult] = field(default_factory=list)
    non_claim_errors: list[ClaimResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unannotated: int = 0

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(r.gold == r.predicted for r in self.results)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def confusion(self) -> dict[str, Counter]:
        table: dict[str, Counter] = {v: Counter() for v in VERDICTS}
        for r in self.results:
            table.setdefault(r.gold, Counter())[r.predicted] += 1
        return table

    def count(self, gold: str, predicted: str) -> int:
        return sum(r.gold == gold and r.predicted == predicted for r in self.results)

    @property
    def false_supported(self) -> int:
        return self.count("contradicted", "supported")

    @property
    def false_contradicted(self) -> int:
        return self.count("supported", "contradicted")

    def as_dict(self) -> dict:
        return {
            "claims": self.total,
            "correct": self.correct,
            "accuracy": round(self.accuracy, 4),
            "false_supported": self.false_supported,
            "false_contradicted": self.false_contradicted,
            "non_claim_errors": len(self.non_claim_errors),
            "unannotated_findings": self.unannotated,
            "skipped": self.skipped,
            "confusion": {g: dict(c) for g, c in self.confusion().items()},
            "errors": [r.__dict__ for r in self.results if r.gold != r.predicted],
        }


def gold_files(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*.gold.yaml"))
    if not files:
        raise InputError(f"{folder}: no *.gold.yaml files")
    return files


def evaluate_claims(folder: Path, catalog, *, tolerances=None) -> ClaimsEvaluation:
    available = {d.id for d in catalog.datasets()}
    evaluation = ClaimsEvaluation()
    for gold_path in gold_files(folder):
        gold = yaml.safe_load(gold_path.read_text("utf-8"))
        missing = [r for r in gold.get("requires") or [] if not any(d == r or d.startswith(r) for d in available)]
        if missing:
            evaluation.skipped.append(f"{gold['article']} (needs {', '.join(missing)}: `factcheck data import`)")
            continue
        as_of = dt.date.fromisoformat(str(gold["as_of"])) if gold.get("as_of") else None
        options = CheckOptions(as_of=as_of, **({"tolerances": tolerances} if tolerances else {}))
        report = check_document(read_document(folder / gold["article"]), catalog, options)
        by_position = {(f.location.line, f.location.column): f for f in report.findings}
        matched = set()
        for item in gold.get("claims") or []:
            key = (item["line"], item["column"])
            finding = by_position.get(key)
            matched.add(key)
            evaluation.results.append(ClaimResult(
                gold["article"], item["line"], item["column"], item["surface"], item["verdict"],
                finding.finding.verdict if finding else MISSED,
                finding.finding.explanation if finding else ""))
        for item in gold.get("non_claims") or []:
            key = (item["line"], item["column"])
            matched.add(key)
            finding = by_position.get(key)
            if finding and finding.finding.verdict in ("supported", "contradicted", "approximate"):
                evaluation.non_claim_errors.append(ClaimResult(
                    gold["article"], item["line"], item["column"], item["surface"], "not a claim",
                    finding.finding.verdict, finding.finding.explanation))
        evaluation.unannotated += sum(1 for k in by_position if k not in matched)
    return evaluation
