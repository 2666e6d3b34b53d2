"""Fast, exact equivalents of the classifier's text features, for training on many drafts.

`models.classify` defines the features: `classifier_text` turns a draft's tokens into one
string (training.dataset.Item keeps it: the compact form of a draft), and a TfidfVectorizer over
`models.tokenize.word_ngrams` counts its unigrams and bigrams. scikit-learn counts them one
Python dict operation at a time (60 s for 50,000 drafts on this machine) and holds every
draft's gram strings at once, so training computes the very same matrices with arrays:

- drafts are read in batches of BATCH; a batch's tokens are numbered through one dict (token
  strings exist for one draft at a time), a bigram is one int64, and the batch becomes a sparse
  count matrix over its sorted feature codes, then over all batches' codes (np.unique of
  the batches' code arrays; no dict of features): memory is the count matrix, never strings;
- document frequencies, the min_df/max_df cut and scikit-learn's column order (sorted names)
  are then numpy operations on those ids, and the batches are renumbered and stacked;
- the fitted vectorizer is an ordinary `CompactTfidfVectorizer` with the vocabulary and idf
  scikit-learn would have learnt, so serving uses scikit-learn's own `transform`;
- tests compare vocabulary, idf and matrices with scikit-learn's fit on the corpus.

What this module cannot reproduce exactly (another analyzer, max_features, binary counts)
goes to scikit-learn unchanged.
"""

from __future__ import annotations

import ctypes
import pickle
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from itertools import chain, islice
from numbers import Integral

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from models.classify import (
    SEPARATOR,
    classifier_head,
    classifier_tail,
    classifier_text,
    content_token,
)
from models.genre import LEAD_TOKENS
from models.tokenize import word_ngrams

BATCH = 4096  # drafts per batch
_MERGE_EVERY = 16  # batches whose feature codes are merged into the sorted codes seen at once
_HIGH = 32  # a bigram a, b is ((a + 1) << _HIGH) | b; a unigram is its token's number


