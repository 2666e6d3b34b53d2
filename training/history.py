"""Reviewed drafts as training items, from the tokens stored with them.

The service reads the drafts from its tables and hands them over as rows; nothing here
touches the database.

A reviewed draft is one whose category a reviewer confirmed or corrected (`confirmed_category`
set by a review); its label is that category, its time the last such review. Drafts keep the
tokens their analysis computed (`drafts.tokens = {"title": [...], "body": [...]}`), so nothing
is tokenized again; only a draft stored without tokens (older rows) is tokenized here. An item
keeps the draft's classifier string, not its token lists (rows are read in batches, so at no
time does every reviewed draft's token strings exist at once).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document
from training.dataset import Item, body_key


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


def history_items(rows: Iterable[Any], stats: HistoryStats | None = None) -> list[Item]:
    """Reviewed drafts as the service reads them (rows with id, title, body, tokens,
    predicted_category, confirmed_category, reviewed_at) -> items, tokens reused when stored."""
    stats = stats if stats is not None else HistoryStats()
    items: list[Item] = []
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
        items.append(
            Item(
                id=f"draft-{row.id}",
                label=row.confirmed_category,
                text=classifier_text(*tokens),
                key=body_key(row.body),
                source="history",
                reviewed_at=_aware(row.reviewed_at),
                corrected=row.predicted_category not in (None, row.confirmed_category),
            )
        )
    return items
