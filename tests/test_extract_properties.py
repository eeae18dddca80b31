"""Properties that hold on any text: the extractor never raises, offsets stay in bounds, and each
record's surface is exactly the text at its offsets."""

from __future__ import annotations

import pytest
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


# A range whose two bounds each carry their own scale ("$650 thousand to $2.1 million", "between
# €3bn and €40m") is read with each bound as written: neither borrows the other's scale (issue 11).
SCALE_WORDS = {" thousand": 1e3, " million": 1e6, " billion": 1e9, " trillion": 1e12}
SCALE_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mil": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "A$": "AUD", "$US": "USD", "RM": "MYR"}
FIGURE = st.builds(lambda whole, frac: f"{whole}.{frac}" if frac else str(whole),
                   st.integers(1, 999), st.one_of(st.none(), st.integers(1, 99).map(str)))


CURRENCY_WORDS = {" euros": "EUR", " dollars": "USD", " yen": "JPY", " kronor": "SEK", " zlotys": "PLN"}


@st.composite
def scaled_range(draw):
    """A range of money with a scale on each bound: the currency before each bound ("$650 thousand
    to $2.1 million", "€3bn-€40m") or once after the second ("2 billion to 500 million euros")."""
    before = draw(st.booleans())
    scales = SCALE_WORDS if not before or draw(st.booleans()) else {**SCALE_WORDS, **SCALE_ABBREVIATIONS}
    low_fig, high_fig = draw(FIGURE), draw(FIGURE)
    low_scale, high_scale = draw(st.sampled_from(sorted(scales))), draw(st.sampled_from(sorted(scales)))
    lead, sep = draw(st.sampled_from([("", " to "), ("", "-"), ("", " - "), ("between ", " and "), ("from ", " to ")]))
    if before:
        prefix = draw(st.sampled_from(sorted(CURRENCIES)))
        phrase, unit = f"{lead}{prefix}{low_fig}{low_scale}{sep}{prefix}{high_fig}{high_scale}", CURRENCIES[prefix]
    else:
        word = draw(st.sampled_from(sorted(CURRENCY_WORDS)))
        sep = " - " if sep == "-" else sep  # "5 billion-2" reads as a hyphenated word
        phrase, unit = f"{lead}{low_fig}{low_scale}{sep}{high_fig}{high_scale}{word}", CURRENCY_WORDS[word]
    bounds = (float(low_fig) * scales[low_scale], float(high_fig) * scales[high_scale])
    return phrase, bounds, unit


@settings(max_examples=400, deadline=None)
@given(scaled_range(), st.sampled_from(["The fund holds {}.", "Estimates put it at {} this year.", "{}"]))
def test_range_bounds_with_their_own_scales_are_never_rescaled(case, frame) -> None:
    phrase, (low, high), unit = case
    text = frame.format(phrase)
    money = [q for q in extract_quantities(text) if q.kind == "money"]
    assert len(money) == 1, (text, money)
    q = money[0]
    assert (q.unit, q.value, q.value_max) == (unit, pytest.approx(low), pytest.approx(high)), text
