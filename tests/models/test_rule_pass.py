"""The rule pass skips work only where nothing could be found.

RuleSet.check runs each pattern only on the fields the combined prefilter allows and each
analysis once per field (its findings shared by the rules that name it); some analyses skip
texts or figures that cannot hold a finding. Each is compared here with the path that skips
nothing, on corpus drafts, drafts with injected number errors and every rule example.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

from models.checks import ANALYSES, CHECKS, numfigures, numshares, sensitive
from models.report import Flag
from models.rules.engine import RuleSet, default_rules, run_pattern
from models.rules.findings import report_findings
from models.rules.schema import Example
from models.text import Document
from training.dataset import read_corpus
from training.inject_numbers import INJECTORS, load_drafts


def _texts() -> Iterator[tuple[str, str]]:
    for row in read_corpus()[::8]:
        yield row.get("title") or "", row["body"]
    drafts = load_drafts()[::10]
    for name, inject in INJECTORS.items():
        rng = random.Random(f"rule-pass-{name}")
        for d in drafts:
            made = inject(d["body"], rng)
            if made is not None:
                yield d.get("title") or "", made[0]
    for rule in default_rules().rules:
        for ex in [*rule.examples.bad, *rule.examples.good]:
            ex = Example(body=ex) if isinstance(ex, str) else ex
            yield ex.title, ex.body


def _one_by_one(rules: RuleSet, doc: Document) -> list[Flag]:
    """Every rule alone, nothing skipped: each regex on each of its fields, each findings
    rule calling its analysis, every check."""
    flags: list[Flag] = []
    for rule in rules.rules:
        if rule.type == "pattern":
            flags += run_pattern(rule, doc, rule.fields())
        elif rule.type == "findings":
            flags += report_findings(doc, rule, ANALYSES[rule.analysis or ""], rule.tags)
        elif rule.type == "code":
            flags += CHECKS[rule.id](doc, rule)
    return flags + rules.terms.scan(doc)


def test_check_is_every_rule_alone() -> None:
    rules = default_rules()
    texts = flagged = 0
    kinds: set[str] = set()
    for title, body in _texts():
        doc = Document.from_text(title, body)
        found = rules.check(doc)
        # the same fields (tokenized once), a document of its own
        assert found == _one_by_one(rules, Document(doc.title, doc.body)), body[:40]
        texts += 1
        flagged += len(found)
        kinds |= {f.rule for f in found}
    assert texts > 1500 and flagged > 3000
    assert {r.id for r in rules.rules if r.type in ("pattern", "findings", "code")} <= kinds


def test_share_checks_skip_only_what_holds_nothing() -> None:
    """_pairs counts pairs over the whole text before reading sentences; _kinds passes over a
    total with no 类 after it in its sentence; the implausible-sum check reads the subject of
    the sums beyond the least cap only, not the whole figure model. Each against its
    unskipped form."""
    pair_texts = kind_totals = sums = 0
    for title, body in _texts():
        for norm in (Document.from_text(title, body).body.norm, title):
            # pairs: what the one pass counts is what the passes per sentence find
            per_sentence = sum(
                len(list(numshares._PAIR.finditer(norm, *m.span())))
                for m in re.finditer(r"[^。！？\n]+", norm)
            )
            assert len(list(numshares._PAIR.finditer(norm))) == per_sentence
            pair_texts += per_sentence >= 3
            # kinds: a category's label holds 类 and lies after the total, in its sentence
            figs = numfigures.placed(norm)
            for i, f in enumerate(figs):
                if norm.find("类", f.q.end, f.sentence[1]) < 0:
                    kind_totals += 1
                    assert len(numshares._kind_parts(norm, figs, i)) < 2, norm[:40]
            # implausible sums: the gated findings are those of the whole model
            if "亿" in norm:
                every = tuple(
                    h
                    for f in numfigures.figures(norm)
                    if (h := numfigures._implausible(f.q, f.subject))
                )
                assert numfigures.findings(norm) == every
                sums += bool(every)
    assert pair_texts > 0 and kind_totals > 1000 and sums > 0


def test_id_and_card_checks_skip_only_texts_without_such_a_number() -> None:
    skipped = numbers = 0
    regexes = (sensitive._ID18, sensitive._ID15, sensitive._CARD)
    for title, body in _texts():
        for norm in (Document.from_text(title, body).body.norm, title):
            if sensitive._long_number(norm):
                numbers += any(rx.search(norm) for rx in regexes)
            else:
                skipped += 1
                assert not any(rx.search(norm) for rx in regexes), norm[:40]
    assert skipped > 1000 and numbers > 5
