"""Runs the DESIGN.md flow for one document: extract -> claims -> link -> verify -> located findings.

The pipeline is plain glue: each stage is called with the plain data of the stage before it.
Reading files (document) and rendering (report) stay with the caller, so the same pipeline serves
the CLI, the evaluation commands and the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from factcheck.claims import iter_claims
from factcheck.document.model import SourceDocument
from factcheck.extract.sentences import streamed_extraction
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
    return document_report(doc, iter_findings(doc, catalog, options))


def check_documents(docs: Sequence[SourceDocument], catalog: Catalog, options: CheckOptions = CheckOptions()) -> Iterator[DocumentReport]:
    """Many documents, one report at a time (the CLI's batch path): a consumer that writes each
    report out and drops it holds one document's findings, not the run's."""
    for doc in docs:
        yield check_document(doc, catalog, options)


def document_report(doc: SourceDocument, findings: Iterable[LocatedFinding]) -> DocumentReport:
    return DocumentReport(path=doc.path, findings=tuple(findings), notices=doc.notices, text=doc.text)


def iter_findings(doc: SourceDocument, catalog: Catalog, options: CheckOptions = CheckOptions()) -> Iterator[LocatedFinding]:
    """The document's located findings in order, each verified when it is asked for. A text longer
    than one extraction chunk is read chunk by chunk (streamed_extraction) and its claims are read
    sentence by sentence (iter_claims), so neither every sentence's records nor every claim stays
    in memory; a writer that streams the findings out keeps no finding either."""
    tolerances = replace(options.tolerances, as_of_year=(options.as_of or dt.date.today()).year)
    extraction = streamed_extraction(doc.text, options.as_of)
    for claim in iter_claims(extraction, as_of=options.as_of, text=doc.text):
        if doc.is_ignored(claim.start, claim.end):
            continue
        yield _located(doc, claim, verify_claim(claim, link_claim(claim, catalog), catalog, tolerances))


def _located(doc: SourceDocument, claim, finding) -> LocatedFinding:
    loc = doc.locate(claim.start, claim.end)
    value = claim.quantity.value if claim.quantity else None
    dataset = finding.expected.dataset if finding.expected else None
    return LocatedFinding(id=f"{doc.path}:{loc.line}:{loc.column}", path=doc.path, location=loc, finding=finding,
                          fingerprint=fingerprint(doc.path, claim.sentence, value, dataset))
