"""ONE test over every rule's examples: each bad example raises the rule, no good one does."""

from __future__ import annotations

import pytest

from models.checks import ANALYSES, CHECKS
from models.custom_terms import CustomTerms
from models.rules.engine import RuleSet, default_rules
from models.rules.schema import Example, Rule
from models.text import Document

RULES = default_rules()


def _doc(rule: Rule, example: Example | str) -> tuple[Document, str | None]:
    if isinstance(example, str):
        if rule.field == "title":
            return Document.from_text(example, "正文。"), None
        return Document.from_text("", example), None
    return Document.from_text(example.title, example.body), example.flagged


def _cases():
    for rule in RULES.rules:
        for i, ex in enumerate(rule.examples.bad):
            yield pytest.param(rule, ex, True, id=f"{rule.id}-bad{i}")
        for i, ex in enumerate(rule.examples.good):
            yield pytest.param(rule, ex, False, id=f"{rule.id}-good{i}")


@pytest.mark.parametrize(("rule", "example", "bad"), list(_cases()))
def test_rule_example(rule: Rule, example: Example | str, bad: bool) -> None:
    doc, flagged = _doc(rule, example)
    found = CustomTerms.of_rule(rule).scan(doc) if rule.type == "dictionary" else RULES.check(doc)
    hits = [f for f in found if f.rule == rule.id]
    for f in hits:
        assert doc.field(f.field).text[f.start : f.end] == f.text
    if bad:
        assert hits, f"{rule.id} missed a bad example"
        if flagged is not None:
            assert flagged in [f.text for f in hits], [f.text for f in hits]
    else:
        assert not hits, f"{rule.id} flagged a good example: {[f.text for f in hits]}"


def test_registry_and_rule_files_agree() -> None:
    """Every check belongs to a code rule and every analysis serves a findings rule: a
    renamed rule id cannot leave its check behind unused."""
    code = {r.id for r in RULES.rules if r.type == "code"}
    assert set(CHECKS) == code
    assert {r.analysis for r in RULES.rules if r.type == "findings"} == set(ANALYSES)


def test_ids_start_with_the_kind() -> None:
    assert [r.id for r in RULES.rules if not r.id.startswith(f"{r.kind}.")] == []


def test_a_rule_without_its_code_is_refused() -> None:
    """The registry is handed in: a code or findings rule whose function is missing fails at
    load, not silently at check time."""
    code = RULES.by_id["sensitive.bank_card"]
    findings = RULES.by_id["number.percent_mismatch"]
    with pytest.raises(ValueError, match="sensitive.bank_card has no check"):
        RuleSet([code], {}, ANALYSES)
    with pytest.raises(ValueError, match="unknown analysis: rates"):
        RuleSet([findings], CHECKS, {})
    assert RuleSet([code, findings], CHECKS, ANALYSES).runs.keys() == {code.id, findings.id}
