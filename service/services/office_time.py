"""The office's calendar: which local day and month a moment falls in.

The zone is one setting, `GOVBRIEF_TIMEZONE` (an IANA name, default Asia/Shanghai), applied
by `configure` when the app or a command starts. Timestamps are stored in UTC (and read back
time-zone aware from SQLite as from PostgreSQL: tables/base.py `UTCDateTime`); a period of
local dates becomes a half-open UTC range.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"
OFFICE_TZ: tzinfo = ZoneInfo(DEFAULT_TIMEZONE)  # the default zone (tests and demo data use it)
_zone: dict[str, tzinfo] = {"tz": OFFICE_TZ}


def configure(name: str) -> None:
    """Use this IANA zone for the office calendar from now on (Settings.timezone)."""
    _zone["tz"] = ZoneInfo(name)


def office_tz() -> tzinfo:
    return _zone["tz"]


def local_now() -> datetime:
    return datetime.now(office_tz())


def local_today() -> date:
    return local_now().date()


def local_date(moment: datetime) -> date:
    if moment.tzinfo is None:  # a naive value is UTC (what the database stores)
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(office_tz()).date()


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) local, as UTC datetimes for comparisons."""
    zone = office_tz()
    first = datetime.combine(start, time.min, zone).astimezone(UTC)
    after = datetime.combine(end + timedelta(days=1), time.min, zone).astimezone(UTC)
    return first, after
