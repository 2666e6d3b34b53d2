"""The only jieba import. Tokens are computed once per draft and reused everywhere.

The functions here are module-level and named (never lambdas) so that scikit-learn
pipelines that use them can be persisted with skops.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import jieba

USER_DICT = Path(__file__).resolve().parent / "data" / "userdict.txt"
Token = tuple[str, int, int]  # (word, start, end) in code points

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def get_tokenizer() -> jieba.Tokenizer:
    """A private jieba Tokenizer with our domain dictionary (1–2 s once per process)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def tokenize_spans(text: str) -> list[Token]:
    """Tokens with their offsets; whitespace tokens are dropped."""
    return [t for t in get_tokenizer().tokenize(text) if not t[0].isspace()]


def tokenize(text: str) -> list[str]:
    return [t[0] for t in tokenize_spans(text)]


def word_ngrams(joined: str) -> list[str]:
    """Unigrams and bigrams of pre-tokenized text; no bigram spans a "|" separator."""
    words = joined.split(" ") if joined else []
    grams = [w for w in words if w != "|"]
    grams.extend(
        f"{a}_{b}" for a, b in zip(words, words[1:], strict=False) if a != "|" and b != "|"
    )
    return grams


@lru_cache(maxsize=1)
def _tag_table() -> dict[str, str]:
    """jieba's dictionary part-of-speech tags, word -> tag (loaded once, ~0.2 s).

    A look-up for tokens we already have: no second segmentation, unlike jieba.posseg, which
    is 5x slower than a plain cut. Words jieba made up (names, HMM words) have no tag: "".
    """
    import jieba.posseg

    return jieba.posseg.POSTokenizer(get_tokenizer()).word_tag_tab


def pos_tag(word: str) -> str:
    return _tag_table().get(word, "")
