"""The scoring rules document: one office's scoring table, stored in scoring_rules.rules.

Every part is data an admin edits (offices' tables differ, see DOMAIN.md); unknown fields
are refused so a typo never silently scores nothing. Numbers are plain JSON numbers; the
calculus (services/scoring.py) turns them into Decimals.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    field_validator,
    model_validator,
)

from service.schemas.common import MAX_ID, Input, OfficeDate
from service.schemas.text import Name, bounded
from service.tables import OutletLevel, ScoringRule

LEVELS: tuple[OutletLevel, ...] = tuple(OutletLevel)
LEVEL_RANK = {
    OutletLevel.county: 1,
    OutletLevel.city: 2,
    OutletLevel.province: 3,
    OutletLevel.national: 4,
}
CODE = r"^[a-z][a-z0-9_]{0,19}$"

# points, factors and amounts are JSON numbers: finite, never text ("5") or true/false;
# every use below bounds them as well
PointsValue = Annotated[StrictFloat, Field(allow_inf_nan=False)]
Count = Annotated[StrictInt, Field(ge=1, le=1000)]


InfoTypeName = Annotated[Name, Field(min_length=1, max_length=20)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Form(Strict):
    """How a piece was adopted (全文/摘要/综合 ...) and the share of the points it earns."""

    name: Annotated[Name, Field(min_length=1, max_length=20)]
    factor: PointsValue = Field(gt=0, le=10)


class InstructionRule(Strict):
    """批示: `add` adds points[level]; `multiply` multiplies the piece's points by it."""

    mode: Literal["add", "multiply"] = "add"
    points: dict[OutletLevel, PointsValue]

    @model_validator(mode="after")
    def _complete(self) -> InstructionRule:
        _require_levels(self.points, "instruction.points")
        low = 1 if self.mode == "multiply" else 0
        if any(v < low or v > 1000 for v in self.points.values()):
            raise ValueError(f"instruction.points 的取值须在 {low}～1000 之间")
        return self


class JointRule(Strict):
    """合报: without explicit shares, the lead unit gets lead_share (None: equal split)."""

    lead_share: PointsValue | None = Field(default=None, gt=0, lt=1)


class SolicitationRule(Strict):
    """约稿: points for a missing or late piece (≤ 0); missing N times in a year zeroes it."""

    missing: PointsValue = Field(default=-10, le=0, ge=-1000)
    late: PointsValue = Field(default=-10, le=0, ge=-1000)
    zero_year_after_missing: Annotated[StrictInt, Field(ge=1, le=100)] | None = None


class MonthlyBase(Strict):
    """Base points for a month in which a unit submits at least min_pieces drafts of a category."""

    info_type: Literal["dynamic", "problem", "special"] | None = "dynamic"  # None: any category
    min_pieces: Count
    points: PointsValue = Field(ge=0, le=1000)


class RulesDoc(Strict):
    info_types: dict[str, InfoTypeName] = Field(min_length=1, max_length=20)  # code -> 中文名
    points: dict[OutletLevel, dict[str, PointsValue]]  # level -> info type -> points
    outlet_points: dict[int, dict[str, PointsValue]] = Field(default_factory=dict, max_length=1000)
    forms: dict[str, Form] = Field(min_length=1)
    forwarding: dict[OutletLevel, PointsValue] = Field(default_factory=dict)  # 转报 multiplier
    instruction: InstructionRule
    joint: JointRule = Field(default_factory=JointRule)
    solicitation: SolicitationRule = Field(default_factory=SolicitationRule)
    monthly_base: MonthlyBase | None = None
    remuneration: dict[OutletLevel, PointsValue] = Field(default_factory=dict)  # 稿酬, 元/篇

    @field_validator("info_types", "forms")
    @classmethod
    def _codes(cls, value: dict) -> dict:
        bad = [k for k in value if not _is_code(k)]
        if bad:
            raise ValueError(f"代码须为小写字母开头的字母、数字或下划线：{bad}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RulesDoc:
        types = set(self.info_types)
        _require_levels(self.points, "points")
        for level, table in self.points.items():
            if set(table) != types:
                raise ValueError(f"points.{level} 须为每种信息类型给出分值：{sorted(types)}")
            _check_range(table.values(), 0, 1000, f"points.{level}")
        for outlet_id, table in self.outlet_points.items():
            if not 1 <= outlet_id <= MAX_ID or not set(table) <= types:
                raise ValueError(f"outlet_points.{outlet_id} 的信息类型须在 {sorted(types)} 之内")
            _check_range(table.values(), 0, 1000, f"outlet_points.{outlet_id}")
        _check_range(self.forwarding.values(), 1, 100, "forwarding")
        _check_range(self.remuneration.values(), 0, 100_000, "remuneration")
        return self


def _is_code(value: str) -> bool:
    return re.fullmatch(CODE, value) is not None


def _require_levels(table: dict, where: str) -> None:
    missing = [str(level) for level in LEVELS if level not in table]
    if missing:
        raise ValueError(f"{where} 缺少级别：{missing}")


def _check_range(values, low: float, high: float, where: str) -> None:
    if any(v < low or v > high for v in values):
        raise ValueError(f"{where} 的取值须在 {low}～{high} 之间")


# -- stored rule versions ---------------------------------------------------------------------

RuleName = bounded(Name, ScoringRule.name, min_length=1)


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
