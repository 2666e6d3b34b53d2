"""Admin: the leaders' table (names, posts, order, terms) that checks compare drafts with."""

from __future__ import annotations

from fastapi import APIRouter, status

from service.api.deps import AdminUser, SessionDep
from service.api.params import IdPath
from service.repositories import leaders as repo
from service.schemas.common import ListPublic
from service.schemas.leaders import LeaderCreate, LeaderPublic, LeaderUpdate
from service.services import leaders as service

router = APIRouter(prefix="/api/v1/leaders", tags=["admin"])


@router.get("", response_model=ListPublic[LeaderPublic])
def list_leaders(session: SessionDep, _: AdminUser) -> dict:
    """Every row of the table, in listing order."""
    rows = repo.list_leaders(session)
    return {"data": rows, "count": len(rows)}


@router.post("", response_model=LeaderPublic, status_code=status.HTTP_201_CREATED)
def create_leader(body: LeaderCreate, session: SessionDep, admin: AdminUser) -> LeaderPublic:
    """Add a leader in a post; checks pick it up within seconds, no restart."""
    return LeaderPublic.model_validate(service.create(session, body, admin.id))


@router.patch("/{leader_id}", response_model=LeaderPublic)
def update_leader(
    leader_id: IdPath, body: LeaderUpdate, session: SessionDep, admin: AdminUser
) -> LeaderPublic:
    """Change a row: post, order, or the end of a term (valid_to)."""
    return LeaderPublic.model_validate(service.update(session, leader_id, body, admin.id))


@router.delete("/{leader_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_leader(leader_id: IdPath, session: SessionDep, admin: AdminUser) -> None:
    """Remove a row entered by mistake (a term that ended keeps its row, with valid_to)."""
    service.delete(session, leader_id, admin.id)
