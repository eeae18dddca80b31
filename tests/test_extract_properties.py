"""Properties that hold on any text: the extractor never raises, offsets stay in bounds, and each
record's surface is exactly the text at its offsets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract, extract_quantities

# Any Unicode, plus text built from the pieces the rules react to, so the generator reaches them.
PIECES = st.sampled_from([
    "$", "US$", "€", "£", "¥", "₩", "HK$", "USD", "EUR", " ", "\n", "\n\n", "-", "–", "%", " percent",
    " pp", " points", " billion", "bn", "m", "k", " million", "1", "2.27", "3,000", "10 000", "97",
    "2023", "2019-21", "1990s", " since ", " between ", " and ", " to ", " from ", "half a ", "two-thirds",
    " of ", " yen", " won", " pounds", " cents", "(", ")", ".", "about ", "fell ", "rose ", "doubled",
    "North Korea's", "Sino-Korean", "China-South Korea", " last year", " a decade ago", "'s", "0 views0",
    "http://x.y/%20", "1/4", " out of ", " times as ", "−",
])
TEXT = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_quantities_hold_their_offsets(text: str) -> None:
    for q in extract_quantities(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.surface


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentences_and_records_hold_their_offsets(text: str) -> None:
    for sentence in extract(text).sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start:sentence.end] == sentence.text
        for record in (*sentence.quantities, *sentence.places, *sentence.periods):
            assert 0 <= record.start <= record.end <= len(text)
            assert text[record.start:record.end] == record.surface