class _Numbers(dict[str, int]):
    """token -> its number; a token not yet seen gets the next one (no Python call for the
    tokens already numbered: the look-up stays in C)."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = names

    def __missing__(self, word: str) -> int:
        n = self[word] = len(self.names)
        self.names.append(word)
        return n


class _Words(dict[str, int]):
    """A title or body word -> the number of its classifier token (models.classify
    .content_token), _DROPPED when it has none, _SPACED when that token holds a space."""

    def __init__(self, index: dict[str, int]) -> None:
        super().__init__()
        self.index = index

    def __missing__(self, word: str) -> int:
        token = content_token(word)
        n = _DROPPED if token is None else _SPACED if " " in token else self.index[token]
        self[word] = n
        return n


_DROPPED, _SPACED = -1, -2
# a draft's body words' numbers (_DROPPED included) and the numbers of its other tokens
Numbered = tuple[list[int], list[int]]


class Tokens:
    """Token strings numbered in order of first appearance (as pandas.factorize numbers them)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.index: dict[str, int] = _Numbers(self.names)
        self.words: dict[str, int] = _Words(self.index)

    def codes(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Feature codes of classifier strings (split on single spaces, as word_ngrams reads
        them) and the draft (0..len(texts)-1) each occurrence belongs to."""
        index = self.index
        lengths = np.fromiter(
            (t.count(" ") + 1 if t else 0 for t in texts), dtype=np.int64, count=len(texts)
        )
        words = chain.from_iterable(t.split(" ") for t in texts if t)
        ids = np.fromiter(map(index.__getitem__, words), dtype=np.int64, count=int(lengths.sum()))
        return self._grams(ids, lengths)

    def _grams(self, ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Token numbers, drafts one after another (`lengths` each) -> unigram and bigram
        codes (none spans a separator) and the draft of each."""
        doc = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        keep = ids != self.index.get(SEPARATOR, -1)
        pair = (doc[:-1] == doc[1:]) & keep[:-1] & keep[1:]
        bigrams = ((ids[:-1][pair] + 1) << _HIGH) | ids[1:][pair]
        return np.concatenate([ids[keep], bigrams]), np.concatenate([doc[keep], doc[:-1][pair]])

    def number(self, title: Sequence[str], body: Sequence[str]) -> Numbered:
        """A draft's classifier tokens as numbers, without building its string: its body's
        words (most of a draft) numbered through `words` at C speed (_DROPPED kept in place:
        the per-word work of models.classify._content, the join and the split are skipped),
        and the tokens around them (title, separators, length, genre: from models.classify
        itself). Bigrams never span a separator, so the two are counted apart. Lists of ints
        only (the words' strings are freed with the draft: held for a batch of drafts,
        they left 45 MiB of half-used memory at 50,000 drafts)."""
        ids = list(map(self.words.__getitem__, body))
        head = classifier_head(title)
        if _SPACED in ids or any(" " in t for t in head):  # the string would split a token:
            split = classifier_text(title, body).split(" ")  # the string's tokens are the truth
            return [], list(map(self.index.__getitem__, split))
        names = self.names
        lead = [names[i] for i in islice(filter((0).__le__, ids), LEAD_TOKENS)]
        around = [*head, *classifier_tail(title, body, len(ids) - ids.count(_DROPPED), lead)]
        return ids, list(map(self.index.__getitem__, around))

    def numbered_codes(self, drafts: Sequence[Numbered]) -> tuple[np.ndarray, np.ndarray]:
        """`codes` of numbered drafts (`number`)."""
        n_words = np.fromiter((len(b) for b, _ in drafts), dtype=np.int64, count=len(drafts))
        ids = np.fromiter(
            chain.from_iterable(b for b, _ in drafts), dtype=np.int64, count=int(n_words.sum())
        )
        kept = ids >= 0
        n_body = np.bincount(
            np.repeat(np.arange(len(drafts), dtype=np.int64), n_words)[kept],
            minlength=len(drafts),
        )
        n_around = np.fromiter((len(a) for _, a in drafts), dtype=np.int64, count=len(drafts))
        around = np.fromiter(
            chain.from_iterable(a for _, a in drafts), dtype=np.int64, count=int(n_around.sum())
        )
        body_codes, body_docs = self._grams(ids[kept], n_body)
        around_codes, around_docs = self._grams(around, n_around)
        return np.concatenate([body_codes, around_codes]), np.concatenate([body_docs, around_docs])

    def name(self, code: int) -> str:
        if code >> _HIGH == 0:
            return self.names[code]
        return f"{self.names[(code >> _HIGH) - 1]}_{self.names[code & ((1 << _HIGH) - 1)]}"

    def codes_named(self, name: str) -> list[int]:
        """Every feature code whose name is `name` (a unigram, or a bigram split at a "_")."""
        index = self.index
        out = [index[name]] if name in index else []
        for k, c in enumerate(name):
            if c == "_" and name[:k] in index and name[k + 1 :] in index:
                out.append(((index[name[:k]] + 1) << _HIGH) | index[name[k + 1 :]])
        return out

    def same_names(self, codes: np.ndarray) -> np.ndarray | None:
        """For sorted distinct feature codes: position -> position of the first code with the
        same name (scikit-learn counts them as one feature), or None when no two names coincide.

        Only names with "_" can coincide: the candidates are the features that involve a token
        with "_" and the bigrams a_b whose name is such a token; names are built for those
        alone (building them for every feature cost 500 MiB on the corpus). The codes are
        scanned a slice at a time and looked up by binary search (a hash index of every code
        and full-size temporaries cost 1.8 GiB at 500,000 drafts)."""
        under = np.flatnonzero(np.fromiter(("_" in t for t in self.names), bool, len(self.names)))
        if len(under) == 0:
            return None
        involved = []
        for start in range(0, len(codes), _SLICE):
            part = codes[start : start + _SLICE]
            # a unigram's code is its token's number (first part -1, never a token's)
            hit = np.isin(part & ((1 << _HIGH) - 1), under)
            hit |= np.isin((part >> _HIGH) - 1, under)
            involved.append(part[hit])
        candidates = set(np.concatenate(involved).tolist())
        for i in under.tolist():
            candidates.update(self.codes_named(self.names[i]))
        found = _positions(codes, np.fromiter(candidates, np.int64, len(candidates)))
        merged: np.ndarray | None = None
        for p in sorted(int(p) for p in found if p >= 0):
            if merged is not None and merged[p] != p:
                continue
            wanted = np.asarray(self.codes_named(self.name(int(codes[p]))), dtype=np.int64)
            same = _positions(codes, wanted)
            for q in same[same > p].tolist():
                if merged is None:
                    merged = np.arange(len(codes), dtype=_index_type(len(codes)))
                merged[q] = p
        return merged


_SLICE = 1 << 22  # codes or stored counts handled at once by the whole-array steps


def _sorted_union(seen: np.ndarray, new: np.ndarray) -> np.ndarray:
    """np.unique(np.concatenate([seen, new])) of two sorted distinct arrays, without sorting
    the codes seen again (tens of millions at 500,000 drafts): the new ones are inserted."""
    new = new[_positions(seen, new) < 0]
    return np.insert(seen, np.searchsorted(seen, new), new)


def _index_type(n: int) -> type[np.signedinteger]:
    return np.int32 if n < 2**31 else np.int64


def _positions(codes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The position of each wanted code in the sorted codes (-1 where absent)."""
    at = np.searchsorted(codes, wanted)
    found = at < len(codes)
    found[found] = codes[at[found]] == wanted[found]
    return np.where(found, at, -1)


def unmap_large_arrays() -> None:
    """Make glibc give every allocation of 1 MiB or more its own mapping, returned to the
    system when freed. By default the threshold grows to the largest block freed (up to
    32 MiB), after which a feature build's batch arrays come from the heap and stay resident
    once freed: at 500,000 drafts that doubled the peak while the batches were stacked into
    the matrix. No-op elsewhere than glibc."""
    libc = _libc()
    if libc is not None and hasattr(libc, "mallopt"):
        libc.mallopt(_M_MMAP_THRESHOLD, 1 << 20)


_M_MMAP_THRESHOLD = -3  # glibc's malloc.h


def release_freed_memory() -> None:
    """Hand memory freed by the feature build back to the system (glibc keeps freed heap
    pages; 100 MiB at 50,000 drafts) before the solver allocates its own. No-op elsewhere."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@cache
def _libc() -> ctypes.CDLL | None:
    """The C library's symbols as loaded in this process. Not ctypes.util.find_library: it
    runs `ldconfig -p` in a child process, and a child forked from a job holding gigabytes
    shows the parent's resident pages as its own until it execs (a sampler adding up the
    job's processes then saw twice the job's memory)."""
    try:
        return ctypes.CDLL(None)
    except (OSError, TypeError):  # no dlopen(NULL) on this platform
        return None


def batches(texts: Sequence[str], size: int = BATCH) -> Iterator[Sequence[str]]:
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


# -- the vectorizer ------------------------------------------------------------------------------


def _supported(vectorizer: TfidfVectorizer) -> bool:
    return (
        vectorizer.analyzer is word_ngrams
        and vectorizer.max_features is None
        and not vectorizer.binary
        and vectorizer.vocabulary is None
    )


def _counts(
    rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int, compact: bool = False
) -> sp.csr_matrix:
    """Occurrences -> a count matrix with sorted indices (what CountVectorizer gives). With
    `compact`, counts are kept as uint16 when they fit (a quarter less memory for counts
    held until the fit; `_renumber` gives float32 again)."""
    x = sp.csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(n_rows, n_cols))
    x.sum_duplicates()
    x.sort_indices()
    if compact and (x.nnz == 0 or x.data.max() <= np.iinfo(np.uint16).max):
        x.data = x.data.astype(np.uint16)
    return x


def count_codes(
    codes: np.ndarray, docs: np.ndarray, n_rows: int
) -> tuple[np.ndarray, sp.csr_matrix]:
    """Feature occurrences (`Tokens.codes`, `Tokens.numbered_codes`) of n_rows drafts -> their
    sorted distinct codes and the count matrix over them, indices sorted (uint16 counts when
    they fit).

    Each occurrence is one int64 `code << bits | draft`: one sort of those keys (np.unique)
    gives every (code, draft) pair with its count, ordered by code and then draft: the
    columns of a CSC matrix over the distinct codes, which scipy turns into rows in one pass
    (each row's columns come out in order). About a third of the CPU of hashing the codes
    (pd.factorize) and building the matrix from occurrences, where scipy sorts every row's
    indices (2.5M occurrences of 4,096 drafts: ~37 -> ~13 us a draft, best of 7). Codes too
    large to leave room for the draft's bits take that path: a bigram's code holds its first
    token's number from bit 32 on, so with BATCH drafts (12 bits) that is from 2^19 tokens
    numbered by one process."""
    bits = max(1, (n_rows - 1).bit_length())
    if len(codes) and int(codes.max()) >= 1 << (63 - bits):
        return _count_codes_hashed(codes, docs, n_rows)
    key = codes << bits
    key |= docs
    pairs, counts = np.unique(key, return_counts=True)
    del key
    code_of = pairs >> bits
    new = np.empty(len(code_of), dtype=bool)
    new[:1] = True
    np.not_equal(code_of[1:], code_of[:-1], out=new[1:])
    starts = np.flatnonzero(new)
    del new
    unique = code_of[starts]
    del code_of
    column_starts = np.empty(len(starts) + 1, dtype=_index_type(len(pairs)))
    column_starts[:-1] = starts
    column_starts[-1] = len(pairs)
    rows = (pairs & ((1 << bits) - 1)).astype(_index_type(n_rows))
    del pairs, starts
    fits = len(counts) == 0 or int(counts.max()) <= np.iinfo(np.uint16).max
    data = counts.astype(np.uint16 if fits else np.float32)
    del counts
    by_column = sp.csc_matrix((data, rows, column_starts), shape=(n_rows, len(unique)))
    del data, rows, column_starts
    x = by_column.tocsr()
    x.has_sorted_indices = True
    return unique, x


def _count_codes_hashed(
    codes: np.ndarray, docs: np.ndarray, n_rows: int
) -> tuple[np.ndarray, sp.csr_matrix]:
    """`count_codes` by hashing the codes and letting scipy sum and sort the occurrences."""
    cols, unique = pd.factorize(codes, sort=True)
    del codes
    return unique, _counts(docs, cols, n_rows, len(unique), compact=True)


def renumber_codes(codes: np.ndarray, numbers: np.ndarray) -> np.ndarray:
    """Feature codes over one Tokens' numbers -> the same features over another's
    (`numbers[i]`: the other's number of token i)."""
    first, second = (codes >> _HIGH) - 1, codes & ((1 << _HIGH) - 1)
    unigram = first < 0
    out = numbers[second]
    bigram = ~unigram
    out[bigram] |= (numbers[first[bigram]] + 1) << _HIGH
    return out


def _renumber(part: sp.csr_matrix, new_col: np.ndarray, n_cols: int) -> sp.csr_matrix:
    """The counts with column j moved to new_col[j] (dropped where -1; summed where two
    columns become one), indices sorted."""
    cols = new_col[part.indices]
    keep = cols >= 0
    # each row keeps its entries (no row numbers per count, no COO matrix to convert)
    kept_before = np.zeros(len(keep) + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    indptr = kept_before[part.indptr]
    data = part.data[keep].astype(np.float32, copy=False)
    x = sp.csr_matrix((data, cols[keep], indptr), shape=(part.shape[0], n_cols))
    x.sum_duplicates()  # sorts the indices first
    x.sort_indices()
    return x


def _in_pairs(change: Callable[[sp.csr_matrix], sp.csr_matrix], parts: list[sp.csr_matrix]) -> None:
    """parts[k] = change(parts[k]) for every k, two parts at a time: one in a second thread
    (numpy and scipy release the GIL for most of the work: two cores instead of one). Each
    part is replaced as soon as it is changed, so no more than two extra parts are held."""
    with ThreadPoolExecutor(1, thread_name_prefix="renumber") as pool:
        for k in range(0, len(parts), 2):
            ahead = pool.submit(change, parts[k + 1]) if k + 1 < len(parts) else None
            parts[k] = change(parts[k])
            if ahead is not None:
                parts[k + 1] = ahead.result()


def _limits(vectorizer: TfidfVectorizer, n_docs: int) -> tuple[float, float]:
    max_df, min_df = vectorizer.max_df, vectorizer.min_df
    high = max_df if isinstance(max_df, Integral) else max_df * n_docs
    low = min_df if isinstance(min_df, Integral) else min_df * n_docs
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    return high, low


def _columns(parts: list[sp.csr_matrix], uniques: list[np.ndarray], codes: np.ndarray) -> None:
    """Batch count matrices over their own feature codes -> over `codes` (the sorted codes of
    all batches). A batch's sorted codes map increasingly, so its indices stay sorted (a batch
    counted in another process and renumbered here has unsorted codes and indices: every use
    of the counts goes through `_renumber`, which sorts them); no dict of every feature is
    ever built, and each batch's codes are dropped once mapped."""
    index_type = np.int32 if len(codes) < 2**31 else np.int64
    for k, part in enumerate(parts):
        to = np.searchsorted(codes, uniques[k]).astype(index_type)
        uniques[k] = np.empty(0, np.int64)
        parts[k] = sp.csr_matrix(
            (part.data, to[part.indices], part.indptr), shape=(part.shape[0], len(codes))
        )
        del part, to
    uniques.clear()


def _stack(parts: list[sp.csr_matrix], n_cols: int) -> sp.csr_matrix:
    """Row blocks -> one CSR matrix, each block freed once copied (the result's pages are
    written block by block, so the peak is one matrix, not two)."""
    nnz = sum(p.nnz for p in parts)
    n_rows = sum(p.shape[0] for p in parts)
    index_type = np.int32 if nnz < 2**31 else np.int64
    data = np.empty(nnz, dtype=np.float32)
    indices = np.empty(nnz, dtype=index_type)
    indptr = np.empty(n_rows + 1, dtype=index_type)
    indptr[0] = 0
    row = at = 0
    while parts:
        p = parts.pop(0)
        data[at : at + p.nnz] = p.data
        indices[at : at + p.nnz] = p.indices
        indptr[row + 1 : row + 1 + p.shape[0]] = p.indptr[1:] + at
        row, at = row + p.shape[0], at + p.nnz
        del p
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_cols))


