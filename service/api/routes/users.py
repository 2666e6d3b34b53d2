"""Admin: users and units."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from service.api.deps import AdminUser, OfficerUser, SessionDep
from service.api.params import Offset
from service.repositories import users as repo
from service.schemas.accounts import UnitCreate, UnitPublic, UserCreate, UserPublic
from service.schemas.common import MAX_ID, ListPublic
from service.services import accounts

router = APIRouter(prefix="/api/v1", tags=["admin"])


@router.get("/users", response_model=ListPublic[UserPublic])
def list_users(
    session: SessionDep,
    _: AdminUser,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_ID)] = 100,  # more than 500 reads as 500
) -> dict:
    """All users."""
    rows, total = repo.list_users(session, offset, min(limit, 500))
    return {"data": [UserPublic.model_validate(u) for u in rows], "count": total}


@router.post("/users", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep, admin: AdminUser) -> UserPublic:
    """Create a user with a role and a unit."""
    user = accounts.create_user(session, **body.model_dump(), actor_id=admin.id)
    return UserPublic.model_validate(user)


@router.get("/units", response_model=ListPublic[UnitPublic])
def list_units(session: SessionDep, _: OfficerUser) -> dict:
    """All units (every logged-in user may read them, for names in lists and charts)."""
    rows = repo.list_units(session)
    return {"data": [UnitPublic.model_validate(u) for u in rows], "count": len(rows)}


@router.post("/units", response_model=UnitPublic, status_code=status.HTTP_201_CREATED)
def create_unit(body: UnitCreate, session: SessionDep, _: AdminUser) -> UnitPublic:
    """Create a unit."""
    return UnitPublic.model_validate(accounts.create_unit(session, body.name, body.kind))
