"""Country mentions, matched with a spaCy PhraseMatcher on lower-cased tokens against the alias
table of `factcheck.countries` (names, aliases, capitals, demonyms, "Sino-")."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from factcheck.countries import alias_table, ambiguous_readings
from factcheck.extract.model import Place

SHORT_ALIAS = 3  # "US", "UK", "ROK": matched only in capitals, never the pronoun "us"


def _longest_names(spans: list) -> list:
    """Non-overlapping spans, longest name first; a leading "the" does not count towards length,
    so "the North Korean issue" reads as the demonym "North Korean", not "the North" + "Korean"."""

    def weight(span) -> int:
        return len(span) - (span[0].lower_ == "the")

    kept: list = []
    taken: set[int] = set()
    for span in sorted(spans, key=lambda s: (-weight(s), s.start)):
        if taken.isdisjoint(range(span.start, span.end)):
            kept.append(span)
            taken.update(range(span.start, span.end))
    return sorted(kept, key=lambda s: s.start)


class PlaceFinder:
    """Writes `doc.spans["places"]` (label: ISO3, or "AMBIGUOUS") and the Place records in the span
    group's `attrs["records"]`."""

    def __init__(self, nlp: Language) -> None:
        self.table = alias_table()
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        names = sorted(self.table)
        # The tokenizer's exceptions are case-sensitive: "U.S." is one token, "u.s." two, so a
        # name with dots is also tokenized as written in capitals ("U.S.", "U.K.", "D.P.R.K.").
        names += [name.upper() for name in names if "." in name]
        patterns = list(nlp.tokenizer.pipe(names))
        self.matcher.add("PLACE", patterns)
        # The matcher compares tokens, not characters: "U.S ." in a scanned page matches the
        # pattern of "u.s." while its text does not, so spans are looked up by their tokens.
        self.by_tokens = {tuple(t.lower_ for t in pattern): name.lower() for name, pattern in zip(names, patterns)}

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            surface = span.text
            if not any(c.isupper() for c in surface):
                continue  # country names are proper nouns: "the north", "us" are not places
            if len(surface.replace(".", "")) <= SHORT_ALIAS and not surface.replace(".", "").isupper():
                continue
            spans.append(span)
        spans = _longest_names(spans)
        records = []
        kept = []
        for span in spans:
            iso3, how = self.table[self.by_tokens.get(tuple(t.lower_ for t in span), span.text.lower())]
            if iso3:
                record = Place(span.text, span.start_char, span.end_char, iso3, how)
            else:
                record = Place(span.text, span.start_char, span.end_char, None, how,
                               ambiguous_readings(span.text))
            kept.append(Span(doc, span.start, span.end, label=iso3 or "AMBIGUOUS"))
            records.append(record)
        doc.spans["places"] = kept
        doc.spans["places"].attrs["records"] = records
        return doc
