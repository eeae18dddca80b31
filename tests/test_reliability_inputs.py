"""Issue 12, items 12, 13, 17 (inputs and settings): whatever a user passes, the tool answers with
one line and exit 2 or a correct report; it never hangs, never reads without bound, never
tracebacks, never degrades silently."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factcheck.cli.check as check_module
from factcheck.cli.app import app
from factcheck.document import from_text, read_document
from factcheck.errors import DatasetError, InputError
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture

# -I: the installed package, not the source folder the tests run from (CI installs it non-editable,
# and the bundled data exists only as installed)
FACTCHECK = [sys.executable, "-I", "-c", "from factcheck.cli import main; main()"]


def one_error_line(result, expect: str) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("factcheck: error: "), result.stderr
    assert expect in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr


def invoke(*args):
    return CliRunner().invoke(app, [*map(str, args)])


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Trade was $2 billion in 2023.")
    return path


# -- item 12: the kind and size of a file are checked on the opened file ------------------------
def test_a_fifo_nobody_writes_to_is_refused_at_once(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    run = subprocess.run([*FACTCHECK, str(fifo)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "is not a regular file (a FIFO)" in run.stderr, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_dev_zero_is_refused_without_reading_it():
    """Run in a child limited to 1 GB of memory, so a reader that ignores the limit fails fast
    instead of exhausting the machine."""
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
            "from factcheck.cli import main; main()")
    run = subprocess.run([sys.executable, "-I", "-c", code, "/dev/zero"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "is not a regular file (a character device)" in run.stderr, run.stderr


def test_a_file_that_grows_past_the_limit_is_not_read_whole(tmp_path, monkeypatch):
    """The size is checked on the bytes read, not only by stat: a file that grows (or lies about
    its size) is cut at the limit and refused."""
    path = tmp_path / "a.txt"
    path.write_text("x" * 100)
    real_fstat = os.fstat

    class Small:
        def __init__(self, info):
            self._info = info

        def __getattr__(self, name):
            return 10 if name == "st_size" else getattr(self._info, name)

    monkeypatch.setattr(os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(InputError, match="more than the limit of 50 bytes"):
        read_document(path, max_bytes=50)


# -- item 13: bare-CR line endings ---------------------------------------------------------------
@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"], ids=["cr", "crlf", "lf"])
@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_positions_are_right_whatever_the_line_endings(newline, fmt):
    lines = ["# Trade", "", "Exports were **$2 billion** in 2023.", "", "Imports were $3 billion."]
    source = newline.join(lines) + newline
    doc = from_text(source, "a.md", fmt)
    for surface, line in (("$2 billion", 3), ("$3 billion", 5)):
        start = doc.text.index(surface)
        loc = doc.locate(start, start + len(surface))
        assert source[loc.start:loc.end] == surface and loc.end <= len(source)
        assert (loc.line, loc.end_line) == (line, line)


# -- item 17: clear errors instead of "internal error" --------------------------------------------
def test_an_explicit_symlink_loop_is_one_line(fake_pipeline, tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    one_error_line(invoke("check", loop), "symbolic link loop")


@pytest.mark.parametrize("config, expect", [
    ('[tool.factcheck]\ninclude = [""]\n', "none of them empty"),
    ("tool = 5\n", "tool must be a table"),
    ("[tool]\nfactcheck = 5\n", "must be a table"),
    ("[tool.factcheck.tolerance]\nvalue = nan\n", "must be a number of at least 0"),
])
def test_bad_pyproject_settings_are_one_line(fake_pipeline, tmp_path, config, expect):
    (tmp_path / "pyproject.toml").write_text(config)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.txt").write_text("Trade was $2 billion.")
    one_error_line(invoke("check", folder), expect)


def test_an_empty_include_on_the_command_line_is_one_line(fake_pipeline, tmp_path, article):
    one_error_line(invoke("check", tmp_path, "--include", ""), "none of them empty")


def test_an_unreadable_subfolder_is_an_error_not_skipped(fake_pipeline, tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Trade was $2 billion.")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "b.txt").write_text("Trade was $3 billion.")
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "private":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    one_error_line(invoke("check", tmp_path), "private: folder cannot be read")


def test_prefer_naming_no_dataset_is_one_line(article, tmp_path):
    check_module._CATALOGS.clear()
    (tmp_path / "store").mkdir()
    one_error_line(invoke("check", article, "--prefer", "kotraa", "--data-dir", tmp_path / "store"),
                   "--prefer kotraa: no such dataset")


def test_a_bad_countries_file_is_one_line(tmp_path):
    baci = tmp_path / "BACI_HS92_Y2020_V202401.csv"
    baci.write_text("t,i,j,k,q,v\n2020,156,408,010121,1,2\n")
    countries = tmp_path / "country_codes.csv"
    countries.write_bytes(b"country_code,iso_3digit_alpha\nabc,CHN\n")
    one_error_line(invoke("data", "import", "baci", baci, "--countries", countries, "--data-dir", tmp_path / "s"),
                   "country_code 'abc' is not a number")


def test_extract_errors_are_one_line_even_when_long(tmp_path):
    missing = tmp_path / ("a-very-long-folder-name-" * 6) / "missing.txt"
    run = subprocess.run([*FACTCHECK, "extract", str(missing)], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "COLUMNS": "40"})
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and "no such file" in run.stderr, run.stderr


def test_a_descriptor_that_loading_refuses_fails_validate(tmp_path):
    from factcheck.reference.manage import validate_folder
    from test_reference_validation import make_dataset

    folder = make_dataset(tmp_path, {"descriptor_set": {"factcheck": {"years": "recent"}}})
    with pytest.raises(DatasetError, match="factcheck.years"):
        validate_folder(folder)
