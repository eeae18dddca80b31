"""End to end on the example article, driven by its gold annotation (claims/*.gold.yaml).

Runs the installed console script from a temporary folder, as a user would after `pip install .`,
so it also proves the bundled reference data is found outside the checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE_ARTICLE

GOLD = yaml.safe_load(EXAMPLE_ARTICLE.with_suffix(".gold.yaml").read_text("utf-8"))


def factcheck_command() -> list[str]:
    script = shutil.which("factcheck") or str(Path(sys.executable).with_name("factcheck"))
    return [script]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("elsewhere")
    result = subprocess.run(factcheck_command() + [str(EXAMPLE_ARTICLE), "--format", "json"],
                            cwd=cwd, capture_output=True, text=True, timeout=300)
    return result


@pytest.fixture(scope="module")
def report(run):
    assert run.stdout, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def claims_by_position(report):
    (document,) = report["documents"]
    return {(c["span"]["line"], c["span"]["column"]): c for c in document["claims"]}


def test_exit_code_is_1_because_a_claim_is_contradicted(run):
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr


def test_report_follows_the_json_contract(report):
    assert report["schema"] == "factcheck.report/1"
    assert report["tool"]["name"] == "factcheck"
    assert report["datasets"] and all({"id", "title", "version", "sha256"} <= set(d) for d in report["datasets"])
    summary = report["summary"]
    assert summary["claims"] == sum(summary[v] for v in ("supported", "approximate", "contradicted", "unverifiable"))


@pytest.mark.parametrize("gold", GOLD["claims"], ids=[f"{c['line']}:{c['column']} {c['surface']}" for c in GOLD["claims"]])
def test_each_gold_claim_is_found_where_it_stands_with_its_verdict(gold, claims_by_position):
    claim = claims_by_position.get((gold["line"], gold["column"]))
    assert claim is not None, f"no claim reported at {gold['line']}:{gold['column']} ({gold['surface']})"
    text = EXAMPLE_ARTICLE.read_text("utf-8")
    assert text[claim["span"]["start"]:claim["span"]["end"]] == gold["surface"]
    assert claim["verdict"] == gold["verdict"], claim["explanation"]
    for key in ("metric", "reporter", "partner", "flow"):
        if gold.get(key) is not None:
            assert claim[key] == gold[key], key
    if gold["verdict"] in ("supported", "approximate", "contradicted"):
        assert claim["expected"]["citation"] and claim["expected"]["dataset"]


def test_97_percent_of_exports_is_flagged_as_the_import_share(claims_by_position):
    shares = [c for c in claims_by_position.values() if c["quantity"] and c["quantity"]["surface"].endswith("97%")]
    assert len(shares) == 4
    for claim in shares:
        assert claim["verdict"] == "contradicted"
        assert claim["expected"]["value"] == pytest.approx(74.0)
        assert "Factbook" in claim["expected"]["citation"]
        assert any("imports" in alt["description"] for alt in claim["alternatives"]), claim["alternatives"]


def test_2_27_billion_is_checked_against_china_customs(claims_by_position):
    (claim,) = [c for c in claims_by_position.values() if c["quantity"] and c["quantity"]["surface"] == "$2.27 billion"]
    assert claim["verdict"] in ("supported", "approximate")
    assert claim["expected"]["value"] == pytest.approx(2.3e9)
    assert "customs" in claim["expected"]["citation"].lower() or "GACC" in claim["expected"]["citation"]
    assert claim["period"] == {"start": 2023, "end": 2023, "assumed": False}
    assert claim["quantity"]["low"] == pytest.approx(2.265e9) and claim["quantity"]["high"] == pytest.approx(2.275e9)


@pytest.mark.parametrize("item", GOLD["non_claims"], ids=[f"{n['line']}:{n['column']} {n['surface']}" for n in GOLD["non_claims"]])
def test_page_furniture_is_not_reported(item, claims_by_position):
    assert (item["line"], item["column"]) not in claims_by_position
