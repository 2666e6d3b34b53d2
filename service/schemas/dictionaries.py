"""Admin dictionaries: custom sensitive terms and allow-lists."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import DbId


class DictionaryCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    kind: Literal["custom_term", "allow"] = "custom_term"
    unit_id: DbId | None = None


class DictionaryUpdate(BaseModel):
    active: bool | None = None
    name: str | None = Field(default=None, min_length=1, max_length=100)


class DictionaryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    unit_id: int | None
    active: bool
    terms: int = 0


class TermIn(BaseModel):
    term: str = Field(min_length=1, max_length=100)
    replacement: str | None = Field(default=None, max_length=100)
    message: str = Field(default="", max_length=300)
    severity: Literal["error", "warning", "info"] = "warning"


class TermsAdd(BaseModel):
    terms: list[TermIn] = Field(min_length=1, max_length=100_000)


class TermPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    term: str
    replacement: str | None
    message: str
    severity: str
