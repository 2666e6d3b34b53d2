"""Near-duplicate drafts: the index is kept in the database, updated when a draft's text is saved.

Every process reads and writes the same two tables, so the index survives restarts and is
shared by several API processes; a lookup is one indexed query on the band keys plus a
comparison of the few candidates' signatures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import neardup
from service.services.office_time import local_date
from service.tables import Draft, DraftBand, DraftSignature, Unit

MIN_SIMILARITY = 0.5
MAX_CANDIDATES = 200  # compare at most this many band-sharing drafts (the most-shared first)


def index_draft(session: Session, draft: Draft) -> None:
    """(Re)compute the draft's signature and band keys; a text too short is left out."""
    session.execute(delete(DraftBand).where(DraftBand.draft_id == draft.id))
    session.execute(delete(DraftSignature).where(DraftSignature.draft_id == draft.id))
    sig = neardup.signature(draft.title, draft.body)
    if sig is None:
        return
    session.add(DraftSignature(draft_id=draft.id, signature=neardup.to_bytes(sig)))
    session.add_all(DraftBand(key=k, draft_id=draft.id) for k in set(neardup.band_keys(sig)))
    session.flush()


@dataclass(frozen=True)
class Similar:
    draft_id: int
    similarity: float
    unit_id: int
    unit_name: str
    title: str
    status: str
    created_at: datetime


def similar_to(session: Session, draft: Draft, limit: int = 5) -> list[Similar]:
    """Stored drafts that look like this one, most similar first (itself excluded)."""
    row = session.get(DraftSignature, draft.id)
    if row is not None:
        sig = neardup.from_bytes(row.signature)
    else:
        sig = neardup.signature(draft.title, draft.body)
        if sig is None:
            return []
    return lookup(session, sig, exclude=draft.id, limit=limit)


def lookup(session: Session, sig, exclude: int | None = None, limit: int = 5) -> list[Similar]:
    keys = list(set(neardup.band_keys(sig)))
    shared: dict[int, int] = {}
    for draft_id in session.scalars(select(DraftBand.draft_id).where(DraftBand.key.in_(keys))):
        if draft_id != exclude:
            shared[draft_id] = shared.get(draft_id, 0) + 1
    if not shared:
        return []
    ids = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
    scored = []
    for draft_id, data in session.execute(
        select(DraftSignature.draft_id, DraftSignature.signature).where(
            DraftSignature.draft_id.in_(ids)
        )
    ):
        s = neardup.similarity(sig, neardup.from_bytes(data))
        if s >= MIN_SIMILARITY:
            scored.append((s, draft_id))
    scored.sort(reverse=True)
    return _describe(session, scored[:limit])


def _describe(session: Session, top: Sequence[tuple[float, int]]) -> list[Similar]:
    """(similarity, draft id) pairs with each draft's unit, title, status and date."""
    if not top:
        return []
    rows = {
        row.id: row
        for row in session.execute(  # the columns shown only: not the body, report or tokens
            select(Draft.id, Draft.unit_id, Unit.name, Draft.title, Draft.status, Draft.created_at)
            .join(Unit, Unit.id == Draft.unit_id)
            .where(Draft.id.in_([i for _, i in top]))
        )
    }
    return [
        Similar(i, round(s, 2), r.unit_id, r.name, r.title, str(r.status), r.created_at)
        for s, i in top
        if i in rows
        for r in [rows[i]]
    ]


KEYS_PER_QUERY = 900  # band keys per IN list (well under SQLite's bound-parameter limit)


def _chunks(items: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def best_similar(session: Session, draft_ids: Iterable[int]) -> dict[int, Similar]:
    """For each given draft, the most similar other stored draft (≥ MIN_SIMILARITY), for a
    queue page at once: its signatures, the drafts sharing any of their band keys, those
    candidates' signatures and the winners' units are four queries whatever the page size."""
    ids = sorted(set(draft_ids))
    if not ids:
        return {}
    sigs = {
        draft_id: neardup.from_bytes(data)
        for draft_id, data in session.execute(
            select(DraftSignature.draft_id, DraftSignature.signature).where(
                DraftSignature.draft_id.in_(ids)
            )
        )
    }
    keys_of = {draft_id: set(neardup.band_keys(sig)) for draft_id, sig in sigs.items()}
    all_keys = sorted(set().union(*keys_of.values())) if keys_of else []
    holders: dict[int, list[int]] = {}
    for chunk in _chunks(all_keys, KEYS_PER_QUERY):
        for key, holder in session.execute(
            select(DraftBand.key, DraftBand.draft_id).where(DraftBand.key.in_(chunk))
        ):
            holders.setdefault(key, []).append(holder)
    candidates: dict[int, list[int]] = {}
    for draft_id, keys in keys_of.items():
        shared: dict[int, int] = {}
        for key in keys:
            for holder in holders.get(key, ()):
                if holder != draft_id:
                    shared[holder] = shared.get(holder, 0) + 1
        candidates[draft_id] = sorted(shared, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
    missing = sorted({c for cs in candidates.values() for c in cs} - set(sigs))
    for chunk in _chunks(missing, KEYS_PER_QUERY):
        for draft_id, data in session.execute(
            select(DraftSignature.draft_id, DraftSignature.signature).where(
                DraftSignature.draft_id.in_(chunk)
            )
        ):
            sigs[draft_id] = neardup.from_bytes(data)
    best: dict[int, tuple[float, int]] = {}
    for draft_id, cands in candidates.items():
        known = [c for c in cands if c in sigs]
        if not known:
            continue
        sims = (np.stack([sigs[c] for c in known]) == sigs[draft_id]).mean(axis=1)
        top = max(zip(sims.tolist(), known, strict=True))  # ties: the higher id, as in lookup
        if top[0] >= MIN_SIMILARITY:
            best[draft_id] = top
    described = {s.draft_id: s for s in _describe(session, sorted(set(best.values())))}
    return {
        draft_id: described[other] for draft_id, (_s, other) in best.items() if other in described
    }


def similar_label(s: Similar) -> str:
    """与 #123（某单位，2026-11-02）相似 87% — the other draft's date on the office calendar."""
    return (
        f"与 #{s.draft_id}（{s.unit_name}，{local_date(s.created_at):%Y-%m-%d}）相似 "
        f"{round(s.similarity * 100)}%"
    )
