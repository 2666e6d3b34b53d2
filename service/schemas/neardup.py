"""Near-duplicate drafts: the most similar stored draft, and reviewers' 合报/重复 marks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from service.schemas.common import DbId, Reason
from service.schemas.text import Line, bounded
from service.tables import DraftMark

MarkKind = Literal["joint", "duplicate"]  # 合报 | 重复
# how the other draft relates to this one: one joint piece; this is a duplicate of the other;
# the other is a duplicate of this one
MarkRole = Literal["joint", "duplicate_of", "duplicated_by"]


class SimilarBrief(BaseModel):
    """The most similar other stored draft (queue rows), estimated Jaccard ≥ 0.5."""

    draft_id: int
    similarity: float
    unit_name: str
    created_at: datetime
    label: str  # 与 #123（某单位，2026-11-02）相似 87%


class MarkBrief(BaseModel):
    id: int
    kind: MarkKind
    role: MarkRole
    other_draft_id: int
    label: str  # 与 #123（某单位）合报 | 为 #123（某单位）的重复稿 | #125（某单位）与本稿重复


class MarkPublic(MarkBrief):
    draft_id: int  # the draft the mark was read from
    other_unit_id: int
    other_unit_name: str
    other_title: str
    note: str
    marked_by: int | None
    created_at: datetime


class MarkCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    other_draft_id: DbId
    kind: MarkKind
    note: bounded(Line, DraftMark.note) = ""  # type: ignore[valid-type]


class MarkWithdrawal(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason  # kept in the audit log
