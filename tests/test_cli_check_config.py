"""Config files: `.factcheck.toml` or `[tool.factcheck]` in pyproject.toml, found upward from each
file; the command line overrides them; unknown keys are an error."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from factcheck.cli.app import app
from factcheck.cli.config import CONFIG_KEYS, Settings, find_config, settings_for
from factcheck.report import formats
from test_cli_check_formats import fake_pipeline  # noqa: F401 - fixture


def invoke(*args):
    return CliRunner().invoke(app, ["check", *map(str, args)])


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_dotfile_settings_apply_and_cli_overrides(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # format and fail-on are run-level: the config of the folder run in
    write(tmp_path / ".factcheck.toml", 'fail-on = "never"\nformat = "json"\n')
    article = write(tmp_path / "drafts" / "a.txt", "Exports were $6 billion.")
    result = invoke(article)
    assert result.exit_code == 0 and json.loads(result.stdout)["summary"]["contradicted"] == 1
    result = invoke(article, "--fail-on", "contradicted", "--format", "markdown")
    assert result.exit_code == 1 and result.stdout.startswith("**factcheck**")


def test_pyproject_table_and_every_key(fake_pipeline, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", """
[project]
name = "newsroom"

[tool.factcheck]
fail-on = "approximate"
format = "json"
prefer = ["kotra"]
include = ["*.md"]
exclude = ["skip*"]
as-of = 2024-06-30

[tool.factcheck.tolerance]
value = 0.1
points = 3
about = 0.08
""")
    write(tmp_path / "a.md", "Trade was $4 billion.")
    write(tmp_path / "skip.md", "Trade was $6 billion.")
    write(tmp_path / "b.txt", "Trade was $6 billion.")
    result = invoke(tmp_path)
    assert result.exit_code == 1  # approximate fails at fail-on = approximate
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(tmp_path / "a.md")]
    path, settings, catalog = fake_pipeline[0]
    assert settings.tolerances.value == 0.1 and settings.tolerances.points == 3.0 and settings.tolerances.about == 0.08
    assert settings.as_of == dt.date(2024, 6, 30) and catalog.prefer == ("kotra",)


def test_nearest_config_wins_per_file(fake_pipeline, tmp_path):
    write(tmp_path / ".factcheck.toml", "[tolerance]\nvalue = 0.2\n")
    write(tmp_path / "desk" / ".factcheck.toml", "[tolerance]\nvalue = 0.01\n")
    top = write(tmp_path / "top.txt", "Trade was $2 billion.")
    desk = write(tmp_path / "desk" / "story.txt", "Trade was $2 billion.")
    invoke(top, desk, "-f", "json")
    tolerances = {path: settings.tolerances.value for path, settings, _ in fake_pipeline}
    assert tolerances == {str(top): 0.2, str(desk): 0.01}


def test_unknown_key_is_a_clear_error(fake_pipeline, tmp_path):
    write(tmp_path / ".factcheck.toml", 'fail_on = "never"\n')
    article = write(tmp_path / "a.txt", "Trade was $2 billion.")
    result = invoke(article)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown key(s) fail_on" in result.stderr


def test_bad_values_and_bad_toml(fake_pipeline, tmp_path):
    article = write(tmp_path / "a.txt", "Trade was $2 billion.")
    for text, expect in [('format = "pdf"', "format must be one of"), ("[tolerance]\nvalue = -1", "at least 0"),
                         ("prefer = 3", "prefer must be a string"), ("fail-on = ", "not valid TOML")]:
        write(tmp_path / ".factcheck.toml", text)
        result = invoke(article)
        assert result.exit_code == 2 and expect in result.stderr, (text, result.stderr)


def test_pyproject_without_a_factcheck_table_is_skipped(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config(write(tmp_path / "a.txt", "")) is None or find_config(tmp_path / "a.txt").parent != tmp_path


def test_explicit_config_replaces_discovery(tmp_path):
    write(tmp_path / ".factcheck.toml", 'format = "json"\n')
    explicit = write(tmp_path / "ci.toml", 'format = "sarif"\n')
    settings = settings_for(tmp_path / "a.txt", explicit, {}, formats())
    assert settings.format == "sarif" and settings.source == str(explicit)
    assert settings_for(tmp_path / "a.txt", None, {"format": "github"}, formats()).format == "github"


def test_defaults():
    assert Settings().fail_on == "contradicted" and Settings().format == "terminal"
    assert set(CONFIG_KEYS) >= {"fail-on", "format", "prefer", "include", "exclude", "as-of"}
