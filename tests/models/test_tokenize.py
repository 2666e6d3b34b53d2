"""The accelerated segmenter (rjieba) against jieba: same tokens, same offsets.

The whole bootstrap corpus is cut by both engines; they may disagree only where two routes
through jieba's DAG have exactly the same probability (a tie each engine breaks its own way),
and the number of such places is pinned, so a new rjieba or dictionary that moves tokens fails
here instead of silently moving rule or model figures.
"""

from __future__ import annotations

import difflib
import math

import pytest

from models import tokenize as tk
from training.dataset import read_corpus

pytestmark = pytest.mark.skipif(tk.rjieba is None, reason="rjieba not installed")

# Measured: the engines disagree at one place in 5,190 texts. Over 自购自建 the routes
# 自|购自|建 and 自购|自|建 are equally likely (both log(3·33152·11608) by jieba's counts);
# jieba takes the first, jieba-rs the second and its HMM then joins 自|建 into 自建.
KNOWN_DIFFERENCES = [(("自", "购自", "建"), ("自购", "自建"))]


def _is_tie(a: list[str], b: list[str]) -> bool:
    """Two segmentations of one span made only of dictionary words, equally likely."""
    freq = tk.get_tokenizer().FREQ
    if len(a) != len(b) or not all(freq.get(w) for w in a + b):
        return False
    return math.isclose(
        sum(math.log(freq[w]) for w in a), sum(math.log(freq[w]) for w in b), abs_tol=1e-9
    )


def test_known_difference_is_a_tie() -> None:
    assert _is_tie(["自", "购自", "建"], ["自购", "自", "建"])


def test_engine_is_rjieba_by_default() -> None:
    assert tk.engine() == "rjieba"


@pytest.mark.heavy  # cuts the whole corpus twice: in make test, not in make test-fast
def test_whole_corpus_same_tokens_as_jieba() -> None:
    fast = tk._fast()
    differences = []
    for row in read_corpus():
        for text in (row.get("title") or "", row["body"]):
            want, got = tk._jieba_spans(text), tk._fast_spans(fast, text)
            if want == got:
                continue
            a, b = [t[0] for t in want], [t[0] for t in got]
            matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
            for op, i1, i2, j1, j2 in matcher.get_opcodes():
                if op != "equal":
                    differences.append((tuple(a[i1:i2]), tuple(b[j1:j2])))
    assert differences == KNOWN_DIFFERENCES


@pytest.mark.parametrize(
    "text",
    [
        "2025年1-5月增长3.5%，GDP达1.2万亿元，编号LT-2025-0043",  # HMM skip pattern
        "张𬱖同志在㐀村调研，䶮龘靐齉",  # characters outside jieba's blocks
        "C++与C#培训，A-1号楼、B2栋，ab-cd_ef.gh&ij+kl#mn%",
        "abc def\r\nghi\u3000全角空格\u00a0后",  # whitespace is dropped
        "一是要抓落实。二是强化网格员、河长制。😀",  # user dictionary words
        "1.5.与.5及100%%、x.5y，2024—2025年，1,000万元，¥12.5，3‰",
        "中华人民共和国国务院办公厅关于印发" * 40,  # blocks longer than the HMM bound
        "龘" * 1000,
    ],
)
def test_edge_cases_same_tokens_as_jieba(text: str) -> None:
    assert tk._fast_spans(tk._fast(), text) == tk._jieba_spans(text)


def test_user_dictionary_loaded() -> None:
    assert [w for w, _, _ in tk.tokenize_spans("乡村振兴要抓好网格员队伍")][:1] == ["乡村振兴"]
    assert "网格员" in tk.tokenize("乡村振兴要抓好网格员队伍")


def test_jieba_fallback_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tk.ENGINE_ENV, "jieba")
    tk._fast.cache_clear()
    try:
        assert tk.engine() == "jieba"
        assert tk.tokenize_spans("某县新建村级卫生室12个") == tk._jieba_spans(
            "某县新建村级卫生室12个"
        )
    finally:
        monkeypatch.delenv(tk.ENGINE_ENV)
        tk._fast.cache_clear()
    assert tk.engine() == "rjieba"


def test_short_texts_kept_per_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "某县新建村级卫生室12个"
    words = tk.tokenize(text)
    assert words == [w for w, _, _ in tk.tokenize_spans(text)]
    words.append("改动")  # the caller's list is its own: the kept tuple is untouched
    assert tk.tokenize(text) == [w for w, _, _ in tk.tokenize_spans(text)]
    long_text = "村级卫生室" * 20  # longer than _SHORT: never kept
    info = tk._short_words.cache_info()
    assert tk.tokenize(long_text) == [w for w, _, _ in tk.tokenize_spans(long_text)]
    after = tk._short_words.cache_info()
    assert (after.hits, after.misses, after.currsize) == (info.hits, info.misses, info.currsize)
    monkeypatch.setenv(tk.ENGINE_ENV, "jieba")
    tk._fast.cache_clear()
    try:  # the other engine's tokens are not served from the rjieba entries
        before = tk._short_words.cache_info().misses
        assert tk.tokenize(text) == [w for w, _, _ in tk._jieba_spans(text)]
        assert tk._short_words.cache_info().misses == before + 1
    finally:
        monkeypatch.delenv(tk.ENGINE_ENV)
        tk._fast.cache_clear()


