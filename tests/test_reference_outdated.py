"""An imported dataset written by an older factcheck (no partner-sorted copy, no series metadata)
must not make checks silently slower: `check` and `data list` say so in one line on stderr,
naming the command that imports it again, and never rewrite the store themselves. Cases are data:
tests/data/reference/outdated_imports.yaml."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import factcheck.cli  # noqa: F401 - registers the commands on the app
import factcheck.reference.catalog as catalog_module
from factcheck.cli.app import app
from factcheck.reference import Catalog
from factcheck.reference.importers import import_cow
from test_reference_import import cow_file

CASES = yaml.safe_load((Path(__file__).parent / "data/reference/outdated_imports.yaml").read_text(encoding="utf-8"))
ARTICLE = "China's exports to North Korea were $2 billion in 2010.\n"


def _age(store: Path, parts: list[str]) -> None:
    """Take `parts` out of the cow dataset, as an older import wrote it."""
    folder = store / "cow"
    descriptor = json.loads((folder / "datapackage.json").read_text())
    if "by_partner" in parts:
        descriptor["resources"] = [r for r in descriptor["resources"] if r.get("name") != "by_partner"]
        (folder / "by_partner.parquet").unlink()
    if "series" in parts:
        descriptor["factcheck"].pop("series", None)
    if "source" in parts:
        descriptor["sources"] = [s for s in descriptor["sources"] if not s["title"].startswith("imported from")]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


def _store_files(store: Path) -> dict[str, bytes]:
    return {str(p.relative_to(store)): p.read_bytes() for p in sorted(store.rglob("*")) if p.is_file()}


@pytest.fixture
def aged_store(tmp_path, request):
    store = tmp_path / "store"
    source = cow_file(tmp_path, False)
    import_cow(source, data_dir=store)
    _age(store, request.param["remove"])
    catalog_module._load_cached.cache_clear()
    yield store, source, request.param
    catalog_module._load_cached.cache_clear()


@pytest.mark.parametrize("aged_store", CASES, ids=[c["name"] for c in CASES], indirect=True)
def test_the_catalog_tells_what_an_older_import_lacks(aged_store):
    store, source, case = aged_store
    outdated = {o.dataset: o for o in Catalog.load(store).outdated_imports()}
    if not case["missing"]:
        assert "cow" not in outdated
        return
    assert list(outdated["cow"].missing) == case["missing"]
    assert outdated["cow"].source == str(source.resolve())


@pytest.mark.parametrize("aged_store", CASES, ids=[c["name"] for c in CASES], indirect=True)
def test_check_and_data_list_say_it_in_one_line_and_change_nothing(aged_store, tmp_path):
    store, source, case = aged_store
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    before = _store_files(store)
    runner = CliRunner()
    for args in (["check", str(article), "--fail-on", "never"], ["data", "list"], ["data", "list", "--format", "json"]):
        result = runner.invoke(app, [*args, "--data-dir", str(store)])
        assert result.exit_code == 0, result.output
        notes = [line for line in result.stderr.splitlines() if line.startswith("factcheck: note: dataset cow")]
        assert len(notes) == (1 if case["missing"] else 0), result.stderr
        if notes:
            assert "older factcheck" in notes[0] and "--replace" in notes[0]
            assert ("2x slower" in notes[0]) == ("by_partner" in case["missing"])
    assert _store_files(store) == before, "a check or a listing rewrote the store"


@pytest.mark.parametrize("aged_store", [CASES[1]], ids=[CASES[1]["name"]], indirect=True)
def test_the_command_the_note_names_completes_the_dataset(aged_store, tmp_path):
    store, source, _ = aged_store
    (note,) = [o.note() for o in Catalog.load(store).outdated_imports()]
    command = shlex.split(note.split("import it again to complete it: ", 1)[1])
    assert command[:3] == ["factcheck", "data", "import"] and command[-1] == "--replace"
    result = CliRunner().invoke(app, [*command[1:], "--data-dir", str(store)])
    assert result.exit_code == 0, result.output
    catalog_module._load_cached.cache_clear()
    catalog = Catalog.load(store)
    assert catalog.outdated_imports() == []
    assert next(b for b in catalog._bulk if b.info.id == "cow").by_partner is not None


@pytest.mark.parametrize("aged_store", [CASES[0]], ids=[CASES[0]["name"]], indirect=True)
def test_a_read_only_outdated_store_is_still_checked(aged_store, tmp_path):
    store, _, _ = aged_store
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE)
    folders = [store, store / "cow", store / "cow-national"]
    modes = {p: p.stat().st_mode for p in folders if p.exists()}
    try:
        for path in modes:
            path.chmod(0o555)
        result = CliRunner().invoke(app, ["check", str(article), "--fail-on", "never", "--data-dir", str(store)])
    finally:
        for path, mode in modes.items():
            path.chmod(mode)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("factcheck: note: dataset cow") == 1
