"""Shared response shapes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from service.schemas.text import RequiredText, Text

T = TypeVar("T")

# why a record is corrected or withdrawn (kept in the audit log); a free-text note
Reason = Annotated[RequiredText, Field(min_length=1, max_length=500)]
Note = Annotated[Text, Field(max_length=2000)]


class Input(BaseModel):  # a request body: unknown fields are refused
    model_config = ConfigDict(extra="forbid")


# ids are 32-bit columns (PostgreSQL `integer`): anything outside is 422, never a 500
MAX_ID = 2**31 - 1
DbId = Annotated[int, Field(ge=1, le=MAX_ID)]
SmallInt = Annotated[int, Field(ge=0, le=MAX_ID)]  # counts and orders in 32-bit columns


def _date_text(value: Any) -> Any:
    """Dates come as "YYYY-MM-DD" text: a bare number is not silently read as a timestamp."""
    if isinstance(value, int | float):
        raise PydanticCustomError("date_type", "日期须写成 YYYY-MM-DD")
    return value


# a date an office works with: 2000-01-01 … 2100-12-31 (9999-12-31 is a typo, not a plan)
OfficeDate = Annotated[
    date, BeforeValidator(_date_text), Field(ge=date(2000, 1, 1), le=date(2100, 12, 31))
]


class ListPublic(BaseModel, Generic[T]):  # Generic: Python 3.11 has no PEP 695 syntax
    data: list[T]
    count: int
