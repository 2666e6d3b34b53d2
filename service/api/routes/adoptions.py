"""Adoptions and leader instructions (批示) on drafts (reviewer), their corrections and withdrawals."""

from __future__ import annotations

from fastapi import APIRouter, Query, status
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.api.deps import OfficerUser, ReviewerUser, SessionDep
from service.api.params import FromQuery, IdPath, IdQuery, Offset, ToQuery
from service.schemas.adoptions import (
    AdoptionCorrection,
    AdoptionCreate,
    AdoptionPublic,
    Correction,
    InstructionCorrection,
    InstructionCreate,
    InstructionPublic,
    Withdrawn,
)
from service.schemas.common import ListPublic
from service.services import adoptions, corrections
from service.tables import Adoption

router = APIRouter(prefix="/api/v1", tags=["scoring"])


# -- adoptions ---------------------------------------------------------------------------------


def created(model: BaseModel, status_code: int = status.HTTP_201_CREATED) -> JSONResponse:
    """The 201 response, serialized here in the endpoint's own worker thread.

    The adoption and instruction endpoints hold the draft's row lock until the session
    commits. FastAPI validates a returned model in a *new* threadpool task before the
    function-scoped session commits; in a burst of requests on one draft every worker can be
    blocked on that lock, the holder then waits for a worker that never frees, and all wait
    for the pool timeout. A ready Response skips that step, so the holder commits at once.
    """
    return JSONResponse(jsonable_encoder(model), status_code=status_code)


def adoption_public(
    row: Adoption, outlet_name: str, outlet_level: str, title: str | None = None
) -> AdoptionPublic:
    return AdoptionPublic(
        id=row.id,
        draft_id=row.draft_id,
        draft_title=title,
        outlet_id=row.outlet_id,
        outlet_name=outlet_name,
        outlet_level=outlet_level,
        unit_id=row.unit_id,
        adopted_on=row.adopted_on,
        form=row.form,
        info_type=row.info_type,
        forwarded_to=row.forwarded_to,
        points=float(row.points),
        shares={int(k): float(v) for k, v in (row.shares or {}).items()},
        note=row.note,
        rule_id=row.rule_id,
        recorded_by=row.recorded_by,
        created_at=row.created_at,
    )


@router.post(
    "/drafts/{draft_id}/adoptions",
    response_model=AdoptionPublic,
    status_code=status.HTTP_201_CREATED,
)
def create_adoption(
    draft_id: IdPath, body: AdoptionCreate, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Record that an outlet adopted the draft; points by the rules in force that day."""
    row, outlet = adoptions.record_adoption(session, user, draft_id, body)
    return created(adoption_public(row, outlet.name, outlet.level))


@router.get("/drafts/{draft_id}/adoptions", response_model=ListPublic[AdoptionPublic])
def list_draft_adoptions(draft_id: IdPath, session: SessionDep, user: OfficerUser) -> dict:
    """The draft's adoptions (officers: their own unit's drafts only)."""
    draft, rows = adoptions.draft_adoptions(session, user, draft_id)
    data = [adoption_public(a, name, level, draft.title) for a, name, level in rows]
    return {"data": data, "count": len(data)}


@router.get("/adoptions", response_model=ListPublic[AdoptionPublic])
def list_adoptions(
    session: SessionDep,
    user: OfficerUser,
    unit_id: IdQuery = None,
    start: FromQuery = None,
    end: ToQuery = None,
    offset: Offset = 0,
    limit: int = Query(default=50, ge=1, le=500),
) -> dict:
    """Adoptions, newest first, filtered by unit and date (officers: their own unit)."""
    rows, total = adoptions.list_adoptions(
        session, user, unit_id=unit_id, start=start, end=end, offset=offset, limit=limit
    )
    return {"data": [adoption_public(*r) for r in rows], "count": total}


# -- instructions ------------------------------------------------------------------------------


@router.post(
    "/drafts/{draft_id}/instructions",
    response_model=InstructionPublic,
    status_code=status.HTTP_201_CREATED,
)
def create_instruction(
    draft_id: IdPath, body: InstructionCreate, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Record a leader's instruction (批示); a second one at the same level scores 0."""
    row = adoptions.record_instruction(session, user, draft_id, body)
    return created(InstructionPublic.model_validate(row))


@router.get("/drafts/{draft_id}/instructions", response_model=ListPublic[InstructionPublic])
def list_draft_instructions(draft_id: IdPath, session: SessionDep, user: OfficerUser) -> dict:
    """The draft's instructions (officers: their own unit's drafts only)."""
    rows = adoptions.draft_instructions(session, user, draft_id)
    return {"data": [InstructionPublic.model_validate(r) for r in rows], "count": len(rows)}


# -- corrections (reviewers and admins; audited) -------------------------------------------------


@router.patch("/adoptions/{adoption_id}", response_model=AdoptionPublic)
def correct_adoption(
    adoption_id: IdPath, body: AdoptionCorrection, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Correct a wrongly entered adoption: re-enter it as it should have been, with a reason."""
    row, outlet = corrections.correct_adoption(session, user, adoption_id, body)
    return created(adoption_public(row, outlet.name, outlet.level), status.HTTP_200_OK)


@router.post("/adoptions/{adoption_id}/withdraw", response_model=Withdrawn)
def withdraw_adoption(
    adoption_id: IdPath, body: Correction, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Withdraw a wrongly entered adoption; its points leave the scoreboard (audited)."""
    row = corrections.withdraw_adoption(session, user, adoption_id, body.reason)
    gone = Withdrawn(id=row.id, draft_id=row.draft_id, points=float(row.points),
                     reason=body.reason.strip())  # fmt: skip
    return created(gone, status.HTTP_200_OK)


@router.patch("/instructions/{instruction_id}", response_model=InstructionPublic)
def correct_instruction(
    instruction_id: IdPath, body: InstructionCorrection, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Correct a wrongly entered 批示 (level, date, text), with a reason; points follow."""
    row = corrections.correct_instruction(session, user, instruction_id, body)
    return created(InstructionPublic.model_validate(row), status.HTTP_200_OK)


@router.post("/instructions/{instruction_id}/withdraw", response_model=Withdrawn)
def withdraw_instruction(
    instruction_id: IdPath, body: Correction, session: SessionDep, user: ReviewerUser
) -> JSONResponse:
    """Withdraw a wrongly entered 批示; its points leave the scoreboard (audited)."""
    row = corrections.withdraw_instruction(session, user, instruction_id, body.reason)
    gone = Withdrawn(id=row.id, draft_id=row.draft_id, points=float(row.points),
                     reason=body.reason.strip())  # fmt: skip
    return created(gone, status.HTTP_200_OK)
