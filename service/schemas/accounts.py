"""Users, units and tokens."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import DbId
from service.tables import Role


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class UnitCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    kind: str = "department"


class UnitPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    active: bool


class UserCreate(BaseModel):
    username: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=8, max_length=128)
    role: Role
    unit_id: DbId | None = None
    full_name: str = ""


class UserPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    username: str
    full_name: str
    role: Role
    unit_id: int | None
    active: bool
    last_login_at: datetime | None = None
