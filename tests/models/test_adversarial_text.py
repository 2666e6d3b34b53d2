"""No input makes analysis blow up: every step stays roughly linear on adversarial text.

One anonymous check of 100,000 digits once froze a worker for 144 s (a regex backtracking
quadratically over the digit run) and 100,000 copies of one rare character took jieba's HMM
38 s. This test runs every stage of the analysis (tokenizing, each rule, the term scan, the
genre features, headline suggestions) on long runs of one character or a short unit and
checks how the time grows from N to 4N characters: a linear step grows about 4x, a quadratic
one about 16x. It is a guard against blow-ups, not a benchmark: the bounds are loose, small
times are ignored, and a suspect case is measured again on fresh text before it fails.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from models.genre import genre_tokens
from models.headlines import suggest_with_note
from models.rules.engine import default_rules
from models.text import Document

pytestmark = pytest.mark.heavy  # fits models or measures over the corpus: not in make test-fast

SMALL, BIG = 5_000, 20_000
GROWTH_LIMIT = 10.0  # 4x the input: linear ~4x, quadratic ~16x
FLOOR = 0.03  # seconds at BIG below which growth is noise
PER_CHAR = 50e-6  # and never more than 50 µs per character for one stage

# runs of one character or a short unit: digits, numerals, units, punctuation, rare CJK
UNITS = [
    *'1０一十万年月日号%.，。、；:（）《》〔是会的测龘a -～—“"…',
    *("\n", "1.", "1,", "1年", "一是", "，1", "1%", "10月", "1、", "(1)", "1万", "1-", "一、"),
    *("1人", "占1%", "其中1", "全县1", "1户1人", "约1", "（1）", "一是1", "《1》", "1.1"),
    *("1,000", "共1", "达1，", "建议", "记者", "“1", "问题", "调研"),
]


def _stages(title: str, body: str) -> dict[str, Callable[[], object]]:
    rules = default_rules()
    doc = Document.from_text(title, body)
    stages: dict[str, Callable[[], object]] = {
        "tokenize": lambda: (doc.title.tokens, doc.body.tokens, doc.body.sentences)
    }
    for rule in rules.rules:
        if rule.type in ("pattern", "findings", "code"):
            stages[rule.id] = lambda rule=rule: rules.run(rule, doc)
    stages["terms"] = lambda: rules.terms.scan(doc)
    stages["genre"] = lambda: genre_tokens(doc.body.words, doc.body.words, doc.title.words)
    stages["headlines"] = lambda: suggest_with_note(doc, "dynamic", news=False)
    return stages


def _times(unit: str, n: int, field: str, salt: int) -> dict[str, float]:
    """Seconds per stage on a run of `unit` of about n characters in `field`.

    `salt` makes the text new, so no per-text cache carries over between measurements."""
    text = "\n" * salt + unit * (n // len(unit))
    title, body = (text, "正文。") if field == "title" else ("标题", text)
    out = {}
    # CPU time of this process, not wall time: other work on a shared machine (the rest of the
    # suite, parallel jobs) must not make a linear stage look quadratic
    for name, run in _stages(title, body).items():  # in order: caches fill as in analyze()
        start = time.process_time()
        run()
        out[name] = time.process_time() - start
    return out


def _suspects(small: dict[str, float], big: dict[str, float]) -> list[str]:
    return [
        name
        for name, t in big.items()
        if t > FLOOR
        and (t / max(small[name], FLOOR / GROWTH_LIMIT) > GROWTH_LIMIT)
        or t > PER_CHAR * BIG
    ]


@pytest.mark.parametrize("field", ["body", "title"])
@pytest.mark.parametrize("unit", UNITS)
def test_every_stage_grows_linearly(unit: str, field: str) -> None:
    small, big = _times(unit, SMALL, field, 0), _times(unit, BIG, field, 0)
    suspects = _suspects(small, big)
    for salt in (1, 2):  # measure again on fresh text: a loaded machine must not fail this
        if not suspects:
            break
        small2, big2 = _times(unit, SMALL, field, salt), _times(unit, BIG, field, salt)
        small = {k: min(v, small2[k]) for k, v in small.items()}
        big = {k: min(v, big2[k]) for k, v in big.items()}
        suspects = _suspects(small, big)
    assert not suspects, {s: (round(small[s], 3), round(big[s], 3)) for s in suspects}
