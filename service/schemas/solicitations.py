"""Solicitations (约稿) and the asked units' answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from service.schemas.common import DbId, Input, Note, OfficeDate
from service.schemas.text import Name, bounded
from service.tables import Solicitation

Topic = bounded(Name, Solicitation.topic, min_length=1)
AnswerStatus = Literal["answered", "late", "missing", "pending"]


class SolicitationCreate(Input):
    topic: Topic
    outlet_id: DbId | None = None
    due_on: OfficeDate
    unit_ids: list[DbId] = Field(min_length=1, max_length=500)
    note: Note = ""


class SolicitationAnswer(BaseModel):
    unit_id: int
    unit_name: str
    status: AnswerStatus  # answered on time / late / missing (past due) / pending (not yet due)
    draft_id: int | None
    submitted_on: date | None


class SolicitationPublic(BaseModel):
    id: int
    topic: str
    outlet_id: int | None
    outlet_name: str | None
    due_on: date
    note: str
    overdue: bool  # past due with at least one asked unit still missing
    units: list[SolicitationAnswer]
    created_by: int | None
    created_at: datetime
