"""The only tokenizer imports. Tokens are computed once per draft and reused everywhere.

Segmentation runs on rjieba (a binding of jieba-rs: jieba's dictionary, DAG and HMM in Rust,
about 10x faster than jieba) when it is installed, else on jieba itself. Both load our user
dictionary. Dictionary look-ups (word frequencies, part-of-speech tags) always read jieba's
own tables, which rjieba does not expose.

The two engines agree token for token on the whole bootstrap corpus except where two routes
through the DAG have exactly the same probability (the engines sum the same logarithms in a
different order, so a tie may break the other way): one place in 5,190 texts
(`tests/models/test_tokenize.py` keeps the count). To get there the segmentation is framed the
way jieba frames it: jieba's own block pattern cuts the text, characters outside the blocks
are single tokens, and a non-Chinese run the HMM left whole (2025-04-17) is split at jieba's
HMM skip pattern, as jieba's HMM does.

The functions here are module-level and named (never lambdas) so that scikit-learn
pipelines that use them can be persisted with skops.
"""

from __future__ import annotations

import logging
import os
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import jieba
import jieba.finalseg
import numpy as np

try:  # the accelerated engine is optional: jieba is the fallback
    import rjieba
except ImportError:  # pragma: no cover - exercised when the wheel is missing
    rjieba = None  # type: ignore[assignment]

USER_DICT = Path(__file__).resolve().parent / "data" / "userdict.txt"
Token = tuple[str, int, int]  # (word, start, end) in code points

# GOVBRIEF_TOKENIZER=jieba forces the pure-Python engine (for comparing the two).
ENGINE_ENV = "GOVBRIEF_TOKENIZER"

jieba.setLogLevel(logging.WARNING)


@lru_cache(maxsize=1)
def get_tokenizer() -> jieba.Tokenizer:
    """A private jieba Tokenizer with our domain dictionary (1–2 s once per process).

    It is the fallback segmenter and the source of dictionary look-ups (FREQ, tags)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def _user_words() -> Iterator[tuple[str, int | None, str | None]]:
    """(word, freq, tag) of the user dictionary, read as jieba reads it."""
    for line in USER_DICT.read_text(encoding="utf-8").lstrip("\ufeff").splitlines():
        parts = line.split()
        if parts:
            freq = int(parts[1]) if len(parts) > 1 else None
            yield parts[0], freq, parts[2] if len(parts) > 2 else None


@lru_cache(maxsize=1)
def _fast() -> rjieba.Jieba | None:
    """rjieba with our user dictionary, or None when it is missing or switched off."""
    if rjieba is None or os.environ.get(ENGINE_ENV, "").strip().lower() == "jieba":
        return None
    fast = rjieba.Jieba()
    for word, freq, tag in _user_words():
        fast.add_word(word, freq, tag)
    return fast


def engine() -> str:
    """The segmentation engine in use: "rjieba" or "jieba"."""
    return "rjieba" if _fast() is not None else "jieba"


# jieba cuts text into blocks of this pattern and segments each block on its own; its HMM
# copies a path per character over a run of unknown characters, so a 100,000-character run
# of one rare character took 38 s. Blocks longer than _MAX_RUN are cut into pieces first:
# no real sentence has a run of 400 characters without punctuation, so real text is
# tokenized exactly as before, and an adversarial run stays linear (with either engine).
_BLOCK = jieba.re_han_default
_HMM_HAN = jieba.finalseg.re_han
_HMM_SKIP = jieba.finalseg.re_skip
_MAX_RUN = 400
_ALL_HAN = re.compile(_HMM_HAN.pattern.strip("()"))


def _pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece): `text` cut only inside blocks longer than _MAX_RUN."""
    cuts = [0]
    for m in _BLOCK.finditer(text):
        if m.end() - m.start() > _MAX_RUN:
            cuts.extend(range(m.start() + _MAX_RUN, m.end(), _MAX_RUN))
    cuts.append(len(text))
    return [(a, text[a:b]) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]


def _jieba_spans(text: str) -> list[Token]:
    tokenizer = get_tokenizer()
    return [
        (word, offset + start, offset + end)
        for offset, piece in _pieces(text)
        for word, start, end in tokenizer.tokenize(piece)
        if not word.isspace()
    ]


