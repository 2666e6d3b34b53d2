"""Near-duplicate drafts: which stored drafts a draft resembles, and reviewers' marks on
near-identical pairs (合报 / 重复), for reviewers."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.api.deps import ReviewerUser, SessionDep
from service.api.params import IdPath
from service.api.routes.adoptions import created
from service.schemas.common import ListPublic
from service.schemas.neardup import MarkCreate, MarkPublic, MarkWithdrawal
from service.services import draft_marks, neardup, workflow

router = APIRouter(prefix="/api/v1", tags=["review"])


class SimilarPublic(BaseModel):
    draft_id: int
    similarity: float  # estimated Jaccard similarity of the drafts' 5-character shingles
    unit_id: int
    unit_name: str
    title: str
    status: str
    created_at: datetime
    label: str  # e.g. 与 #123（某单位，2026-11-02）相似 87%


@router.get("/drafts/{draft_id}/similar", response_model=ListPublic[SimilarPublic])
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
            label=neardup.similar_label(s),
        )
        for s in found
    ]
    return {"data": data, "count": len(data)}


def _mark_public(view: draft_marks.MarkView) -> MarkPublic:
    return MarkPublic.model_validate(view.__dict__)


@router.get("/drafts/{draft_id}/marks", response_model=ListPublic[MarkPublic])
def draft_marks_list(draft_id: IdPath, session: SessionDep, user: ReviewerUser) -> dict:
    """The 合报 / 重复 marks touching this draft, each seen from this draft (`role`)."""
    workflow.visible_draft(session, user, draft_id)
    data = [_mark_public(m) for m in draft_marks.marks_of(session, [draft_id]).get(draft_id, [])]
    return {"data": data, "count": len(data)}


@router.post(
    "/drafts/{draft_id}/marks", response_model=MarkPublic, status_code=status.HTTP_201_CREATED
)
def create_draft_mark(
    draft_id: IdPath, body: MarkCreate, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Mark this draft and another as one joint piece (`joint`, 合报: different units; an
    adoption entered later splits its points with the partners' units) or this draft as a
    duplicate (`duplicate`, 重复) of the other. One mark per pair; audited."""
    view = draft_marks.create_mark(session, user, draft_id, body)
    return created(_mark_public(view))


@router.post("/marks/{mark_id}/withdraw", response_model=MarkPublic)
def withdraw_draft_mark(
    mark_id: IdPath, body: MarkWithdrawal, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Withdraw a mark made by mistake, with a reason (audited); recorded points stay."""
    view = draft_marks.withdraw_mark(session, user, mark_id, body.reason)
    return created(_mark_public(view), status.HTTP_200_OK)
