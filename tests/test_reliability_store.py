"""Issue 12, items 2, 6, 7, 8, 16, 17 (store): imports and removals never delete what is not a
dataset, never leave a store on which commands fail, and never lose a dataset to a kill, a full
disk or a concurrent import. Kills are simulated by a BaseException at the chosen system call (a
real SIGKILL test for imports is at the end)."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import factcheck.reference.importers as importers
from factcheck.errors import DatasetError
from factcheck.reference import Catalog
from factcheck.reference.importers import import_cow, write_bulk
from factcheck.reference.manage import remove
from factcheck.reference import store as store_module
from factcheck.reference.store import check_dataset_id, dataset_folders
from test_reference_import import COW_CSV


class Killed(BaseException):
    """Stands for SIGKILL at a chosen point: nothing after it runs, no except/finally that catches
    Exception can tidy up."""


@pytest.fixture
def cow_csv(tmp_path) -> Path:
    path = tmp_path / "cow.csv"
    path.write_text(COW_CSV)
    return path


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "store"


def imported_ids(store: Path) -> set[str]:
    return {i.id for i in Catalog.load(data_dir=store).datasets() if not i.bundled}


def cow_rows(store: Path) -> int:
    return next(i.rows for i in Catalog.load(data_dir=store).datasets() if i.id == "cow")


# -- item 2: only dataset folders are ever replaced or removed -------------------------------------
def test_replace_refuses_a_folder_that_is_not_a_dataset(cow_csv, store):
    notes = store / "cow"
    notes.mkdir(parents=True)
    (notes / "my-notes.txt").write_text("precious")
    with pytest.raises(DatasetError, match="not a dataset"):
        import_cow(cow_csv, data_dir=store, replace=True)
    assert (notes / "my-notes.txt").read_text() == "precious"


def test_an_id_naming_a_source_folder_beside_the_store_is_not_deleted(cow_csv, tmp_path):
    """`--id src --data-dir .` deleted ./src."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "main.py").write_text("print('hi')")
    with pytest.raises(DatasetError, match="not a dataset"):
        import_cow(cow_csv, data_dir=tmp_path, dataset_id="src", replace=True)
    assert (source / "main.py").exists()


def test_remove_refuses_a_folder_without_datapackage(store):
    (store / "notes").mkdir(parents=True)
    (store / "notes" / "a.txt").write_text("keep")
    with pytest.raises(DatasetError):
        remove("notes", store)
    assert (store / "notes" / "a.txt").exists()


