"""The review queue (reviewers) and each rule's dismissal rate (admins)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from service.api.deps import AdminUser, ReviewerUser, SessionDep
from service.api.params import IdQuery, Offset, TitleQuery
from service.repositories.drafts import QueueQuery
from service.schemas.common import ListPublic
from service.schemas.drafts import CategoryLabel, DismissalStat, FlagKind, QueueRow, QueueSort
from service.services import workflow
from service.services.queue_neardup import add_similar_and_marks

router = APIRouter(prefix="/api/v1", tags=["review"])

Confidence = Annotated[float | None, Query(ge=0, le=1)]


@router.get("/queue", response_model=ListPublic[QueueRow])
def review_queue(
    session: SessionDep,
    _: ReviewerUser,
    category: CategoryLabel | None = None,
    unit_id: IdQuery = None,
    solicitation_id: IdQuery = None,
    min_confidence: Confidence = None,
    max_confidence: Confidence = None,
    flag_kind: FlagKind | None = None,
    uncertain: bool | None = None,
    title: TitleQuery = None,
    sort: QueueSort = "confidence",
    order: Literal["asc", "desc"] | None = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict:
    """Submitted drafts to review; by default the least certain classification first.
    `uncertain=true` keeps the drafts whose category the model could not decide. `category`
    filters and sorts by the reviewer's confirmed category, else the predicted one;
    `sort=unit` orders by unit name, `sort=solicitation` by the answered 约稿's due date;
    `title` keeps the drafts whose title contains it."""
    query = QueueQuery(
        category=category,
        unit_id=unit_id,
        solicitation_id=solicitation_id,
        min_confidence=min_confidence,
        max_confidence=max_confidence,
        flag_kind=flag_kind,
        uncertain=uncertain,
        title=(title or "").strip() or None,
        sort=sort,
        offset=offset,
        limit=limit,
    )
    rows, total = workflow.review_queue(session, query, order)
    add_similar_and_marks(session, rows)  # 相似 / 合报 / 重复 columns, batched for the page
    return {"data": rows, "count": total}


@router.get("/dismissals/summary", response_model=ListPublic[DismissalStat])
def dismissal_summary(session: SessionDep, _: AdminUser) -> dict:
    """Per rule: flags raised in stored drafts vs dismissed, highest dismissal rate first."""
    rows = workflow.dismissal_summary(session)
    return {"data": rows, "count": len(rows)}