def _fitted_tfidf(vectorizer: TfidfVectorizer, x: sp.csr_matrix) -> TfidfTransformer:
    """TfidfTransformer(...).fit(x), its idf computed as scikit-learn's fit computes it
    (same operations, same dtype) without the copy of x its input validation makes (1.6 GiB
    at 500,000 drafts)."""
    tfidf = TfidfTransformer(
        norm=vectorizer.norm,
        use_idf=vectorizer.use_idf,
        smooth_idf=vectorizer.smooth_idf,
        sublinear_tf=vectorizer.sublinear_tf,
    )
    tfidf.n_features_in_ = x.shape[1]
    if tfidf.use_idf:
        dtype = x.dtype if x.dtype in (np.float64, np.float32) else np.float64
        df = _column_counts(x).astype(dtype, copy=False)
        df += float(tfidf.smooth_idf)
        idf = np.full_like(df, fill_value=x.shape[0] + int(tfidf.smooth_idf), dtype=dtype)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        tfidf.idf_ = idf
    return tfidf


def _column_counts(x: sp.csr_matrix) -> np.ndarray:
    """np.bincount(x.indices, minlength=n_columns) (the document frequencies of a matrix with
    summed duplicates) a slice of the indices at a time: bincount copies int32 indices to
    int64 first (1.6 GiB at 500,000 drafts)."""
    counts = np.zeros(x.shape[1], dtype=np.int64)
    for start in range(0, x.nnz, _SLICE):
        counts += np.bincount(x.indices[start : start + _SLICE], minlength=x.shape[1])
    return counts


