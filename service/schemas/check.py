"""Check request. The response is the CheckReport contract (models.report)."""

from __future__ import annotations

from pydantic import BaseModel

from service.schemas.drafts import DraftTitle
from service.schemas.text import Body


class CheckRequest(BaseModel):
    title: DraftTitle = ""
    body: Body
