"""Leaders' table (admin): name, post, level, order, term."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Term(BaseModel):
    @model_validator(mode="after")
    def _dates(self):
        start, end = getattr(self, "valid_from", None), getattr(self, "valid_to", None)
        if start is not None and end is not None and end < start:
            raise ValueError("任期结束日期早于开始日期")
        return self


class LeaderCreate(_Term):
    name: str = Field(min_length=2, max_length=20)
    post: str = Field(min_length=2, max_length=60)
    level: str = Field(default="", max_length=20)
    sort_order: int = Field(default=0, ge=0)
    valid_from: date | None = None
    valid_to: date | None = None


class LeaderUpdate(_Term):
    name: str | None = Field(default=None, min_length=2, max_length=20)
    post: str | None = Field(default=None, min_length=2, max_length=60)
    level: str | None = Field(default=None, max_length=20)
    sort_order: int | None = Field(default=None, ge=0)
    valid_from: date | None = None
    valid_to: date | None = None


class LeaderPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    post: str
    level: str
    sort_order: int
    valid_from: date | None
    valid_to: date | None
