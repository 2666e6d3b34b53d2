"""Near-duplicate drafts: the index is kept in the database, updated when a draft's text is saved.

Every process reads and writes the same two tables, so the index survives restarts and is
shared by several API processes; a lookup is one indexed query on the band keys plus a
comparison of the few candidates' signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import neardup
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
    top = scored[:limit]
    if not top:
        return []
    rows = {
        d.id: (d, u)
        for d, u in session.execute(
            select(Draft, Unit)
            .join(Unit, Unit.id == Draft.unit_id)
            .where(Draft.id.in_([i for _, i in top]))
        )
    }
    return [
        Similar(i, round(s, 2), d.unit_id, u.name, d.title, str(d.status), d.created_at)
        for s, i in top
        if i in rows
        for d, u in [rows[i]]
    ]
