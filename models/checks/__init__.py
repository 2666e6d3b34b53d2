"""Code-backed checks and the analyses that `findings` rules name: the explicit registry.

`CHECKS` maps a `code` rule's id to its pure `(Document, Rule) -> list[Flag]` function;
`ANALYSES` maps the `analysis:` name of a `findings` rule to a pure `norm -> findings`
function. The rule files in models/rules/data/ carry each rule's message, severity, reference
and examples; models.rules.engine.default_rules() hands both dicts to the RuleSet. Nothing
registers itself on import.
"""

from __future__ import annotations

from collections.abc import Callable

from models.checks import (
    numbers,
    numdates,
    numfigures,
    numforms,
    numgrowth,
    numlists,
    numrates,
    numshares,
    numsums,
    sensitive,
    title,
    wording,
)
from models.report import Flag
from models.rules.findings import Analysis
from models.rules.schema import Rule
from models.text import Document

CHECKS: dict[str, Callable[[Document, Rule], list[Flag]]] = {
    "title.missing": title.title_missing,
    "title.too_long": title.title_too_long,
    "title.no_subject": title.title_no_subject,
    "wording.repeat.word": wording.repeated_word,
    "wording.punctuation.width": wording.mixed_punct_width,
    "sensitive.id_number": sensitive.id_number,
    "sensitive.id_number.old": sensitive.id_number_old,
    "sensitive.bank_card": sensitive.bank_card,
    "sensitive.internal_matter": sensitive.internal_matter,
    "sensitive.person_name": sensitive.person_name,
    "number.fullwidth_digit": numbers.fullwidth_digit,
    "number.magnitude_unit": numbers.magnitude_slip,
    "number.count_mismatch": numbers.count_mismatch,
    "number.percent_mismatch.near": numbers.share_near_miss,
}

ANALYSES: dict[str, Analysis] = {
    "chinese_percents": numbers.chinese_percents,
    "sums": numsums.findings,
    "rates": numrates.findings,
    "growth": numgrowth.findings,
    "lists": numlists.findings,
    "dates": numdates.findings,
    "forms": numforms.findings,
    "shares": numshares.findings,
    "figures": numfigures.findings,
}
