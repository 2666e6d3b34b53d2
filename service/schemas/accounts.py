"""Users, units and tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from service.core.usernames import PASSWORD_MAX, USERNAME_MAX
from service.schemas.common import DbId
from service.schemas.text import Line, Name, bounded
from service.tables import Role, Unit, User


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


UnitName = bounded(Name, Unit.name, min_length=1)
UnitKind = bounded(Name, Unit.kind, min_length=1)
FullName = bounded(Line, User.full_name)
Password = Annotated[str, Field(min_length=1, max_length=PASSWORD_MAX)]  # rules: core/usernames


class UnitCreate(BaseModel):
    name: UnitName
    kind: UnitKind = "department"


class UnitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    active: bool


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=USERNAME_MAX)  # rules: core/usernames
    password: str = Field(min_length=8, max_length=PASSWORD_MAX)
    role: Role
    unit_id: DbId | None = None
    full_name: FullName = ""


class UserUpdate(BaseModel):
    """An admin's change to an account; only the fields sent change (unit_id null: none)."""

    model_config = ConfigDict(extra="forbid")
    role: Role | None = None
    unit_id: DbId | None = None
    full_name: FullName | None = None
    active: bool | None = None


class PasswordChange(BaseModel):
    """The user's own change: the current password is required."""

    current_password: Password
    new_password: Password


class PasswordReset(BaseModel):
    """An admin's reset; without new_password one is generated and returned once."""

    new_password: Password | None = None


class PasswordResetPublic(BaseModel):
    user_id: int
    generated_password: str | None  # shown once when the service chose it; else null


class UnlockPublic(BaseModel):
    user_id: int
    cleared: int  # login locks and failure counts removed (one per client address; the
    # name-wide count and lock go too)


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    full_name: str
    role: Role
    unit_id: int | None
    active: bool
    last_login_at: datetime | None = None
    locked: bool = False  # locked out of logging in from at least one client address
