"""Shared response shapes."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class ListPublic(BaseModel, Generic[T]):  # noqa: UP046 (Python 3.11 has no PEP 695)
    data: list[T]
    count: int