def _split_skip(word: str, start: int, out: list[Token]) -> None:
    """A non-Chinese run cut as jieba's HMM cuts it: alphanumeric runs (with a decimal part
    and a percent sign) and the text between them."""
    for part in _HMM_SKIP.split(word):
        if part:
            out.append((part, start, start + len(part)))
            start += len(part)


def _block_spans(
    cut: Callable[[str], Iterable[Token]], block: str, base: int, out: list[Token]
) -> None:
    if _ALL_HAN.fullmatch(block):  # every token is Chinese: none to split (most blocks)
        out.extend([(word, base + start, base + end) for word, start, end in cut(block)])
        return
    freq = get_tokenizer().FREQ
    for word, start, end in cut(block):
        if end - start > 1 and not _HMM_HAN.search(word) and not freq.get(word):
            _split_skip(word, base + start, out)
        else:
            out.append((word, base + start, base + end))


def _fast_spans(fast: rjieba.Jieba, text: str) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for m in _BLOCK.finditer(text):
        a, b = m.span()
        # outside jieba's blocks every character but whitespace is a token of its own
        out.extend((text[i], i, i + 1) for i in range(pos, a) if not text[i].isspace())
        for c in range(a, b, _MAX_RUN):
            _block_spans(fast.tokenize, text[c : min(b, c + _MAX_RUN)], c, out)
        pos = b
    out.extend((text[i], i, i + 1) for i in range(pos, len(text)) if not text[i].isspace())
    return out


