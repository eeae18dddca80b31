"""`factcheck extract` (the DESIGN.md contract) and `factcheck eval extraction`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()
CONTRACT_FIELDS = {"surface", "kind", "value", "value_max", "unit", "start", "end"}


def test_jsonl_writes_one_contract_line_per_input(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "only $2.27 billion in 2023"}\n\n{"id": 7, "text": "97%"}\n', "utf-8")
    result = runner.invoke(app, ["extract", "--jsonl", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", 7]
    first = lines[0]["quantities"]
    assert all(set(q) == CONTRACT_FIELDS for q in first)
    assert [(q["kind"], q["value"], q["unit"]) for q in first] == [("money", 2.27e9, "USD"), ("year", 2023.0, "year")]
    assert lines[1]["quantities"][0]["unit"] == "percent"


def test_file_as_json_has_source_positions(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nExports fell 51% last year.\n", "utf-8")
    result = runner.invoke(app, ["extract", str(article), "--format", "json", "--as-of", "2025-01-01"])
    assert result.exit_code == 0, result.output
    quantities = json.loads(result.output)["quantities"]
    assert (quantities[0]["surface"], quantities[0]["line"], quantities[0]["column"]) == ("51%", 3, 14)
    assert quantities[0]["direction"] == "down"
    assert quantities[1]["value"] == 2024.0


def test_file_as_table(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("about 97% of exports", "utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0 and "97%" in result.output and "about" in result.output


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", "utf-8")
    for args in (["extract", "--jsonl", str(bad)], ["extract", str(tmp_path / "missing.txt")], ["extract"],
                 ["extract", str(bad), "--format", "nosuch"], ["extract", str(bad), "--as-of", "yesterday"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_eval_extraction_meets_the_issue_targets(peer_suites: Path) -> None:
    result = runner.invoke(app, ["eval", "extraction", str(peer_suites), "--format", "json"])
    assert result.exit_code == 0, result.output
    suites = {s["suite"]: s for s in json.loads(result.output)["suites"]}
    assert suites["rt_currency"]["categories"]["money"]["f1"] >= 0.95
    assert suites["rt_percent"]["categories"]["percent"]["f1"] >= 0.95
    assert suites["rt_percent_mode"]["categories"]["percent"]["f1"] >= 0.95
    assert suites["q3_quantities"]["money_percent"]["f1"] >= 0.95
    assert suites["rt_years"]["categories"]["date"]["f1"] >= 0.95


def test_eval_extraction_lists_misses(peer_suites: Path) -> None:
    result = runner.invoke(app, ["eval", "extraction", str(peer_suites), "--misses"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "missed" in result.output or "spurious" in result.output


def test_eval_extraction_missing_folder_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "extraction", str(tmp_path / "none")])
    assert result.exit_code == 2


def test_scorer_matches_by_category_currency_and_half_percent() -> None:
    from factcheck.evaluate.extraction import SuiteScore, score_case

    case = {"id": "x", "text": "$100 and 5% and 2023", "scope": ["money", "percent"],
            "quantities": [{"value": 100.4, "unit": "USD", "category": "money"},
                           {"value": 5.0, "unit": "percent", "category": "percent"},
                           {"value": 7.0, "unit": "EUR", "category": "money"}]}
    score = SuiteScore("t")
    score_case(case, "t", score)
    assert (score.by_category["money"].tp, score.by_category["money"].fn) == (1, 1)
    assert score.by_category["percent"].tp == 1
    assert "date" not in score.by_category  # years are out of this line's scope


def _many_lines(path: Path, count: int, bad_at: int | None = None) -> None:
    """`count` input lines, several batches' worth, of varied figures (every line different)."""
    rows = []
    for i in range(count):
        text = f"Exports rose {i % 97}% to ${i / 10:.1f} billion in {1950 + i % 70}, about a third of the total."
        rows.append("not json" if i == bad_at else json.dumps({"id": i, "text": text}))
    path.write_text("\n".join(rows) + "\n", "utf-8")


def test_jsonl_with_workers_writes_what_one_process_writes_in_input_order(tmp_path: Path) -> None:
    from factcheck.cli.extract import JSONL_BATCH

    source = tmp_path / "in.jsonl"
    _many_lines(source, JSONL_BATCH * 3 + 7)
    alone = runner.invoke(app, ["extract", "--jsonl", str(source), "--jobs", "1"])
    spread = runner.invoke(app, ["extract", "--jsonl", str(source), "--jobs", "2"])
    assert alone.exit_code == spread.exit_code == 0, spread.output
    assert spread.output == alone.output
    ids = [json.loads(line)["id"] for line in spread.output.splitlines()]
    assert ids == list(range(JSONL_BATCH * 3 + 7))


def test_jsonl_bad_line_late_in_a_spread_run_is_one_line_and_exit_2(tmp_path: Path) -> None:
    from factcheck.cli.extract import JSONL_BATCH

    source = tmp_path / "in.jsonl"
    _many_lines(source, JSONL_BATCH * 3, bad_at=JSONL_BATCH * 2 + 5)
    for jobs in ("1", "2", "auto"):
        result = runner.invoke(app, ["extract", "--jsonl", str(source), "--jobs", jobs])
        assert result.exit_code == 2, jobs
        assert "Traceback" not in result.output
        assert f"in.jsonl:{JSONL_BATCH * 2 + 6}: not a JSON line" in result.output


def test_jsonl_jobs_must_be_a_number_or_auto(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _many_lines(source, 3)
    for jobs in ("0", "many"):
        result = runner.invoke(app, ["extract", "--jsonl", str(source), "--jobs", jobs])
        assert result.exit_code == 2, jobs
        assert "--jobs" in result.output
