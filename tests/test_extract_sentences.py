"""Sentences, headings, places, and the example article's figures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import extract, get_nlp


def test_every_line_is_its_own_sentence_and_short_unpunctuated_lines_are_headings() -> None:
    text = "Membership subscription\n$2\nEvery month\n\nExports fell. Imports rose 5%.\nno stop here"
    sentences = extract(text).sentences
    assert [s.text for s in sentences] == [
        "Membership subscription", "$2", "Every month", "Exports fell.", "Imports rose 5%.", "no stop here"]
    assert [s.heading for s in sentences] == [True, True, True, False, False, True]


@pytest.mark.parametrize("text, expected", [
    ("China is its No. 1 trading partner. Japan is No. 2.", ["China is its No. 1 trading partner.", "Japan is No. 2."]),
    ("The deficit with Germany, the previous No. 2, shrank 13.3 percent.", ["The deficit with Germany, the previous No. 2, shrank 13.3 percent."]),
    ("Exports fell. No. 3 in the ranking was Peru.", ["Exports fell.", "No. 3 in the ranking was Peru."]),
    ("Was it Peru? No. 2 was Chile.", ["Was it Peru?", "No. 2 was Chile."]),
])
def test_the_full_stop_of_no_before_a_number_ends_no_sentence(text: str, expected: list) -> None:
    long_text = (text + " ") * 30  # the rule over token arrays, for longer Docs, as well as the short one
    assert [s.text for s in extract(text).sentences] == expected
    assert [s.text for s in extract(long_text).sentences][:len(expected)] == expected


def test_pipeline_writes_span_groups_like_a_span_ruler() -> None:
    doc = get_nlp()("In 2023 North Korea's exports were $2.27 billion.")
    assert [s.text for s in doc.spans["quantities"]] == ["$2.27 billion"]
    assert [s.label_ for s in doc.spans["places"]] == ["PRK"]
    assert [s.text for s in doc.spans["periods"]] == ["2023"]


@pytest.mark.parametrize(
    "text, places",
    [
        ("North Korea's exports", [("North Korea", "PRK", "alias")]),
        ("Sino-Korean trade", [("Sino", "CHN", "prefix"), ("Korean", None, "ambiguous")]),
        ("China-South Korea trade", [("China", "CHN", "alias"), ("South Korea", "KOR", "alias")]),
        ("the North Korean issue", [("North Korean", "PRK", "demonym")]),
        ("help us, the north wind", []),
        ("the US and the UK", [("US", "USA", "alias"), ("UK", "GBR", "alias")]),
    ],
)
def test_places(text: str, places: list) -> None:
    found = [p for s in extract(text).sentences for p in s.places]
    assert [(p.surface, p.iso3, p.how) for p in found] == places
    for p in found:
        assert text[p.start:p.end] == p.surface


def test_ambiguous_place_lists_its_readings() -> None:
    (place,) = [p for s in extract("Korean exports").sentences for p in s.places]
    assert place.iso3 is None and set(place.candidates) == {"PRK", "KOR"}


def test_example_article_figures(example_article_text: str) -> None:
    extraction = extract(example_article_text)
    percents = [q for q in extraction.quantities if q.kind == "percent"]
    assert [q.surface for q in percents] == ["97%"] * 4
    assert [q.hedge for q in percents].count("about") == 1
    (money_sentence,) = [s for s in extraction.sentences if any(q.surface == "$2.27 billion" for q in s.quantities)]
    assert [p.surface for p in money_sentence.periods] == ["2023"]
    assert {p.iso3 for p in money_sentence.places} == {"CHN", "PRK", "KOR"}
    periods = {p.surface for s in extraction.sentences for p in s.periods}
    assert {"Since 2017", "the 1990s", "2023"} <= periods
    assert any(q.surface == "$2" for q in extraction.quantities)
    its_sentence = next(s for s in extraction.sentences if s.text.startswith("Why does 97% of its export"))
    assert "PRK" not in {p.iso3 for p in its_sentence.places if p.start < its_sentence.text.index("go to") + its_sentence.start}


@pytest.fixture
def example_article_text() -> str:
    from conftest import EXAMPLE_ARTICLE

    if not EXAMPLE_ARTICLE.is_file():
        pytest.skip("example article absent")
    return EXAMPLE_ARTICLE.read_text("utf-8")


_SENTENCE_TEXT = st.lists(st.sampled_from(list("ab .!?…;\"')(\n\t-") + ["Mr.", "U.S.", "$2", "5%", "\n\n", " word"]),
                          max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SENTENCE_TEXT)
def test_short_and_long_docs_are_split_by_the_same_rule(text) -> None:
    """A short Doc is split token by token in Python (SentenceSplitter._starts_few), a long one
    with numpy (_starts_many); both must give the same sentence starts on any text."""
    import numpy
    from spacy.attrs import IDX, IS_PUNCT, ORTH

    from factcheck.extract.pipeline import TEXT_KEY, tokenizable

    nlp = get_nlp()
    splitter = nlp.get_pipe("factcheck_sentences")
    doc = nlp.make_doc(tokenizable(text))
    doc.user_data[TEXT_KEY] = text
    if not len(doc):
        return
    arr = doc.to_array([IDX, ORTH, IS_PUNCT])
    assert numpy.array_equal(numpy.asarray(splitter._starts_few(doc, arr), dtype=bool), splitter._starts_many(doc, arr))
