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


# jieba cuts text into blocks of this pattern and segments each block on its own; its HMM
# copies a path per character over a run of unknown characters, so a 100,000-character run
# of one rare character took 38 s. Blocks longer than _MAX_RUN are cut into pieces first:
# no real sentence has a run of 400 characters without punctuation, so real text is
# tokenized exactly as before, and an adversarial run stays linear.
_BLOCK = jieba.re_han_default
_MAX_RUN = 400


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece): `text` cut only inside blocks longer than _MAX_RUN."""
    cuts = [0]
    for m in _BLOCK.finditer(text):
        if m.end() - m.start() > _MAX_RUN:
            cuts.extend(range(m.start() + _MAX_RUN, m.end(), _MAX_RUN))
    cuts.append(len(text))
    return [(a, text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def tokenize_spans(text: str) -> list[Token]:
    """Tokens with their offsets; whitespace tokens are dropped."""
    tokenizer = get_tokenizer()
    return [
        (word, offset + start, offset + end)
        for offset, piece in _pieces(text)
        for word, start, end in tokenizer.tokenize(piece)
        if not word.isspace()
    ]


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

    table: dict[str, str] = jieba.posseg.POSTokenizer(get_tokenizer()).word_tag_tab
    return table


def pos_tag(word: str) -> str:
    return _tag_table().get(word, "")
