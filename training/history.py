"""Reviewed drafts as training items, from the tokens stored with them.

The service reads the drafts from its tables and hands them over as rows; nothing here
touches the database.

A reviewed draft is one whose category a reviewer confirmed or corrected (`confirmed_category`
set by a review); its label is that category, its time the last such review. Drafts keep the
tokens their analysis computed (`drafts.tokens = {"title": [...], "body": [...]}`), so nothing
is tokenized again; only a draft stored without tokens (older rows) is tokenized here. An item
keeps the draft's classifier string, not its token lists. Retraining reads with `read_history`:
each batch of drafts' words becomes sparse feature counts at once (training.features.Counts
.add_drafts: no classifier string is built), so every draft's tokens never exist at once
(memory grows with the counts alone).

Numbering words, the genre patterns and counting cost about 0.3 ms a draft (2.5 minutes for
500,000 drafts on one core), so a long history is counted by `workers` processes a batch
each, and joined by the reading process, which renumbers each worker's token numbers into its
own (the same matrices as one process, tested). With `read_history_ranges` each worker also
reads the rows it counts (the service passes a reader of id ranges on its own connection), so
the rows never pass through the reading process.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from multiprocessing import get_context
from typing import Any

import numpy as np
import scipy.sparse as sp

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document
from training.dataset import Item, body_key
from training.features import BATCH, Counts, Tokens, count_codes, renumber_codes, unmap_large_arrays


def stored_tokens(value: Any) -> tuple[list[str], list[str]] | None:
    """A draft's stored title and body words (`tokens` as stored, or its JSON text)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        title, body = value.get("title"), value.get("body")
        if isinstance(title, list) and isinstance(body, list):
            return title, body
    return None


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at  # SQLite gives naive UTC


@dataclass
class HistoryStats:
    reviewed: int = 0
    retokenized: int = 0
    skipped: int = 0  # a confirmed category that is not one of the labels

    def add(self, other: HistoryStats) -> None:
        self.reviewed += other.reviewed
        self.retokenized += other.retokenized
        self.skipped += other.skipped


# A reviewed draft as read: id, title, body, tokens (as stored, or their JSON text),
# predicted_category, confirmed_category, reviewed_at
Raw = tuple[int, str | None, str, Any, str | None, str | None, datetime]


def raw(row: Any) -> Raw:
    """A row with those attributes (a database row, or any object) as a plain tuple."""
    return (
        row.id,
        row.title,
        row.body,
        row.tokens,
        row.predicted_category,
        row.confirmed_category,
        row.reviewed_at,
    )


# What an item of a reviewed draft holds besides its row: id, label, key, reviewed_at, corrected
Fields = tuple[str, str, bytes, datetime, bool]


def _fields(
    rows: Iterable[Raw], stats: HistoryStats
) -> Iterator[tuple[Fields, tuple[list[str], list[str]]]]:
    """Each usable row's item fields, and its title and body words."""
    for id_, title, body, tokens, predicted, confirmed, reviewed_at in rows:
        stats.reviewed += 1
        if confirmed not in LABELS:
            stats.skipped += 1
            continue
        words = stored_tokens(tokens)
        if words is None:
            doc = Document.from_text(title or "", body)
            words = (doc.title.words, doc.body.words)
            stats.retokenized += 1
        fields = (
            f"draft-{id_}",
            confirmed,
            body_key(body),
            _aware(reviewed_at),
            predicted not in (None, confirmed),
        )
        yield fields, words


def _item(fields: Fields, row: int = -1, text: str = "") -> Item:
    id_, label, key, reviewed_at, corrected = fields
    return Item(
        id=id_,
        label=label,
        text=text,
        key=key,
        source="history",
        reviewed_at=reviewed_at,
        corrected=corrected,
        row=row,
    )


def history_items(rows: Iterable[Any], stats: HistoryStats | None = None) -> list[Item]:
    """Reviewed drafts as the service reads them (rows with id, title, body, tokens,
    predicted_category, confirmed_category, reviewed_at) -> items, tokens reused when stored."""
    stats = stats if stats is not None else HistoryStats()
    return [
        _item(fields, text=classifier_text(*words))
        for fields, words in _fields(map(raw, rows), stats)
    ]


@dataclass
class History:
    """Reviewed drafts streamed into feature counts: items without strings, each pointing at
    its row of `counts` (the corpus is added to the same counts before the fit)."""

    items: list[Item]
    counts: Counts


@dataclass
class Counted:
    """One batch of drafts counted: its usable drafts' item fields (in row order), the rows'
    stats, and its counts over its own feature codes as numbered by the counting process's
    Tokens (`names` are the tokens that process numbered first in this batch, from number
    `first` on)."""

    fields: list[Fields]
    stats: HistoryStats
    codes: np.ndarray
    part: sp.csr_matrix
    process: int
    first: int
    names: list[str] = field(default_factory=list)


