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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document
from training.dataset import Item, body_key
from training.features import BATCH, Counts


def stored_tokens(value: Any) -> tuple[list[str], list[str]] | None:
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


def _items(
    rows: Iterable[Any], stats: HistoryStats, numbered: bool = False
) -> Iterator[tuple[Item, tuple[list[str], list[str]]]]:
    """Each usable row as an item without its string (`row` 0, 1, ... when `numbered`), and
    its title and body words."""
    n = 0 if numbered else -1
    for row in rows:
        stats.reviewed += 1
        if row.confirmed_category not in LABELS:
            stats.skipped += 1
            continue
        tokens = stored_tokens(row.tokens)
        if tokens is None:
            doc = Document.from_text(row.title or "", row.body)
            tokens = (doc.title.words, doc.body.words)
            stats.retokenized += 1
        item = Item(
            id=f"draft-{row.id}",
            label=row.confirmed_category,
            text="",
            key=body_key(row.body),
            source="history",
            reviewed_at=_aware(row.reviewed_at),
            corrected=row.predicted_category not in (None, row.confirmed_category),
            row=n,
        )
        n += numbered
        yield item, tokens


def history_items(rows: Iterable[Any], stats: HistoryStats | None = None) -> list[Item]:
    """Reviewed drafts as the service reads them (rows with id, title, body, tokens,
    predicted_category, confirmed_category, reviewed_at) -> items, tokens reused when stored."""
    stats = stats if stats is not None else HistoryStats()
    return [replace(item, text=classifier_text(*words)) for item, words in _items(rows, stats)]


@dataclass
class History:
    """Reviewed drafts streamed into feature counts: items without strings, each pointing at
    its row of `counts` (the corpus is added to the same counts before the fit)."""

    items: list[Item]
    counts: Counts


def read_history(
    rows: Iterable[Any], stats: HistoryStats | None = None, batch: int = BATCH
) -> History:
    """Like `history_items`, but each batch of `batch` drafts is counted into sparse features
    at once and its strings dropped: memory holds counts, never every draft's text."""
    stats = stats if stats is not None else HistoryStats()
    counts, items, drafts = Counts(), [], []
    number = counts.tokens.number
    for item, words in _items(rows, stats, numbered=True):
        items.append(item)
        drafts.append(number(*words))
        if len(drafts) >= batch:
            counts.add_numbered(drafts)
            drafts = []
    counts.add_numbered(drafts)
    return History(items, counts)
