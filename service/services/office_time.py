"""The office's calendar: dates are local (China Standard Time, UTC+8, no DST).

Timestamps are stored in UTC; a period of local dates becomes a half-open UTC range.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

OFFICE_TZ = timezone(timedelta(hours=8), "CST")


def local_today() -> date:
    return datetime.now(OFFICE_TZ).date()


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None:  # SQLite hands back naive UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TZ).date()


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) local, as UTC datetimes for comparisons."""
    first = datetime.combine(start, time.min, OFFICE_TZ).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time.min, OFFICE_TZ).astimezone(UTC)
    return first, after
