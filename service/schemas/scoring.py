"""Outlets, scoring rule versions, adoptions, instructions, solicitations, scores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat

from service.schemas.common import DbId, OfficeDate
from service.schemas.scoring_rules import RulesDoc
from service.schemas.text import Line, Name, RequiredText, Text, bounded
from service.tables import Adoption, Outlet, OutletLevel, ScoringRule, Solicitation

OutletName = bounded(Name, Outlet.name, min_length=1)
RuleName = bounded(Name, ScoringRule.name, min_length=1)
FormCode = bounded(Line, Adoption.form, min_length=1)
InfoTypeCode = bounded(Line, Adoption.info_type)
Topic = bounded(Name, Solicitation.topic, min_length=1)
Reason = Annotated[RequiredText, Field(min_length=1, max_length=500)]
InstructionText = Annotated[Text, Field(max_length=2000)]
Note = Annotated[Text, Field(max_length=2000)]
Share = Annotated[StrictFloat, Field(gt=0, lt=1, allow_inf_nan=False)]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- outlets -----------------------------------------------------------------------------------


class OutletCreate(Input):
    name: OutletName
    level: OutletLevel


class OutletUpdate(Input):
    name: OutletName | None = None
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
    name: RuleName
    effective_from: OfficeDate
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


# -- solicitations (约稿) ------------------------------------------------------------------------

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