# Characters jieba-rs counts as Chinese and jieba does not (CJK extension A, U+9FD6..9FFF,
# compatibility ideographs, the supplementary planes): with none of them and no block longer
# than _MAX_RUN, rjieba cuts a whole text into jieba's blocks itself.
_RS_ONLY_HAN = re.compile("[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
# Tried only where a block starts (the lookbehind): from every position, it re-read each block
# from each of its characters, a quadratic walk over every run of Chinese between two commas.
_BLOCK_CLASS = _BLOCK.pattern.strip("()").removesuffix("+")
_LONG_BLOCK = re.compile(f"(?<!{_BLOCK_CLASS}){_BLOCK_CLASS}{{{_MAX_RUN + 1},}}")


# The characters a token may be dropped or split for: whitespace, ASCII other than letters
# and digits. A token holding none of them is kept as rjieba gives it (tests/models/test_tokenize.py).
_ODD = re.compile(r"[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\s]")


# The three character tests above as bits of one table by code point, for long texts: one
# numpy look-up a character instead of three regex scans, each stepping through the text one
# character at a time (~0.57M instructions a 1,500-character draft; tokenizing one went from
# 2.70M to 2.39M, callgrind over 120 drafts).
_IN_BLOCK, _ODD_BIT, _RS_ONLY_BIT = 1, 2, 4
_TABLE_MIN = 200  # characters: below this the regexes cost less than numpy's calls


@lru_cache(maxsize=1)
def _char_table() -> np.ndarray:
    """Each code point's bits, read off the regexes themselves over every code point (~0.3 s
    and 1 MiB, once a process): the table and the regexes cannot disagree."""
    every = "".join(map(chr, range(0x110000)))
    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, regex in ((_IN_BLOCK, _BLOCK), (_ODD_BIT, _ODD), (_RS_ONLY_BIT, _RS_ONLY_HAN)):
        for m in re.finditer(f"(?:{regex.pattern})+", every):
            table[m.start() : m.end()] |= bit
    return table


def load_char_table() -> None:
    """Build the character table now (models.analyze.warm_up): a short check never needs it,
    and the first long one would pay its ~0.3 s."""
    _char_table()


def _framing(text: str) -> tuple[bool, list[int]]:
    """(whether `text` must be cut block by block: a character only jieba-rs counts as Chinese,
    or a block longer than _MAX_RUN; where its odd characters are): what `tokenize_spans` and
    `_whole_spans` read off the regexes, from one look-up a character on a long text."""
    if len(text) < _TABLE_MIN:
        blocks = bool(_RS_ONLY_HAN.search(text)) or (
            len(text) > _MAX_RUN and bool(_LONG_BLOCK.search(text))
        )
        return blocks, [] if blocks else [m.start() for m in _ODD.finditer(text)]
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    bits = _char_table()[codes]
    if (bits & _RS_ONLY_BIT).any():
        return True, []
    if len(text) > _MAX_RUN:
        # the longest run of block characters: the longest gap between two others (or an end)
        others = np.flatnonzero((bits & _IN_BLOCK) == 0)
        if int(np.diff(others, prepend=-1, append=len(text)).max()) > _MAX_RUN + 1:
            return True, []
    odd: list[int] = np.flatnonzero(bits & _ODD_BIT).tolist()
    return False, odd


def _whole_spans(fast: rjieba.Jieba, text: str, odd: list[int] | None = None) -> list[Token]:
    """One rjieba call for the whole text, as `_fast_spans` frames it block by block: same
    blocks, whitespace dropped, a non-Chinese run the HMM left whole split as jieba's HMM does.

    Only the tokens holding an odd character (_ODD: some 50 in a 1,500-character draft, the
    line breaks and the marks in figures; `odd`: where they are, when known) are looked at; the
    runs between them are copied."""
    tokens: list[Token] = fast.tokenize(text)
    if odd is None:
        odd = [m.start() for m in _ODD.finditer(text)]
    if not odd:
        return tokens
    freq = get_tokenizer().FREQ
    starts = list(map(itemgetter(1), tokens))
    out: list[Token] = []
    done = 0  # tokens[:done] are in `out`
    for pos in odd:
        i = bisect_right(starts, pos) - 1  # the token holding `pos`
        if i < done:
            continue  # (a token with several odd characters)
        out += tokens[done:i]
        done = i + 1
        token = tokens[i]
        word, start, end = token
        if end - start == 1:
            if not word.isspace():
                out.append(token)
        # a longer token lies in one block (Chinese and ASCII only here): not ASCII = Chinese;
        # an ASCII letters-and-digits run is one piece of `_split_skip`'s split: kept whole
        elif not word.isascii() or freq.get(word) or word.isalnum():
            out.append(token)
        elif not word.isspace():
            _split_skip(word, start, out)
    out += tokens[done:]
    return out


def tokenize_spans(text: str) -> list[Token]:
    """Tokens with their offsets; whitespace tokens are dropped."""
    fast = _fast()
    if fast is None:
        return _jieba_spans(text)
    blocks, odd = _framing(text)
    return _fast_spans(fast, text) if blocks else _whole_spans(fast, text, odd)


# The headline pass tokenizes short names and phrases (a unit, a topic, a clause's head)
# ~25 times a draft, mostly the same few: those are kept, per engine.
_SHORT = 64


@lru_cache(maxsize=16384)
def _short_words(text: str, engine_name: str) -> tuple[str, ...]:
    return tuple(t[0] for t in tokenize_spans(text))


def tokenize(text: str) -> list[str]:
    if len(text) <= _SHORT:
        return list(_short_words(text, engine()))
    return [t[0] for t in tokenize_spans(text)]


def word_ngrams(joined: str) -> list[str]:
    """Unigrams and bigrams of pre-tokenized text; no bigram spans a "|" separator."""
    return ngrams(joined.split(" ") if joined else [])


def ngrams(words: Sequence[str]) -> list[str]:
    """`word_ngrams` of the tokens themselves (the space-joined text split again)."""
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


_TAGS: dict[str, str] | None = None


def pos_tag(word: str) -> str:
    """The word's dictionary tag ("" for none); read ~150 times a draft by the headline pass,
    so the table is held in a module global rather than asked of the lru_cache each time."""
    global _TAGS
    tags = _TAGS
    if tags is None:
        tags = _TAGS = _tag_table()
    return tags.get(word, "")


def loaded() -> bool:
    """Whether a segmenter's dictionary is in memory (the first tokenization loads it)."""
    return _TAGS is not None or any(
        f.cache_info().currsize for f in (get_tokenizer, _fast, _tag_table)
    )


def unload() -> None:
    """Drop the segmenters' dictionaries (about 50 MiB; the next tokenization loads them
    again): for a process that tokenized a few texts before memory-heavy work (retraining)."""
    global _TAGS
    _TAGS = None
    for f in (get_tokenizer, _fast, _tag_table, _short_words):
        f.cache_clear()
