"""Bounded path and query parameters: an id or a page outside the columns' range is 422."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from service.schemas.common import MAX_ID

IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=MAX_ID)]
TitleQuery = Annotated[str | None, Query(max_length=100, description="标题包含的文字")]
