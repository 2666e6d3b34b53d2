"""Admin: users and units."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from sqlalchemy.orm import Session

from service.api.deps import AdminUser, OfficerUser, SessionDep
from service.api.params import IdPath, Offset
from service.core.usernames import username_digest
from service.repositories import users as repo
from service.schemas.accounts import (
    PasswordReset,
    PasswordResetPublic,
    UnitCreate,
    UnitPublic,
    UnlockPublic,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from service.schemas.common import MAX_ID, ListPublic
from service.services import accounts, login_throttle
from service.tables import User

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
    return {"data": _public(session, rows), "count": total}


def _public(session: Session, users: list[User]) -> list[UserPublic]:
    """Users as shown, with `locked` (a login lock on the name from some client)."""
    locked = login_throttle.locked_digests(session, datetime.now(UTC))
    return [
        UserPublic.model_validate(u).model_copy(
            update={"locked": username_digest(u.username) in locked}
        )
        for u in users
    ]


@router.post("/users", response_model=UserPublic, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep, admin: AdminUser) -> UserPublic:
    """Create a user with a role and a unit."""
    user = accounts.create_user(session, **body.model_dump(), actor_id=admin.id)
    return UserPublic.model_validate(user)


@router.patch("/users/{user_id}", response_model=UserPublic)
def update_user(
    user_id: IdPath, body: UserUpdate, session: SessionDep, admin: AdminUser
) -> UserPublic:
    """Change a user's role, unit, full name, or deactivate/reactivate the account
    (deactivating ends its sessions; the last active admin cannot be demoted or deactivated)."""
    target = accounts.get_user_or_404(session, user_id)
    changes = body.model_dump(exclude_unset=True)
    changes = {k: v for k, v in changes.items() if v is not None or k == "unit_id"}
    accounts.update_user(session, target, changes, actor_id=admin.id)
    session.flush()
    return _public(session, [target])[0]


@router.post("/users/{user_id}/password", response_model=PasswordResetPublic)
def reset_password(
    user_id: IdPath, body: PasswordReset, session: SessionDep, admin: AdminUser
) -> PasswordResetPublic:
    """Set a new password for a user (or generate one, shown once); their tokens stop working
    and any login lock on the name is lifted."""
    target = accounts.get_user_or_404(session, user_id)
    generated = accounts.reset_password(session, target, body.new_password, actor_id=admin.id)
    return PasswordResetPublic(user_id=target.id, generated_password=generated)


@router.post("/users/{user_id}/unlock", response_model=UnlockPublic)
def unlock_user(user_id: IdPath, session: SessionDep, admin: AdminUser) -> UnlockPublic:
    """Lift the login locks on a user's name (after too many failed logins)."""
    target = accounts.get_user_or_404(session, user_id)
    return UnlockPublic(user_id=target.id, cleared=accounts.unlock(session, target, admin.id))


@router.get("/units", response_model=ListPublic[UnitPublic])
def list_units(session: SessionDep, _: OfficerUser) -> dict:
    """All units (every logged-in user may read them, for names in lists and charts)."""
    rows = repo.list_units(session)
    return {"data": [UnitPublic.model_validate(u) for u in rows], "count": len(rows)}


@router.post("/units", response_model=UnitPublic, status_code=status.HTTP_201_CREATED)
def create_unit(body: UnitCreate, session: SessionDep, _: AdminUser) -> UnitPublic:
    """Create a unit."""
    return UnitPublic.model_validate(accounts.create_unit(session, body.name, body.kind))
