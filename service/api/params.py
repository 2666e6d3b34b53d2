"""Bounded path and query parameters: an id, a page or a day outside their range is 422."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query

from service.schemas.common import MAX_ID

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
TitleQuery = Annotated[str | None, Query(max_length=100, description="标题包含的文字")]

# Days asked for in queries (a period to score, a rule in force): period arithmetic steps a
# year either side, so 0001-01-01 or 9999-12-31 would overflow Python's date (a 500 before).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)
DayQuery = Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY)]
DateQuery = Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY, alias="date")]
FromQuery = Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY, alias="from")]
ToQuery = Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY, alias="to")]
