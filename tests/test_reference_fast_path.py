"""The fast path of bulk queries (bulk.Block) against the row-group path, and stores the fast path
cannot serve (files not sorted by reporter, no partner-sorted copy: imports written by older
versions), which must still answer, and answer the same. Queries are data:
tests/data/reference/fast_path_queries.yaml."""

from __future__ import annotations

import json
import math
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import yaml
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
import factcheck.reference.bulk as bulk_module
import factcheck.reference.catalog as catalog_module
from factcheck.cli.app import app
from factcheck.reference import Catalog
from factcheck.reference.datapackage import sha256_of
from factcheck.reference.importers import import_cow
from test_reference_import import cow_file

QUERIES = yaml.safe_load((Path(__file__).parent / "data/reference/fast_path_queries.yaml").read_text(encoding="utf-8"))


def _query(spec: dict) -> dict:
    query = dict(spec)
    if "years" in query:
        query["years"] = tuple(query["years"])
    return query


def _fresh(store: Path, *, blocks: bool) -> Catalog:
    """A catalog of its own (not the load cache's); without `blocks`, every bulk table answers
    from row groups only, as a table whose files are not sorted by reporter does."""
    catalog_module._load_cached.cache_clear()
    catalog = Catalog.load(store)
    catalog_module._load_cached.cache_clear()
    for bulk in catalog._bulk:
        for table in (bulk.table, bulk.by_partner, bulk.monthly):
            if table is not None and not blocks:
                table.lead = None
    return catalog


def _answers(catalog: Catalog, queries: list[dict]) -> list[list]:
    return [catalog.observations(**_query(q)) for q in queries]


@pytest.fixture
def small_store(tmp_path) -> Path:
    store = tmp_path / "store"
    import_cow(cow_file(tmp_path, False), data_dir=store)
    return store


@pytest.fixture
def blocks_at_once(monkeypatch):
    """Blocks for every query naming a reporter (not only after a country's third question)."""
    monkeypatch.setattr(bulk_module, "ASKED_BEFORE_BLOCK", 1)


@pytest.mark.parametrize("spec", QUERIES["small"], ids=lambda q: ",".join(f"{k}={v}" for k, v in q.items()))
def test_blocks_and_row_groups_give_the_same_observations(small_store, blocks_at_once, spec):
    fast, slow = _fresh(small_store, blocks=True), _fresh(small_store, blocks=False)
    assert fast.observations(**_query(spec)) == slow.observations(**_query(spec))
    assert any(t.lead for b in fast._bulk for t in (b.table, b.by_partner) if t), "the fast path was not taken"


def test_blocks_are_used_and_agree_over_the_whole_sample(small_store, blocks_at_once):
    fast, slow = _fresh(small_store, blocks=True), _fresh(small_store, blocks=False)
    answers = _answers(fast, QUERIES["small"])
    assert answers == _answers(slow, QUERIES["small"])
    assert sum(len(a) for a in answers) > 20  # the sample asks questions the table answers
    assert any(t._blocks for b in fast._bulk for t in (b.table, b.by_partner) if t)


def test_block_row_positions_match_a_filter_of_the_rows(small_store):
    """bulk.Block.where against the Arrow filter, on every reporter's block and several filters."""
    table = bulk_module.ParquetTable([small_store / "cow/observations.parquet"])
    assert table.lead == "reporter"
    for reporter in ("USA", "CHN", "PRK", "RUS"):
        for equals, years in (({"partner": None}, None), ({"flow": "import"}, (1900, 2000)),
                              ({"partner": "CHN", "flow": "total"}, None), ({"partner": "XXX"}, None)):
            asked = {"reporter": reporter, **equals}
            block = bulk_module.Block(table.read_groups(table.schema.names, {"reporter": reporter}, None), "partner")
            expected = table.read_groups(["partner", "flow", "year", "value"], asked, years)
            assert block.select(["partner", "flow", "year", "value"], asked, years).equals(expected)
            lists = block.lists(["partner", "year", "value"], asked, years)
            assert lists == {c: expected[c].to_pylist() for c in ("partner", "year", "value")}