def count_batch(rows: Sequence[Raw], tokens: Tokens) -> Counted:
    """A batch of reviewed drafts -> its items' fields and feature counts (no string kept)."""
    stats, first = HistoryStats(), len(tokens.names)
    fields, drafts = [], []
    number = tokens.number
    for item_fields, words in _fields(rows, stats):
        fields.append(item_fields)
        drafts.append(number(*words))
    codes, part = count_codes(*tokens.numbered_codes(drafts), len(drafts))
    return Counted(fields, stats, codes, part, os.getpid(), first)


_WORKER_TOKENS: Tokens | None = None  # a worker process's token numbers, kept across batches


def _count_in_worker(rows: Sequence[Raw]) -> Counted:
    global _WORKER_TOKENS
    if _WORKER_TOKENS is None:
        _WORKER_TOKENS = Tokens()
    counted = count_batch(rows, _WORKER_TOKENS)
    counted.names = _WORKER_TOKENS.names[counted.first :]
    return counted


class _Joiner:
    """Batches counted anywhere -> one History, in the order the batches were read."""

    def __init__(self, stats: HistoryStats) -> None:
        self.stats = stats
        self.counts = Counts()
        self.items: list[Item] = []
        self.numbers: dict[int, np.ndarray] = {}  # worker process -> its token numbers -> ours

    def add(self, counted: Counted) -> None:
        self.stats.add(counted.stats)
        codes = counted.codes
        if counted.process != os.getpid():  # another process's token numbers: into ours
            known = self.numbers.get(counted.process, np.empty(0, dtype=np.int64))
            assert len(known) == counted.first, "a worker's batches joined out of order"
            index = self.counts.tokens.index
            ours = np.fromiter(map(index.__getitem__, counted.names), np.int64, len(counted.names))
            known = self.numbers[counted.process] = np.concatenate([known, ours])
            codes = renumber_codes(codes, known)
        first = self.counts.n_rows
        self.items.extend(_item(f, first + k) for k, f in enumerate(counted.fields))
        self.counts.add_part(codes, counted.part)


PARALLEL_FROM = 100_000  # reviewed drafts from which worker processes count them


def read_workers(n_reviewed: int) -> int:
    """Processes that count a history of n_reviewed drafts: one (this one) for a short history
    (starting a worker costs seconds, and its memory counts too), else one a core, at most 2."""
    if n_reviewed < PARALLEL_FROM:
        return 1
    return max(1, min(2, os.cpu_count() or 1))


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Raw]]:
    it = map(raw, rows)
    while chunk := list(islice(it, size)):
        yield chunk


def read_history(
    rows: Iterable[Any], stats: HistoryStats | None = None, batch: int = BATCH, workers: int = 1
) -> History:
    """Like `history_items`, but each batch of `batch` drafts is counted into sparse features
    at once and its strings dropped: memory holds counts, never every draft's text. With
    `workers` > 1, that many processes count the batches (the same History)."""
    joiner = _Joiner(stats if stats is not None else HistoryStats())
    if workers <= 1:
        for chunk in _batches(rows, batch):
            joiner.add(count_batch(chunk, joiner.counts.tokens))
        return History(joiner.items, joiner.counts)
    tasks = ((_count_in_worker, (chunk,)) for chunk in _batches(rows, batch))
    return _count_in_pool(tasks, workers, joiner)


# Reads the rows of the drafts with first <= id <= last, in id order (any row with the
# attributes `raw` reads). Pickled to the worker processes: a module-level function, or an
# instance of a module-level class.
RangeReader = Callable[[int, int], Iterable[Any]]


def read_history_ranges(
    ranges: Sequence[tuple[int, int]],
    read: RangeReader,
    stats: HistoryStats | None = None,
    workers: int = 2,
) -> History:
    """`read_history` of the rows `read` gives for each (first id, last id) range in turn, one
    range a batch, each read by the worker process that counts it: the rows never pass through
    this process (reading them here and sending them over cost this process about as much CPU
    as counting a third of them: 30 s at 500,000 drafts), which only joins the counts."""
    joiner = _Joiner(stats if stats is not None else HistoryStats())
    tasks = ((_read_and_count_in_worker, (read, first, last)) for first, last in ranges)
    return _count_in_pool(tasks, max(1, workers), joiner)


def _read_and_count_in_worker(read: RangeReader, first: int, last: int) -> Counted:
    return _count_in_worker(list(map(raw, read(first, last))))


def _count_in_pool(
    tasks: Iterable[tuple[Callable[..., Counted], tuple[Any, ...]]], workers: int, joiner: _Joiner
) -> History:
    """Each task run by one of `workers` processes, its batch joined in the order given."""
    with ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=unmap_large_arrays
    ) as pool:
        pending: deque[Future[Counted]] = deque()
        for function, args in tasks:
            pending.append(pool.submit(function, *args))
            while len(pending) > 2 * workers:  # batches read ahead: a few, not the whole table
                joiner.add(pending.popleft().result())
        while pending:
            joiner.add(pending.popleft().result())
    return History(joiner.items, joiner.counts)