# -- item 6: crash-safe replace and remove ---------------------------------------------------------
def test_a_kill_while_the_new_dataset_moves_in_keeps_the_old_one(cow_csv, store, monkeypatch, tmp_path):
    import_cow(cow_csv, data_dir=store)
    rows = cow_rows(store)
    smaller = tmp_path / "small.csv"
    smaller.write_text("\n".join(COW_CSV.splitlines()[:3]) + "\n")
    real_rename = os.rename

    def rename(src, dst, *args, **kwargs):
        if Path(dst) == store / "cow" and Path(src).name.startswith("."):
            raise Killed  # the kill lands just before the new dataset is renamed into place
        return real_rename(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(Killed):
        import_cow(smaller, data_dir=store, replace=True)
    monkeypatch.setattr(os, "rename", real_rename)
    assert cow_rows(store) == rows  # the next start put the old dataset back
    assert [p.name for p in store.iterdir() if p.name.startswith(".") and p.name != ".lock"] == []


def test_a_kill_midway_through_remove_leaves_a_working_store(cow_csv, store, monkeypatch):
    import_cow(cow_csv, data_dir=store)
    real_rmtree = shutil.rmtree

    def dies_after_one_file(path, *args, **kwargs):
        files = sorted(Path(path).rglob("*.parquet"))
        if files:
            files[0].unlink()
        raise Killed

    monkeypatch.setattr(shutil, "rmtree", dies_after_one_file)
    with pytest.raises(Killed):
        remove("cow", store)
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    assert "cow" not in imported_ids(store)  # loads (no dataset with a missing file), cow gone
    assert [p.name for p in store.iterdir() if p.name != ".lock"] == []  # the removal was finished


# -- item 7: concurrent imports of one id -----------------------------------------------------------
def test_an_import_that_finishes_second_does_not_delete_the_first(cow_csv, store):
    """Deterministic interleaving: while import A is writing, import B of the same id completes.
    A must then fail (it was not asked to replace), and B's dataset must stay."""
    frame = pd.DataFrame({"reporter": ["CHN"], "partner": ["PRK"], "flow": ["export"], "commodity": ["TOTAL"],
                          "year": [2020], "value": [1.0e9], "unit": ["USD"], "precision": [1.0]})

    def frames():
        import_cow(cow_csv, data_dir=store)  # B, complete before A moves in
        yield frame

    with pytest.raises(DatasetError, match="already imported"):
        write_bulk(frames(), dataset_id="cow", data_dir=store, replace=False, meta=importers.COW_META,
                   source=cow_csv, by_year=True)
    assert cow_rows(store) > 1  # B's rows, not A's single row


# -I: the installed package, not the source folder the tests run from (CI installs it non-editable,
# and the bundled data exists only as installed)
FACTCHECK = [sys.executable, "-I", "-c", "from factcheck.cli import main; main()"]


def test_two_concurrent_import_processes_one_wins_one_is_told(cow_csv, store):
    runs = [subprocess.Popen([*FACTCHECK, "data", "import", "cow", str(cow_csv), "--data-dir", str(store)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(r.wait(timeout=180), r.stderr.read()) for r in runs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    assert any("already imported" in err for code, err in results if code == 2)
    assert "cow" in imported_ids(store)


# -- item 8: bundled ids -----------------------------------------------------------------------------
def test_an_import_under_a_bundled_id_is_refused_before_writing(cow_csv, store):
    with pytest.raises(DatasetError, match="bundled"):
        import_cow(cow_csv, data_dir=store, dataset_id="factbook-latest")
    assert imported_ids(store) == set()  # and the store still loads


# -- item 16: staging folders of killed imports are cleaned ---------------------------------------
def test_staging_folders_of_dead_imports_are_cleaned(cow_csv, store):
    store.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = store / f".staging-{int(dead.stdout)}-cow-abc123"
    leftover.mkdir()
    (leftover / "observations.parquet").write_bytes(b"x" * 1000)
    import_cow(cow_csv, data_dir=store)
    assert not leftover.exists()


def test_a_killed_import_process_leaves_a_working_store_and_the_next_import_cleans_up(tmp_path, store):
    from factcheck.countries.codes import cow_table

    codes = sorted(cow_table())[:60]
    big = tmp_path / "big.csv"
    with big.open("w") as handle:  # ~500,000 distinct dyad-years: the import takes a while
        handle.write("ccode1,ccode2,year,flow1,flow2\n")
        for a in codes:
            for b in codes:
                if a < b:
                    handle.writelines(f"{a},{b},{y},1.0,2.0\n" for y in range(1870, 2015))
    run = subprocess.Popen([*FACTCHECK, "data", "import", "cow", str(big), "--data-dir", str(store)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def staging_seen() -> bool:
        return store.is_dir() and any(p.name.startswith(".") and p.name != ".lock" for p in store.iterdir())

    deadline = time.time() + 60
    while time.time() < deadline and not staging_seen() and run.poll() is None:
        time.sleep(0.005)
    assert run.poll() is None, "the import ended before it could be killed"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert imported_ids(store) == set()  # no half dataset is visible, and the store loads
    good = tmp_path / "cow.csv"
    good.write_text(COW_CSV)
    import_cow(good, data_dir=store)
    assert [p.name for p in store.iterdir() if p.name.startswith(".") and p.name != ".lock"] == []


# -- item 17: clear errors -----------------------------------------------------------------------------
def test_an_unwritable_store_is_one_clear_error(cow_csv, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatasetError, match="cannot be written"):
        import_cow(cow_csv, data_dir=blocker / "store")


def test_a_full_disk_during_an_import_is_one_clear_error_and_leaves_nothing(cow_csv, store, monkeypatch):
    def enospc(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(importers.pq, "write_table", enospc)
    with pytest.raises(DatasetError, match="no space left"):
        import_cow(cow_csv, data_dir=store)
    assert [p.name for p in store.iterdir() if p.name != ".lock"] == []


def test_an_id_with_a_trailing_newline_is_refused():
    with pytest.raises(DatasetError):
        check_dataset_id("cow\n")


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_bad_factcheck_data_dir_is_an_error_not_an_empty_store(tmp_path, monkeypatch, kind):
    target = tmp_path / "typo"
    if kind == "file":
        target.write_text("x")
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(target))
    with pytest.raises(DatasetError, match="FACTCHECK_DATA_DIR"):
        Catalog.load()
    with pytest.raises(DatasetError):
        store_module.check_store()


def test_an_unreadable_dataset_folder_is_an_error_not_skipped(store, monkeypatch):
    (store / "locked").mkdir(parents=True)
    real_is_file = Path.is_file

    def is_file(self):
        if self.parent.name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_file(self)

    monkeypatch.setattr(Path, "is_file", is_file)
    with pytest.raises(DatasetError, match="locked"):
        dataset_folders(store)


# -- item 15: rows and memory bounded ----------------------------------------------------------------
def test_a_gzip_bomb_is_refused_while_it_is_read(tmp_path, store):
    import gzip

    bomb = tmp_path / "bomb.csv.gz"
    with gzip.open(bomb, "wt", compresslevel=9) as handle:
        handle.write("ccode1,ccode2,year,flow1,flow2\n")
        handle.writelines(["2,20,2000,1.0,2.0\n" * 100_000] * 40)  # 4,000,000 rows, a few hundred KB
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(DatasetError, match="far more rows than its size allows"):
        import_cow(bomb, data_dir=store)


def test_a_row_longer_than_a_block_is_one_clear_error(tmp_path, store):
    path = tmp_path / "cow.csv"
    path.write_text("ccode1,ccode2,year,flow1,flow2\n710,731,2010,1.0,2.0\n710,731,2011," + "1" * 9_000_000 + ",2\n")
    with pytest.raises(DatasetError, match="a row longer than 4 MB"):
        import_cow(path, data_dir=store)
