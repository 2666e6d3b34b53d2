"""Check request. The response is the CheckReport contract (models.report)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CheckRequest(BaseModel):
    title: str = Field(default="", max_length=200)
    body: str
