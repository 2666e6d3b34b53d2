"""Adoptions and leader instructions (批示) on drafts, their corrections and withdrawals."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictFloat

from service.schemas.common import DbId, Input, OfficeDate, Reason
from service.schemas.text import Line, Text, bounded
from service.tables import Adoption, OutletLevel

FormCode = bounded(Line, Adoption.form, min_length=1)
InfoTypeCode = bounded(Line, Adoption.info_type)
InstructionText = Annotated[Text, Field(max_length=2000)]
Share = Annotated[StrictFloat, Field(gt=0, lt=1, allow_inf_nan=False)]


class JointUnit(Input):
    unit_id: DbId
    share: Share | None = None


class AdoptionCreate(Input):
    outlet_id: DbId
    adopted_on: OfficeDate
    form: FormCode = "full"
    info_type: InfoTypeCode | None = None  # None: from the draft
    forwarded_to: OutletLevel | None = None
    joint_units: list[JointUnit] = Field(default_factory=list, max_length=20)


class Correction(Input):
    reason: Reason  # why: kept in the audit log


class AdoptionCorrection(AdoptionCreate):
    """The adoption as it should have been entered, and why it is corrected."""

    reason: Reason


class AdoptionPublic(BaseModel):
    id: int
    draft_id: int
    draft_title: str | None = None
    outlet_id: int
    outlet_name: str
    outlet_level: OutletLevel
    unit_id: int
    adopted_on: date
    form: str
    info_type: str
    forwarded_to: OutletLevel | None
    points: float
    shares: dict[int, float]
    note: str
    rule_id: int | None
    recorded_by: int | None
    created_at: datetime


class InstructionCreate(Input):
    leader_level: OutletLevel
    instructed_on: OfficeDate
    text: InstructionText = ""


class InstructionCorrection(InstructionCreate):
    """The 批示 as it should have been entered, and why it is corrected."""

    reason: Reason


class Withdrawn(BaseModel):
    """What a withdrawal removed (the full record stays in the audit log)."""

    id: int
    draft_id: int
    withdrawn: bool = True
    points: float  # the points taken off the scoreboard
    reason: str


class InstructionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    draft_id: int
    unit_id: int
    leader_level: OutletLevel
    instructed_on: date
    text: str
    points: float
    note: str
    rule_id: int | None
    recorded_by: int | None
    created_at: datetime