def test_long_block_test_as_the_plain_pattern() -> None:
    """`_LONG_BLOCK` (tried only where a block starts) finds a block longer than _MAX_RUN
    exactly when the plain repeat of the block class does."""
    import random
    import re

    plain = re.compile(tk._BLOCK.pattern.strip("()").replace("]+", f"]{{{tk._MAX_RUN + 1},}}"))
    rng = random.Random(15)
    texts = [r["body"] for r in read_corpus()[::7]]
    for _ in range(2000):
        n = rng.choice([0, 1, 399, 400, 401, 402, 900])
        text = "".join(rng.choices("中文ab12._%-", k=n))
        cut = rng.randrange(n + 1)
        texts += [text, text[:cut] + rng.choice("，。 \n") + text[cut:], "，" + text + "。"]
    found = 0
    for text in texts:
        expected = bool(plain.search(text))
        assert (len(text) > tk._MAX_RUN and bool(tk._LONG_BLOCK.search(text))) == expected
        found += expected
    assert found > 500


def test_whole_text_call_frames_odd_tokens_as_block_by_block() -> None:
    """`_whole_spans` copies the runs between odd characters (whitespace, ASCII other than
    letters and digits) whole and looks only at the tokens holding one: random mixes of those
    with Chinese and alphanumerics give what `_fast_spans` gives block by block."""
    import random

    from models.text import normalize

    fast = tk._fast()
    if fast is None:
        pytest.skip("rjieba is not installed")
    rnd = random.Random(7)
    alphabet = list(
        "县市推进工作开展12.5%３０ａＢ \n\t\u3000\u2003+#&._%-—，。、（）ab AB_x/\\:;@!?\"'“”"
    )
    for _ in range(2000):
        text = normalize("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60))))
        assert tk._whole_spans(fast, text) == tk._fast_spans(fast, text), text


def test_odd_characters_are_whitespace_and_ascii_other_than_alphanumerics() -> None:
    """`_whole_spans` looks only at tokens holding an `_ODD` character: over every code point,
    exactly those its per-token test can drop or split for."""
    import sys

    for i in range(sys.maxunicode + 1):
        c = chr(i)
        expected = c.isspace() or (c.isascii() and not c.isalnum())
        assert bool(tk._ODD.match(c)) == expected, hex(i)


def _framing_by_regex(text: str) -> tuple[bool, list[int]]:
    blocks = bool(tk._RS_ONLY_HAN.search(text)) or (
        len(text) > tk._MAX_RUN and bool(tk._LONG_BLOCK.search(text))
    )
    return blocks, [] if blocks else [m.start() for m in tk._ODD.finditer(text)]


def test_framing_of_a_long_text_by_table_as_by_the_regexes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`_framing` reads a long text off its character table: the same answer as the regexes
    (block by block or not; where the odd characters are) on the corpus and on random mixes
    with blocks of 400/401 characters, characters only jieba-rs counts as Chinese, surrogates."""
    import random

    rng = random.Random(15)
    texts = [r["body"] for r in read_corpus()[::5]]
    alphabet = list("中文ab12._%-，。 \n\t\u3000\u2003+#&㐀\u9fd6\uf900𠀀\ud800—、（）ａ")
    for _ in range(600):
        n = rng.choice([0, 1, 199, 200, 399, 400, 401, 402, 900])
        block = "".join(rng.choices("中文ab12._%-", k=n))
        cut = rng.randrange(n + 1)
        texts += [
            "".join(rng.choices(alphabet, k=n)),
            block,
            block[:cut] + rng.choice("，。 \n") + block[cut:],
            "，" + block + "。",
        ]
    monkeypatch.setattr(tk, "_TABLE_MIN", 0)  # every text by the table
    blocks = 0
    for text in texts:
        expected = _framing_by_regex(text)
        assert tk._framing(text) == expected, text[:40]
        blocks += expected[0]
    assert 300 < blocks < len(texts) - 300


def test_warm_up_builds_the_character_table() -> None:
    """The first long draft does not pay for the table: the service's warm-up builds it."""
    from models.analyze import warm_up

    tk._char_table.cache_clear()
    warm_up()
    assert tk._char_table.cache_info().currsize == 1
