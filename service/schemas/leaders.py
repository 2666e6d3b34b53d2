"""Leaders' table (admin): name, post, level, order, term."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, model_validator

from service.schemas.common import OfficeDate, SmallInt
from service.schemas.text import Line, Name, bounded
from service.tables import Leader

LeaderName = bounded(Name, Leader.name, min_length=2)
LeaderPost = bounded(Name, Leader.post, min_length=2)
LeaderLevel = bounded(Line, Leader.level)


class _Term(BaseModel):
    @model_validator(mode="after")
    def _dates(self):
        start, end = getattr(self, "valid_from", None), getattr(self, "valid_to", None)
        if start is not None and end is not None and end < start:
            raise ValueError("任期结束日期早于开始日期")
        return self


class LeaderCreate(_Term):
    name: LeaderName
    post: LeaderPost
    level: LeaderLevel = ""
    sort_order: SmallInt = 0
    valid_from: OfficeDate | None = None
    valid_to: OfficeDate | None = None


class LeaderUpdate(_Term):
    name: LeaderName | None = None
    post: LeaderPost | None = None
    level: LeaderLevel | None = None
    sort_order: SmallInt | None = None
    valid_from: OfficeDate | None = None
    valid_to: OfficeDate | None = None


class LeaderPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    post: str
    level: str
    sort_order: int
    valid_from: date | None
    valid_to: date | None
