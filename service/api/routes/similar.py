"""Near-duplicate drafts: which stored drafts a draft resembles (for reviewers)."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query
from pydantic import BaseModel

from service.api.deps import ReviewerUser, SessionDep
from service.api.params import IdPath
from service.schemas.common import ListPublic
from service.services import neardup, workflow

router = APIRouter(prefix="/api/v1/drafts", tags=["review"])


class SimilarPublic(BaseModel):
    draft_id: int
    similarity: float  # estimated Jaccard similarity of the drafts' 5-character shingles
    unit_id: int
    unit_name: str
    title: str
    status: str
    created_at: datetime
    label: str  # e.g. 与 #123（某单位，2026-11-02）相似 87%


@router.get("/{draft_id}/similar", response_model=ListPublic[SimilarPublic])
def similar_drafts(
    draft_id: IdPath,
    session: SessionDep,
    user: ReviewerUser,
    limit: int = Query(default=5, ge=1, le=20),
) -> dict:
    """Stored drafts (any unit, any year, adopted or not) that are nearly the same as this one."""
    draft = workflow.visible_draft(session, user, draft_id)
    found = neardup.similar_to(session, draft, limit)
    data = [
        SimilarPublic(
            **s.__dict__,
            label=f"与 #{s.draft_id}（{s.unit_name}，{s.created_at:%Y-%m-%d}）相似 "
            f"{round(s.similarity * 100)}%",
        )
        for s in found
    ]
    return {"data": data, "count": len(data)}