def _tfidf_in_place(tfidf: TfidfTransformer, x: sp.csr_matrix) -> sp.csr_matrix:
    """tfidf.transform(x, copy=False), the same operations a slice of the stored counts at a
    time: scikit-learn looks up an idf value for every stored count at once (a second matrix's
    worth of memory: 1.6 GiB at 500,000 drafts)."""
    step = 1 << 22
    for start in range(0, x.nnz, step):
        data = x.data[start : start + step]
        if tfidf.sublinear_tf:
            np.log(data, data)
            data += 1.0
        if tfidf.use_idf:
            data *= tfidf.idf_[x.indices[start : start + step]]
    if tfidf.norm is not None:
        x = normalize(x, norm=tfidf.norm, copy=False)
    return x


class Counts:
    """Unigram and bigram counts of many drafts, added a batch at a time (token strings exist
    for one batch only), each batch a count matrix over its own feature codes.

    Rows are numbered in the order added. `subset` copies some rows out (the evaluation drafts,
    scored after the fit); `fit_transform` fits a vectorizer on chosen rows, in the order given,
    and consumes the counts: each batch is freed once its last chosen row is copied, so the peak
    is about one copy of the counts, whatever the number of drafts."""

    def __init__(self, tokens: Tokens | None = None) -> None:
        self.tokens = tokens if tokens is not None else Tokens()
        self.parts: list[sp.csr_matrix | None] = []
        self.starts: list[int] = [0]  # row of each part's first row; the row count last
        self._uniques: list[np.ndarray] = []
        self._seen = np.empty(0, dtype=np.int64)  # sorted codes of the batches merged so far
        self._pending: list[np.ndarray] = []  # batches' codes not yet merged into _seen
        self.codes: np.ndarray | None = None  # sorted feature codes of every column, once joined

    @property
    def n_rows(self) -> int:
        return self.starts[-1]

    def add(self, texts: Sequence[str]) -> None:
        """One batch of classifier strings (training.dataset.Item.text) as the next rows."""
        if self.codes is not None:
            raise RuntimeError("rows cannot be added once the columns are joined")
        if texts:
            self._add(*self.tokens.codes(texts), len(texts))

    def add_drafts(self, drafts: Sequence[tuple[Sequence[str], Sequence[str]]]) -> None:
        """`add` of the drafts' classifier strings, from their title and body words."""
        self.add_numbered([self.tokens.number(title, body) for title, body in drafts])

    def add_numbered(self, drafts: Sequence[Numbered]) -> None:
        """`add` of drafts numbered by `self.tokens.number`."""
        if self.codes is not None:
            raise RuntimeError("rows cannot be added once the columns are joined")
        if drafts:
            self._add(*self.tokens.numbered_codes(drafts), len(drafts))

    def _add(self, codes: np.ndarray, docs: np.ndarray, n_rows: int) -> None:
        self.add_part(*count_codes(codes, docs, n_rows))

    def add_part(self, codes: np.ndarray, part: sp.csr_matrix) -> None:
        """The next rows: `part`, a batch's counts over its own distinct feature `codes`
        (`count_codes`; column j counts codes[j], in any order)."""
        if self.codes is not None:
            raise RuntimeError("rows cannot be added once the columns are joined")
        self._uniques.append(codes)
        self._pending.append(codes)
        if len(self._pending) >= _MERGE_EVERY:
            self._merge()
        self.parts.append(part)
        self.starts.append(self.n_rows + part.shape[0])

    def add_all(self, texts: Sequence[str], size: int | None = None) -> None:
        for batch in batches(texts, size or BATCH):
            self.add(batch)

    def _merge(self) -> None:
        """Fold the pending batches' codes into the sorted codes seen (a few batches at a
        time: one concatenation of every batch's codes cost 2 GiB at 500,000 drafts)."""
        if self._pending:
            self._seen = _sorted_union(self._seen, np.unique(np.concatenate(self._pending)))
            self._pending.clear()

    def _join(self) -> np.ndarray:
        """The batches' columns over the sorted codes of all batches (done once)."""
        if self.codes is None:
            parts = [p for p in self.parts if p is not None]
            assert len(parts) == len(self.parts), "counts already consumed"
            self.parts = []  # each batch is freed as _columns replaces it (not held twice)
            self._merge()
            self.tokens.words.clear()  # only adding drafts reads it
            self.codes, self._seen = self._seen, np.empty(0, dtype=np.int64)
            _columns(parts, self._uniques, self.codes)
            self.parts = list(parts)
        return self.codes

    def _take(self, rows: np.ndarray, consume: bool) -> list[sp.csr_matrix]:
        """The chosen rows, in order, as blocks of at most BATCH rows over the joined columns.
        With `consume`, each batch is freed once its last chosen row is copied (and the
        batches with no chosen row at once)."""
        n_cols = len(self._join())
        starts = np.asarray(self.starts)
        part_of = np.searchsorted(starts, rows, side="right") - 1
        last = np.full(len(self.parts), -1, dtype=np.int64)
        np.maximum.at(last, part_of, np.arange(len(rows)))
        if consume:
            for p in np.flatnonzero(last < 0).tolist():
                self.parts[p] = None
        out: list[sp.csr_matrix] = []
        for begin in range(0, len(rows), BATCH):
            chunk, of = rows[begin : begin + BATCH], part_of[begin : begin + BATCH]
            pieces, where = [], []
            for p in np.unique(of).tolist():
                at = np.flatnonzero(of == p)
                part = self.parts[p]
                assert part is not None, "counts already consumed"
                pieces.append(part[chunk[at] - starts[p]])
                where.append(at)
                if consume and last[p] < begin + BATCH:
                    self.parts[p] = None
            block = pieces[0] if len(pieces) == 1 else sp.vstack(pieces, format="csr")
            position = np.concatenate(where)
            if (np.diff(position) < 0).any():  # rows from several batches, interleaved
                inverse = np.empty_like(position)
                inverse[position] = np.arange(len(position))
                block = block[inverse]
            out.append(sp.csr_matrix(block, shape=(len(chunk), n_cols)))
        if not out:
            out.append(sp.csr_matrix((0, n_cols), dtype=np.float32))
        return out

    def subset(self, rows: Sequence[int] | np.ndarray) -> Counts:
        """A copy of the chosen rows (in that order) that `transform` can score later."""
        out = Counts(self.tokens)
        out.codes = self._join()
        parts = self._take(np.asarray(rows, dtype=np.int64), consume=False)
        out.parts = list(parts)
        out.starts = [0, *np.cumsum([p.shape[0] for p in parts]).tolist()]
        return out

    @contextmanager
    def set_aside(self) -> Iterator[None]:
        """The count matrices in a temporary file while the block runs (the evaluation
        drafts' counts during the solver, which needs every megabyte it can get)."""
        with tempfile.TemporaryFile(prefix="govbrief-counts-") as f:
            pickle.dump(self.parts, f, protocol=pickle.HIGHEST_PROTOCOL)
            self.parts = []
            try:
                yield
            finally:
                f.seek(0)
                self.parts = pickle.load(f)

    def fit_transform(
        self, vectorizer: TfidfVectorizer, rows: Sequence[int] | np.ndarray | None = None
    ) -> sp.csr_matrix:
        """Fit `vectorizer` exactly as vectorizer.fit_transform(texts of the rows) would, and
        return X (rows in the given order; all rows when None). Consumes the counts."""
        x, name_features = self.fit_matrix(vectorizer, rows)
        name_features()
        return x

    def fit_matrix(
        self, vectorizer: TfidfVectorizer, rows: Sequence[int] | np.ndarray | None = None
    ) -> tuple[sp.csr_matrix, Callable[[], None]]:
        """`fit_transform`, but the vectorizer's vocabulary_ (a string per feature: 50 MiB
        at 50,000 drafts) is set only when the returned function is called: after the
        solver, which needs X alone."""
        vectorizer._check_params()
        chosen = np.arange(self.n_rows) if rows is None else np.asarray(rows, dtype=np.int64)
        parts = self._take(chosen, consume=True)
        self.parts = []
        unique_codes = self.codes
        assert unique_codes is not None
        n_features = len(unique_codes)
        merged = self.tokens.same_names(unique_codes)
        df = np.zeros(n_features, dtype=np.int64)
        for k, part in enumerate(parts):
            if merged is not None:  # features whose names coincide are one feature in sklearn
                part = parts[k] = _renumber(part, merged, n_features)
            np.add.at(df, part.indices, 1)  # bincount's full-length result: 10x slower
        high, low = _limits(vectorizer, len(chosen))
        kept = np.flatnonzero((df <= high) & (df >= low))
        if len(kept) == 0:
            raise ValueError(
                "After pruning, no terms remain. Try a lower min_df or a higher max_df."
            )
        kept_names = [self.tokens.name(int(c)) for c in unique_codes[kept]]
        order = np.array(sorted(range(len(kept)), key=kept_names.__getitem__), dtype=np.int64)
        del kept_names
        new_col = np.full(n_features, -1, dtype=_index_type(n_features))
        new_col[kept[order]] = np.arange(len(kept))
        _in_pairs(lambda part: _renumber(part, new_col, len(kept)), parts)
        x = _stack(parts, len(kept))
        vectorizer.fixed_vocabulary_ = False
        vectorizer._tfidf = _fitted_tfidf(vectorizer, x)
        column_codes = unique_codes[kept[order]]  # the feature code of each column
        tokens = self.tokens

        def name_features() -> None:
            name = tokens.name
            vectorizer.vocabulary_ = {name(c): i for i, c in enumerate(column_codes.tolist())}

        return _tfidf_in_place(vectorizer._tfidf, x), name_features

    def transform(self, vectorizer: TfidfVectorizer) -> Iterator[sp.csr_matrix]:
        """vectorizer.transform(texts of the rows) for a fitted vectorizer (any vocabulary: the
        candidate's or the active model's), a block of rows at a time, in row order."""
        codes = self._join()
        vocabulary = vectorizer.vocabulary_
        pairs = [(c, j) for name, j in vocabulary.items() for c in self.tokens.codes_named(name)]
        wanted = np.fromiter((c for c, _ in pairs), np.int64, len(pairs))
        columns = np.fromiter((j for _, j in pairs), np.int64, len(pairs))
        del pairs
        at = np.searchsorted(codes, wanted)
        found = at < len(codes)
        found[found] = codes[at[found]] == wanted[found]
        new_col = np.full(len(codes), -1, dtype=np.int64)
        new_col[at[found]] = columns[found]
        for part in self.parts:
            assert part is not None
            x = _renumber(part, new_col, len(vocabulary))
            yield vectorizer._tfidf.transform(x, copy=False)


def fit_transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sp.csr_matrix:
    """Fit `vectorizer` exactly as vectorizer.fit_transform(texts) would and return X."""
    if not _supported(vectorizer):
        return vectorizer.fit_transform(texts)
    counts = Counts()
    counts.add_all(texts)
    return counts.fit_transform(vectorizer)


def transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sp.csr_matrix:
    """vectorizer.transform(texts) for a fitted vectorizer, computed with arrays (callers
    with many drafts pass them a batch at a time)."""
    if vectorizer.analyzer is not word_ngrams or vectorizer.binary:
        return vectorizer.transform(texts)
    tokens = Tokens()
    codes, docs = tokens.codes(texts)
    vocabulary = vectorizer.vocabulary_
    inverse, unique_codes = pd.factorize(codes)
    cols = np.fromiter(
        (vocabulary.get(tokens.name(c), -1) for c in unique_codes.tolist()),
        dtype=np.int64,
        count=len(unique_codes),
    )
    col = cols[inverse]
    keep = col >= 0
    x = _counts(docs[keep], col[keep], len(texts), len(vocabulary))
    return vectorizer._tfidf.transform(x, copy=False)
