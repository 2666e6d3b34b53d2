"""Genre counts (models.genre): the split count of the patterns that open on the text's start or
a mark equals the plain regex count."""

from __future__ import annotations

import random

import pytest

from models.genre import _COUNTED, _FINITE, _FURNITURE, _FURNITURE_STRINGS, _SPLIT, count_of, counts
from training.dataset import read_corpus

_ALPHABET = list("。：:；;！？”）)一二三四五六七八九十、，,0123456789.．-—－某县") + ["\n", " "]


def test_split_patterns_are_the_three_listed() -> None:
    assert sorted(_SPLIT) == ["dash", "head", "num"]


@pytest.mark.parametrize("name", sorted(_SPLIT))
def test_split_count_equals_findall(name: str) -> None:
    rnd = random.Random(name)
    texts = [r["body"] for r in read_corpus()[::3]]
    texts += ["".join(rnd.choices(_ALPHABET, k=rnd.randint(1, 25))) for _ in range(5000)]
    texts += ["一、某县", "1、某县", "--某县", "。二、三、", "：1.2、", "一、。二、", "2.5倍"]
    rx = _COUNTED[name]
    assert [count_of(name, t) for t in texts] == [len(rx.findall(t)) for t in texts]
    assert any(count_of(name, t) for t in texts)


def test_date_count_by_month_equals_findall() -> None:
    """`date` is counted by its 月 (models.genre._BY_MONTH): the same count as the pattern."""
    rnd = random.Random("date")
    alphabet = list("0123456789１２月日上下午晚，。年") + ["\n"]
    texts = [r["body"] for r in read_corpus()[::3]]
    texts += ["".join(rnd.choices(alphabet, k=rnd.randint(1, 30))) for _ in range(20000)]
    texts += ["1月23月4日", "12月12日上午3月4日", "123月4日", "5月1日晚6月7日", "2024年10月15日"]
    rx = _COUNTED["date"]
    assert [count_of("date", t) for t in texts] == [len(rx.findall(t)) for t in texts]
    assert sum(count_of("date", t) for t in texts) > 300


def test_counts_from_one_scan_equal_each_count() -> None:
    """`counts` (the finite patterns from one Aho-Corasick pass, models.literals; the others
    behind a string they need) equals count_of, pattern by pattern, and finds _FURNITURE."""
    assert {"head", "sub", "dash", "enum", "measure", "problem", "said"} <= set(_FINITE)
    rnd = random.Random("counts")
    strings = [s for v in [*_FINITE.values(), _FURNITURE_STRINGS] for s in v]
    pieces = rnd.sample(strings, 400) + list("。：；”建议应要尽快“说0123456789、.") + ["\n"]
    texts = [r["body"] for r in read_corpus()[::2]]
    texts += ["".join(rnd.choices(pieces, k=rnd.randint(1, 30))) for _ in range(5000)]
    texts += ["1、某县", "1.某县。2.", "建议应", "“" + "某" * 12 + "”", "", "一、二、（一）"]
    for text in texts:
        found, furniture = counts(text)
        assert found == {name: count_of(name, text) for name in _COUNTED}, text
        assert furniture == bool(_FURNITURE.search(text)), text
    assert sum(counts(t)[1] for t in texts) > 50
