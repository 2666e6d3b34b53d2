"""Drafts: create (text or file), list, read, edit, submit; reviews and flag dismissals."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.api.deps import OfficerUser, ReviewerUser, SessionDep, SettingsDep
from service.api.params import IdPath, IdQuery, Offset, TitleQuery
from service.api.ratelimit import limit_analysis
from service.schemas.common import MAX_ID, ListPublic
from service.schemas.drafts import (
    CategoryLabel,
    DismissalCreate,
    DismissalPublic,
    DraftCreate,
    DraftPublic,
    DraftSummary,
    DraftUpdate,
    HistoryEvent,
    ReviewCreate,
    ReviewOutcome,
    ReviewPublic,
    SubmitBody,
)
from service.services import workflow
from service.services.checking import Checker, read_upload
from service.tables import Draft, DraftStatus

router = APIRouter(prefix="/api/v1", tags=["drafts"])
LIMITED = [Depends(limit_analysis)]  # endpoints that run the analysis

Limit = Annotated[int, Query(ge=1, le=200)]


def _holder(request: Request) -> Checker:
    return request.app.state.checker


def _public(session: SessionDep, draft: Draft) -> DraftPublic:
    return DraftPublic.model_validate(workflow.draft_detail(session, draft))


def ready(model: BaseModel, status_code: int = status.HTTP_200_OK) -> JSONResponse:
    """The response of an endpoint that holds a draft's row lock (FOR UPDATE), serialized in
    the endpoint's own worker thread: FastAPI would otherwise validate the returned model in
    a new threadpool task before the session commits, and a burst on one draft could leave
    every worker waiting on the lock while the holder waits for a worker (the remedy of the
    adoptions endpoint, routes/adoptions.py `created`; tests/service/test_workflow_burst.py)."""
    return JSONResponse(jsonable_encoder(model), status_code=status_code)


@router.post(
    "/drafts",
    response_model=DraftPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=LIMITED,
)
def create_draft(
    body: DraftCreate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: OfficerUser,
) -> DraftPublic:
    """Store a draft with its check report (category, flags, tokens)."""
    draft = workflow.create_draft(session, settings, _holder(request), user, **body.model_dump())
    return _public(session, draft)


@router.post(
    "/drafts/docx",
    response_model=DraftPublic,
    status_code=status.HTTP_201_CREATED,
    dependencies=LIMITED,
)
def create_draft_from_file(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: OfficerUser,
    file: UploadFile = File(...),
    solicitation_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
    unit_id: Annotated[int | None, Form(ge=1, le=MAX_ID)] = None,
) -> DraftPublic:
    """Store a draft from an uploaded .docx or .txt file (title taken from the first line)."""
    data = file.file.read(settings.max_upload_bytes + 1)
    title, text = read_upload(settings, file.filename or "", data)
    draft = workflow.create_draft(
        session,
        settings,
        _holder(request),
        user,
        title=title,
        body=text,
        solicitation_id=solicitation_id,
        unit_id=unit_id,
    )
    return _public(session, draft)


@router.get("/drafts", response_model=ListPublic[DraftSummary])
def list_drafts(
    session: SessionDep,
    user: OfficerUser,
    status: DraftStatus | None = None,
    unit_id: IdQuery = None,
    category: CategoryLabel | None = None,
    title: TitleQuery = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> dict:
    """Drafts, newest change first: an officer's own unit, every unit for reviewers;
    `category` filters by the confirmed category, else the predicted one; `title` keeps the
    drafts whose title contains it."""
    rows, total = workflow.list_drafts(
        session,
        user,
        status=status,
        unit_id=unit_id,
        offset=offset,
        limit=limit,
        category=category,
        title=title,
    )
    return {"data": rows, "count": total}


@router.get("/drafts/{draft_id}", response_model=DraftPublic)
def get_draft(draft_id: IdPath, session: SessionDep, user: OfficerUser) -> DraftPublic:
    """One draft with its text, check report and the dismissals in force on it."""
    return _public(session, workflow.visible_draft(session, user, draft_id))


@router.patch("/drafts/{draft_id}", response_model=DraftPublic, dependencies=LIMITED)
def update_draft(
    draft_id: IdPath,
    body: DraftUpdate,
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    user: OfficerUser,
) -> JSONResponse:
    """Edit title, body or solicitation while the draft is a draft or returned; re-checks it."""
    changes = body.model_dump(exclude_unset=True)
    draft = workflow.update_draft(session, settings, _holder(request), user, draft_id, changes)
    return ready(_public(session, draft))


@router.post("/drafts/{draft_id}/submit", response_model=DraftPublic)
def submit_draft(
    draft_id: IdPath, session: SessionDep, user: OfficerUser, body: SubmitBody | None = None
) -> JSONResponse:
    """Submit a draft (or a returned one, after editing) for review, optionally with a note
    (`comment`: what changed); every submission is kept in the draft's history."""
    comment = body.comment if body is not None else ""
    return ready(_public(session, workflow.submit_draft(session, user, draft_id, comment)))


@router.get("/drafts/{draft_id}/history", response_model=ListPublic[HistoryEvent])
def draft_history(draft_id: IdPath, session: SessionDep, user: OfficerUser) -> dict:
    """Every submission (time, note, title and text as submitted, what changed) and every
    review decision (returns with their comments), oldest first."""
    events = workflow.draft_history(session, user, draft_id)
    return {"data": events, "count": len(events)}


@router.post(
    "/drafts/{draft_id}/reviews",
    response_model=ReviewOutcome,
    status_code=status.HTTP_201_CREATED,
)
def review_draft(
    draft_id: IdPath,
    body: ReviewCreate,
    session: SessionDep,
    settings: SettingsDep,
    reviewer: ReviewerUser,
) -> JSONResponse:
    """Record a review (初审/复审/终审): pass or return, confirm or correct the category."""
    review, draft = workflow.review_draft(
        session, settings, reviewer, draft_id, **body.model_dump()
    )
    outcome = ReviewOutcome.model_validate(
        {**ReviewPublic.model_validate(review).model_dump(), "draft_status": draft.status}
    )
    return ready(outcome, status.HTTP_201_CREATED)


@router.get("/drafts/{draft_id}/reviews", response_model=ListPublic[ReviewPublic])
def list_reviews(draft_id: IdPath, session: SessionDep, user: OfficerUser) -> dict:
    """The review history of a draft, oldest first."""
    rows = workflow.list_reviews(session, user, draft_id)
    return {"data": [ReviewPublic.model_validate(r) for r in rows], "count": len(rows)}


@router.post(
    "/drafts/{draft_id}/dismissals",
    response_model=DismissalPublic,
    status_code=status.HTTP_201_CREATED,
)
def dismiss_flag(
    draft_id: IdPath, body: DismissalCreate, session: SessionDep, user: OfficerUser
) -> JSONResponse:
    """Dismiss a flag as a false alarm: on this draft, for its unit, or globally (admins)."""
    dismissal = workflow.dismiss_flag(session, user, draft_id, **body.model_dump())
    return ready(DismissalPublic.model_validate(dismissal), status.HTTP_201_CREATED)
