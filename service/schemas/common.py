"""Shared response shapes."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")

# ids are 32-bit columns (PostgreSQL `integer`): anything outside is 422, never a 500
MAX_ID = 2**31 - 1
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ListPublic(BaseModel, Generic[T]):  # Generic: Python 3.11 has no PEP 695 syntax
    data: list[T]
    count: int
