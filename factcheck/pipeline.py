"""Runs the DESIGN.md flow for one document: extract -> claims -> link -> verify -> located findings.

The pipeline is plain glue: each stage is called with the plain data of the stage before it.
Reading files (document) and rendering (report) stay with the caller, so the same pipeline serves
the CLI, the evaluation commands and the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from factcheck.claims import find_claims
from factcheck.document.model import SourceDocument
from factcheck.extract import extract, extract_many
from factcheck.extract.model import Extraction
from factcheck.link import link_claim
from factcheck.reference import Catalog
from factcheck.report.model import DocumentReport, LocatedFinding
from factcheck.verify import Tolerances, verify_claim


@dataclass(frozen=True)
class CheckOptions:
    as_of: dt.date | None = None
    tolerances: Tolerances = field(default_factory=Tolerances)


def fingerprint(path: str, claim_text: str, value: float | None, dataset: str | None) -> str:
    """Stable across line moves: built from the claim's words, its value and the dataset."""
    basis = "\x1f".join([" ".join(claim_text.split()), repr(value), dataset or ""])
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def check_document(doc: SourceDocument, catalog: Catalog, options: CheckOptions = CheckOptions()) -> DocumentReport:
    return _report(doc, extract(doc.text, as_of=options.as_of), catalog, options)


def check_documents(docs: Sequence[SourceDocument], catalog: Catalog, options: CheckOptions = CheckOptions()) -> Iterator[DocumentReport]:
    """Many documents, their text read through spaCy's `nlp.pipe` in batches (the CLI's batch path)."""
    for doc, extraction in zip(docs, extract_many([d.text for d in docs], as_of=options.as_of)):
        yield _report(doc, extraction, catalog, options)


def _report(doc: SourceDocument, extraction: Extraction, catalog: Catalog, options: CheckOptions) -> DocumentReport:
    tolerances = replace(options.tolerances, as_of_year=(options.as_of or dt.date.today()).year)
    findings = []
    for claim in find_claims(extraction, as_of=options.as_of, text=doc.text):
        if doc.is_ignored(claim.start, claim.end):
            continue
        finding = verify_claim(claim, link_claim(claim, catalog), catalog, tolerances)
        loc = doc.locate(claim.start, claim.end)
        value = claim.quantity.value if claim.quantity else None
        dataset = finding.expected.dataset if finding.expected else None
        findings.append(
            LocatedFinding(
                id=f"{doc.path}:{loc.line}:{loc.column}",
                path=doc.path,
                location=loc,
                finding=finding,
                fingerprint=fingerprint(doc.path, claim.sentence, value, dataset),
            )
        )
    return DocumentReport(path=doc.path, findings=tuple(findings), notices=doc.notices, text=doc.text)
