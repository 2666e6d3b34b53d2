"""Scoreboard and 稿酬 report answers."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from service.tables import OutletLevel

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
