"""The bounded memo table behind the catalog's answers and verification's figures."""

from factcheck.kept import Kept


def test_a_full_table_drops_the_entry_used_longest_ago():
    kept = Kept(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1  # "a" is now the newer of the two
    kept.put("c", 3)
    assert kept.get("b") is None
    assert (kept.get("a"), kept.get("c")) == (1, 3)
    assert len(kept) == 2


def test_an_empty_answer_is_kept_as_an_answer():
    kept = Kept(1)
    kept.put("none found", ())
    assert kept.get("none found") == ()
    assert kept.get("never asked") is None
