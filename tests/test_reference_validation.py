"""A broken dataset is refused on load with one line naming file and row (cases as data), never
used half-read."""

from __future__ import annotations

import json

from pathlib import Path

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app
from factcheck.errors import DatasetError
from factcheck.reference import OBSERVATION_COLUMNS, Catalog
from factcheck.reference.datapackage import csv_resource, write_package

CASES = yaml.safe_load((Path(__file__).parent / "data/reference/broken_datasets.yaml").read_text("utf-8"))
GOOD_ROWS = [
    ("test", "CHN", "PRK", "total", "TOTAL", 2023, 2.3e9, "USD", 1e8, "GACC", "t", "", ""),
    ("test", "CHN", "PRK", "import", "TOTAL", 2023, 2.92e8, "USD", 1e6, "GACC", "t", "", ""),
    ("test", "PRK", "CHN", "export", "TOTAL", 2023, 74.0, "percent", 1.0, "CIA", "t", "", ""),
]


def make_dataset(store: Path, case: dict | None = None) -> Path:
    case = case or {}
    folder = store / "test"
    folder.mkdir(parents=True)
    frame = pd.DataFrame(GOOD_ROWS, columns=list(OBSERVATION_COLUMNS)).astype(str)
    if "drop_column" in case:
        frame = frame.drop(columns=case["drop_column"])
    if "set_cell" in case:
        row, column, value = case["set_cell"]
        frame.loc[row, column] = value
    if "duplicate_row" in case:
        frame = pd.concat([frame, frame.iloc[[case["duplicate_row"]]]], ignore_index=True)
    frame.to_csv(folder / "observations.csv", index=False)
    write_package(folder, dataset_id="test", title="t", description="d", publisher="p", license="CC0-1.0",
                  citation="c", sources=[], version="1", rank=10, kind="official", resources=[csv_resource()],
                  rows=len(frame), years=(2023, 2023), countries=["CHN", "PRK"], series=case.get("series"))
    if "append_after_packaging" in case:
        with open(folder / "observations.csv", "a", encoding="utf-8") as handle:
            handle.write(case["append_after_packaging"])
    if case.get("remove_file"):
        (folder / "observations.csv").unlink()
    if "descriptor_text" in case:
        (folder / "datapackage.json").write_text(case["descriptor_text"], "utf-8")
    if "descriptor_set" in case:
        descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
        descriptor.update(case["descriptor_set"])
        (folder / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    return folder


def test_a_good_small_dataset_loads_beside_the_bundled_ones(tmp_path):
    make_dataset(tmp_path)
    catalog = Catalog.load(data_dir=tmp_path)
    assert "test" in {i.id for i in catalog.datasets()}
    rows = catalog.observations(reporter="CHN", partner="PRK", flow="import", years=(2023, 2023))
    assert any(o.dataset == "test" and o.value == 2.92e8 for o in rows)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_broken_dataset_is_refused_with_one_line(tmp_path, case):
    folder = make_dataset(tmp_path, case)
    with pytest.raises(DatasetError) as raised:
        Catalog.load(data_dir=tmp_path)
    message = str(raised.value)
    assert raised.value.code == case["code"]
    assert case["message"] in message
    assert str(folder) in message and "\n" not in message


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cli_validate_exits_2_with_the_same_line(tmp_path, case):
    make_dataset(tmp_path, case)
    result = CliRunner().invoke(app, ["data", "validate", "--data-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert case["message"] in result.output and "Traceback" not in result.output