def _unsorted_copy(store: Path) -> None:
    """Rewrites the observations shuffled, in small row groups (no column sorted across groups), as
    an import by another tool or version might, with the package's hash updated to match."""
    folder = store / "cow"
    path = folder / "observations.parquet"
    table = pq.read_table(path)
    order = sorted(range(table.num_rows), key=lambda i: (i * 7919) % table.num_rows)
    pq.write_table(table.take(order), path, row_group_size=5, write_statistics=True)
    descriptor = json.loads((folder / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        if resource["path"] == "observations.parquet":
            resource["hash"] = f"sha256:{sha256_of(path)}"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def _without_partner_copy(store: Path) -> None:
    """Removes the partner-sorted copy, as in a store imported before the copy existed."""
    folder = store / "cow"
    descriptor = json.loads((folder / "datapackage.json").read_text())
    descriptor["resources"] = [r for r in descriptor["resources"] if r.get("name") != "by_partner"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2))
    (folder / "by_partner.parquet").unlink()


@pytest.mark.parametrize("age", [_unsorted_copy, _without_partner_copy], ids=["unsorted files", "no partner copy"])
def test_an_older_store_still_answers_and_answers_the_same(small_store, tmp_path, blocks_at_once, age):
    reference = _answers(_fresh(small_store, blocks=True), QUERIES["small"])
    old_store = tmp_path / "old-store"
    import_cow(cow_file(tmp_path, False), data_dir=old_store)
    age(old_store)
    old = _fresh(old_store, blocks=True)
    cow = next(b for b in old._bulk if b.info.id == "cow")
    if age is _unsorted_copy:
        assert cow.table.lead is None  # told from the statistics: the slow path is taken
    else:
        assert cow.by_partner is None
    assert _answers(old, QUERIES["small"]) == reference
    listed = CliRunner().invoke(app, ["data", "list", "--data-dir", str(old_store)])
    assert listed.exit_code == 0 and "cow" in listed.output and "Traceback" not in listed.output


def test_real_cow_blocks_and_row_groups_agree(cow_store, blocks_at_once):
    fast, slow = _fresh(cow_store, blocks=True), _fresh(cow_store, blocks=False)
    answers = _answers(fast, QUERIES["real"])
    assert answers == _answers(slow, QUERIES["real"])
    assert all(answers[:4]), "the real sample's first questions all have answers in COW"


@pytest.fixture
def decoded_at_once(monkeypatch):
    """The whole table decoded at the first question that would decode a block."""
    monkeypatch.setattr(bulk_module, "ASKED_BEFORE_BLOCK", 1)
    monkeypatch.setattr(bulk_module, "DECODE_WHOLE_AFTER", 0)


def test_the_whole_decoded_table_gives_the_same_observations(small_store, decoded_at_once):
    fast, slow = _fresh(small_store, blocks=True), _fresh(small_store, blocks=False)
    assert _answers(fast, QUERIES["small"]) == _answers(slow, QUERIES["small"])
    assert any(t._decoded for b in fast._bulk for t in (b.table, b.by_partner) if t), "the table was not decoded whole"


def _decoded(store: Path, name: str, lead: str, second: str, how: str) -> bulk_module.Decoded:
    path = store / f"cow/{name}.parquet"
    if how == "table":
        return bulk_module.Decoded(pq.read_table(path), lead, second)
    if how == "files":  # text columns read straight into dictionary codes
        return bulk_module.Decoded([path], lead, second)
    # "through the observations": the partner-sorted copy read through the other file's columns
    original = bulk_module.Decoded([store / "cow/observations.parquet"], "reporter", "partner")
    return bulk_module.Decoded.reordered(original, lead, second)


@pytest.mark.parametrize("how", ["table", "files", "through the observations"])
def test_decoded_rows_match_a_filter_of_the_rows(small_store, how):
    """bulk.Decoded.lists against the Arrow filter of the row groups, for every reporter and partner."""
    for name, lead, second in (("observations", "reporter", "partner"), ("by_partner", "partner", "reporter")):
        table = bulk_module.ParquetTable([small_store / f"cow/{name}.parquet"])
        decoded = _decoded(small_store, name, lead, second, how)
        assert decoded.usable and decoded.pairs
        columns = ["reporter", "partner", "flow", "year", "value"]
        for value in [*decoded.runs, "XXX"]:
            for equals, years in (({second: None}, None), ({"flow": "import"}, (1900, 2000)), ({second: "CHN", "flow": "total"}, None),
                                  ({second: "USA"}, (1990, 1995)), ({second: "XXX"}, None), ({"commodity": "27"}, None)):
                asked = {lead: value, **equals}
                expected = table.read_groups(columns, asked, years)
                assert decoded.lists(columns, asked, years) == {c: expected[c].to_pylist() for c in columns}, asked


def test_a_table_whose_countries_are_not_in_runs_is_not_decoded_whole(small_store):
    table = pq.read_table(small_store / "cow/observations.parquet")
    interleaved = table.take(list(range(0, table.num_rows, 2)) + list(range(1, table.num_rows, 2)))
    assert bulk_module.Decoded(table, "reporter", "partner").usable
    assert not bulk_module.Decoded(interleaved, "reporter", "partner").usable


def test_real_cow_decoded_and_row_groups_agree(cow_store, decoded_at_once):
    fast, slow = _fresh(cow_store, blocks=True), _fresh(cow_store, blocks=False)
    assert _answers(fast, QUERIES["real"]) == _answers(slow, QUERIES["real"])
    cow = next(b for b in fast._bulk if b.by_partner is not None)
    if cow.by_partner._decoded:  # decoded by these questions: through the observations' columns, no copy
        copy, original = cow.by_partner._decoded, cow.table._decoded
        assert copy._numbers is original._numbers and copy._coded is original._coded and copy._text is original._text
        assert "value" in original._coded  # COW's values repeat enough to be kept as codes


def _bits(values: list) -> list:
    """Floats as their bit patterns, so -0.0 and NaN compare exactly."""
    return [struct.pack("<d", v) if isinstance(v, float) else v for v in values]


def test_decoding_keeps_every_value_bit_for_bit(tmp_path, monkeypatch):
    """The row-group decoding (numbers kept as codes into their distinct values, a one-value column
    as a view, a number column with nulls read whole) gives back each row as Arrow reads it."""
    monkeypatch.setattr(bulk_module, "MAX_CODED_VALUES", 1000)
    monkeypatch.setattr(bulk_module, "CHECKED_ROWS", 999)  # the check runs slice by slice
    rows = 3 * 4096 + 17
    table = pa.table({
        "reporter": [f"R{i % 5}" for i in range(rows)],
        "partner": [f"P{i % 3}" for i in range(rows)],
        "flow": ["export"] * rows,
        "year": pa.array([1990 + i % 20 for i in range(rows)], pa.int16()),
        "value": [[0.0, -0.0, math.nan, 1e6, 2.5][i % 5] for i in range(rows)],
        "precision": [1.0] * rows,
        "many": [i / 7 for i in range(rows)],  # too many distinct values to code
        "note": [None if i % 4 else "n" for i in range(rows)],  # text with nulls: codes, -1 for a null
        "share": [None if i % 3 else 0.5 for i in range(rows)],  # a number with nulls: read whole by Arrow
    }).sort_by([("reporter", "ascending"), ("partner", "ascending")])
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=1000)
    decoded = bulk_module.Decoded([tmp_path / "t.parquet"], "reporter", "partner")
    assert "value" in decoded._coded and "many" in decoded._numbers and "note" in decoded._text and "share" in decoded._arrow
    assert decoded._coded["precision"][1].strides == (0,)  # one value: no memory of its own
    columns = table.column_names
    for reporter in ("R0", "R3"):
        for equals in ({"reporter": reporter}, {"reporter": reporter, "partner": "P1"}):
            expected = table.filter(pc.equal(table["reporter"], reporter))
            if "partner" in equals:
                expected = expected.filter(pc.equal(expected["partner"], "P1"))
            got = decoded.lists(columns, equals, None)
            assert {c: _bits(got[c]) for c in columns} == {c: _bits(expected[c].to_pylist()) for c in columns}
