"""Every example of every closed-world rule (factcheck/claims/closed_world.yaml), run through the
whole extract -> claims flow: a `flag` example's marked figure carries that rule's unaccounted
part, a `pass` example's does not."""

from __future__ import annotations

import re

import pytest

from factcheck.claims import find_claims
from factcheck.claims.closed_world import vocabulary
from factcheck.extract import extract

MARK = re.compile(r"\[([^\]]+)\]")


def _cases():
    for rule in vocabulary().raw["rules"]:
        for expectation in ("flag", "pass"):
            for sentence in rule["examples"].get(expectation, []):
                yield pytest.param(rule["id"], expectation, sentence, id=f"{rule['id']}-{expectation}-{sentence[:40]}")


def _claim_at(sentence: str):
    marked = MARK.search(sentence)
    assert marked, f"example has no [marked] figure: {sentence}"
    text = MARK.sub(r"\1", sentence)
    start = marked.start()
    claims = [c for c in find_claims(extract(text), text=text) if c.start == start]
    return claims[0] if claims else None


@pytest.mark.parametrize("rule_id, expectation, sentence", list(_cases()))
def test_closed_world_rule_examples(rule_id, expectation, sentence):
    claim = _claim_at(sentence)
    rules = {part.rule for part in claim.unaccounted} if claim else set()
    if expectation == "flag":
        # Not being read as a claim at all is also "not judged"; a claim must carry the rule.
        assert claim is None or rule_id in rules, f"{rule_id} should flag: {sentence} (flags: {rules})"
    else:
        assert claim is not None, f"the marked figure should be read as a claim: {sentence}"
        assert rule_id not in rules, f"{rule_id} should leave alone: {sentence}"


def test_every_rule_has_examples_of_both_kinds():
    for rule in vocabulary().raw["rules"]:
        assert rule["examples"].get("flag") and rule["examples"].get("pass"), rule["id"]
        assert rule["part"] in ("period", "commodity", "currency", "metric", "partner", "context")
