"""Admin dictionaries: custom sensitive terms and allow-lists."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import DbId
from service.schemas.text import Line, Name, Text, bounded
from service.tables import Dictionary, DictionaryTerm

DictionaryName = bounded(Name, Dictionary.name, min_length=1)
TermText = bounded(Name, DictionaryTerm.term, min_length=1)
Replacement = bounded(Line, DictionaryTerm.replacement)
TermMessage = bounded(Text, DictionaryTerm.message)


class DictionaryCreate(BaseModel):
    name: DictionaryName
    kind: Literal["custom_term", "allow"] = "custom_term"
    unit_id: DbId | None = None


class DictionaryUpdate(BaseModel):
    active: bool | None = None
    name: DictionaryName | None = None


class DictionaryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    kind: str
    unit_id: int | None
    active: bool
    terms: int = 0


class TermIn(BaseModel):
    term: TermText
    replacement: Replacement | None = None
    message: TermMessage = ""
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
