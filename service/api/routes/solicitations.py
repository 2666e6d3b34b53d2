"""Solicitations (约稿): reviewers ask units for pieces; officers see those asking their unit."""

from __future__ import annotations

from fastapi import APIRouter, Query, status

from service.api.deps import OfficerUser, ReviewerUser, SessionDep
from service.api.params import IdPath, Offset
from service.schemas.common import ListPublic
from service.schemas.solicitations import SolicitationCreate, SolicitationPublic
from service.services import solicitations

router = APIRouter(prefix="/api/v1", tags=["scoring"])


@router.post(
    "/solicitations", response_model=SolicitationPublic, status_code=status.HTTP_201_CREATED
)
def create_solicitation(
    body: SolicitationCreate, session: SessionDep, user: ReviewerUser
) -> SolicitationPublic:
    """Ask units for a piece on a topic by a due date."""
    row = solicitations.create(session, user, body)
    return SolicitationPublic.model_validate(solicitations.describe(session, [row])[0])


@router.get("/solicitations", response_model=ListPublic[SolicitationPublic])
def list_solicitations(
    session: SessionDep,
    user: OfficerUser,
    offset: Offset = 0,
    limit: int = Query(default=50, ge=1, le=500),
) -> dict:
    """Solicitations, latest due date first, with each asked unit's answer status."""
    rows, total = solicitations.list_for(session, user, offset, limit)
    return {"data": rows, "count": total}


@router.get("/solicitations/{solicitation_id}", response_model=SolicitationPublic)
def get_solicitation(
    solicitation_id: IdPath, session: SessionDep, user: OfficerUser
) -> SolicitationPublic:
    """One solicitation (officers: only those asking their unit)."""
    return SolicitationPublic.model_validate(solicitations.get_for(session, user, solicitation_id))
