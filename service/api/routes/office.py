"""The office calendar's settings, for clients (the UI shows dates in this zone)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from service.api.deps import SettingsDep
from service.services.office_time import local_now

router = APIRouter(prefix="/api/v1", tags=["office"])


class OfficePublic(BaseModel):
    timezone: str  # IANA name (GOVBRIEF_TIMEZONE): which day and month a write falls in
    today: date  # the office's date now
    utc_offset_minutes: int  # the zone's offset now (informative; use the name for dates)


@router.get("/office", response_model=OfficePublic)
def office(settings: SettingsDep) -> OfficePublic:
    """The office time zone and today's date there (no sign-in needed: nothing secret)."""
    now = local_now()
    offset = now.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    return OfficePublic(timezone=settings.timezone, today=now.date(), utc_offset_minutes=minutes)
