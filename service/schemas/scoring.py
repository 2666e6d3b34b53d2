"""Outlets, scoring rule versions, adoptions, instructions, solicitations, scores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.schemas.common import DbId
from service.schemas.scoring_rules import RulesDoc
from service.tables import OutletLevel


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- outlets -----------------------------------------------------------------------------------


class OutletCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    level: OutletLevel


class OutletUpdate(Input):
    name: str | None = Field(default=None, min_length=1, max_length=100)
    level: OutletLevel | None = None
    active: bool | None = None


class OutletPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    level: OutletLevel
    active: bool


# -- rule versions -----------------------------------------------------------------------------


class ScoringRuleCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    effective_from: date
    rules: RulesDoc


class ScoringRulePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    effective_from: date
    rules: RulesDoc
    created_by: int | None
    created_at: datetime


# -- adoptions and instructions ----------------------------------------------------------------


class JointUnit(Input):
    unit_id: DbId
    share: float | None = Field(default=None, gt=0, lt=1)


class AdoptionCreate(Input):
    outlet_id: DbId
    adopted_on: date
    form: str = Field(default="full", min_length=1, max_length=20)
    info_type: str | None = Field(default=None, max_length=20)  # None: from the draft
    forwarded_to: OutletLevel | None = None
    joint_units: list[JointUnit] = Field(default_factory=list, max_length=20)


class Correction(Input):
    reason: str = Field(min_length=1, max_length=500)  # why: kept in the audit log


class AdoptionCorrection(AdoptionCreate):
    """The adoption as it should have been entered, and why it is corrected."""

    reason: str = Field(min_length=1, max_length=500)


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
    instructed_on: date
    text: str = Field(default="", max_length=2000)


class InstructionCorrection(InstructionCreate):
    """The 批示 as it should have been entered, and why it is corrected."""

    reason: str = Field(min_length=1, max_length=500)


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


# -- solicitations (约稿) ------------------------------------------------------------------------

AnswerStatus = Literal["answered", "late", "missing", "pending"]


class SolicitationCreate(Input):
    topic: str = Field(min_length=1, max_length=200)
    outlet_id: DbId | None = None
    due_on: date
    unit_ids: list[DbId] = Field(min_length=1, max_length=500)
    note: str = Field(default="", max_length=2000)


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


# -- scores ------------------------------------------------------------------------------------

PeriodKind = Literal["month", "quarter", "year"]
ScoreBy = Literal["unit", "officer"]


class ScoreRow(BaseModel):
    rank: int
    unit_id: int
    unit_name: str
    user_id: int | None = None  # by=officer
    user_name: str | None = None
    points: float
    adoption_points: float
    instruction_points: float
    base_points: float  # monthly quota base points (units only)
    penalty_points: float  # 约稿 missing/late, ≤ 0 (units only)
    submitted: int
    adopted: int  # drafts first adopted in the period (篇)
    adoptions: int  # adoptions in the period (条次)
    # of the drafts submitted in the period, the share adopted so far (any date): never > 1
    adoption_rate: float | None
    submitted_adopted: int = 0  # drafts submitted in the period and adopted so far
    instructions: int  # 批示 recorded in the period
    missing: int = 0  # 约稿 not sent
    late: int = 0
    zeroed: bool = False  # the year is zeroed for missing 约稿 too often
    previous_points: float
    previous_rank: int
    points_change: float
    rank_change: int  # previous_rank - rank: positive moved up


class PeriodPublic(BaseModel):
    kind: PeriodKind
    label: str
    start: date
    end: date


class ScoreboardPublic(BaseModel):
    period: PeriodPublic
    previous: PeriodPublic
    by: ScoreBy
    data: list[ScoreRow]
    count: int


class RemunerationLevel(BaseModel):
    count: int
    amount: float


class RemunerationRow(BaseModel):
    unit_id: int
    unit_name: str
    user_id: int | None = None
    user_name: str | None = None
    levels: dict[OutletLevel, RemunerationLevel]
    count: int
    amount: float


class RemunerationPublic(BaseModel):
    period: PeriodPublic
    by: ScoreBy
    data: list[RemunerationRow]
    count: int
    total_amount: float
