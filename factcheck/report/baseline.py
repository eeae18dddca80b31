"""Baselines: findings already known, keyed by fingerprint (claim words, value, dataset), not by
line, so editing above a known finding does not bring it back."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from factcheck.errors import ConfigError
from factcheck.report.model import LocatedFinding, Report
from factcheck.safe_files import write_text_safely

SCHEMA = "factcheck.baseline/1"


def baseline_entry(lf: LocatedFinding) -> dict:
    return {"fingerprint": lf.fingerprint, "path": lf.path, "verdict": lf.finding.verdict,
            "claim": lf.finding.claim.quantity.surface if lf.finding.claim.quantity else lf.finding.claim.metric}


def baseline_entries(report: Report) -> list[dict]:
    return [baseline_entry(lf) for doc in report.documents for lf in doc.findings]


def write_baseline(report: Report, path: Path) -> None:
    write_baseline_entries(baseline_entries(report), path)


def write_baseline_entries(entries: list[dict], path: Path) -> None:
    data = {"schema": SCHEMA, "findings": entries}
    # Atomic: on a full disk or a kill the old baseline stays whole (factcheck/safe_files.py).
    write_text_safely(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n", option="--write-baseline")


def load_baseline(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"--baseline {path}: cannot be read ({exc.strerror or exc})") from None
    except (ValueError, UnicodeDecodeError):
        raise ConfigError(f"--baseline {path}: not a factcheck baseline (invalid JSON)") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise ConfigError(f"--baseline {path}: not a factcheck baseline (expected schema {SCHEMA})")
    return frozenset(str(entry.get("fingerprint")) for entry in data["findings"] if isinstance(entry, dict))


def apply_baseline(report: Report, fingerprints: frozenset[str]) -> Report:
    """The report without the findings in the baseline; the number hidden is kept for the summary."""
    hidden = 0
    documents = []
    for doc in report.documents:
        kept = tuple(lf for lf in doc.findings if lf.fingerprint not in fingerprints)
        hidden += len(doc.findings) - len(kept)
        documents.append(replace(doc, findings=kept, baseline_hidden=doc.baseline_hidden + len(doc.findings) - len(kept)))
    return replace(report, documents=tuple(documents), baseline_suppressed=report.baseline_suppressed + hidden)
