"""Failed-login throttling per (username, client) and per username, in the database (all
processes agree).

`login_max_failures` failures of one name from one client address within `login_lock_minutes`
lock that pair for `login_lock_minutes`. Someone guessing `admin` from their own machine locks
only themselves out; names that do not exist are throttled the same way, so the answers never
tell whether an account exists.

On top of that, `login_max_failures_per_name` failures of one name from all addresses together
(someone guessing from many machines) lock the name everywhere, but only for
`login_lock_minutes`: attempts refused during a lock are not counted, so the lock cannot be
stretched, it ends at a fixed time, and an admin unlock (`clear` without a client) lifts it at
once. An attacker can at most make the real user wait, never shut them out for good. That row
is kept under the client key `*`, which no address can be.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from service.core.config import Settings
from service.core.errors import TooManyRequests
from service.tables import LoginThrottle

CLIENT_MAX = 64
EVERY_CLIENT = "*"  # the row counting a name's failures from all addresses


def client_key(host: str | None) -> str:
    return (host or "unknown")[:CLIENT_MAX].replace(EVERY_CLIENT, "?") or "unknown"


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _row(session: Session, digest: str, client: str) -> LoginThrottle | None:
    return session.scalar(
        select(LoginThrottle).where(
            LoginThrottle.username_digest == digest, LoginThrottle.client == client
        )
    )


def ensure_not_locked(session: Session, digest: str, client: str, now: datetime) -> None:
    """Raise 429 if the name is locked from this client or from every client."""
    until = [
        _aware(row.locked_until)
        for row in (_row(session, digest, client), _row(session, digest, EVERY_CLIENT))
        if row is not None and row.locked_until is not None and _aware(row.locked_until) > now
    ]
    if until:
        wait = int((max(until) - now).total_seconds() // 60) + 1
        error = TooManyRequests(f"登录失败次数过多，请 {wait} 分钟后再试，或请管理员解锁")
        error.headers = {"Retry-After": str(wait * 60)}
        raise error


def record_failure(
    session: Session, settings: Settings, digest: str, client: str, now: datetime
) -> None:
    """Count one failure for the pair and for the name; the caller's unit of work commits it
    even though the login fails."""
    window = timedelta(minutes=settings.login_lock_minutes)
    _count(session, digest, client, settings.login_max_failures, window, now)
    if settings.login_max_failures_per_name > 0:
        _count(session, digest, EVERY_CLIENT, settings.login_max_failures_per_name, window, now)
    _forget_stale(session, now - window, now)


def _count(
    session: Session, digest: str, client: str, limit: int, window: timedelta, now: datetime
) -> None:
    row = _row(session, digest, client)
    if row is None:  # insert-if-absent: a concurrent failure may have created it first
        insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
        session.execute(
            insert(LoginThrottle)
            .values(username_digest=digest, client=client, failures=0, window_start=now)
            .on_conflict_do_nothing(index_elements=["username_digest", "client"])
        )
        row = _row(session, digest, client)
        if row is None:
            return
    if _aware(row.window_start) < now - window:
        row.failures, row.window_start = 0, now
    row.failures += 1
    if row.failures >= limit:
        row.locked_until = now + window
        row.failures, row.window_start = 0, now


def _forget_stale(session: Session, before: datetime, now: datetime) -> None:
    """Rows whose window has passed and that hold no lock mean nothing any more."""
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.window_start < before,
            or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
        )
    )


def clear(session: Session, digest: str, client: str | None = None) -> int:
    """Forget failures and locks of a name from one client (a successful login; the name-wide
    count is left to expire, so a guesser on many machines gets no fresh allowance each time
    the real user signs in), or all of them, the name-wide lock included (an admin unlock)."""
    where = [LoginThrottle.username_digest == digest]
    if client is not None:
        where.append(LoginThrottle.client == client)
    clients = session.scalars(select(LoginThrottle.client).where(*where)).all()
    session.execute(delete(LoginThrottle).where(*where))
    return sum(1 for c in clients if c != EVERY_CLIENT)  # per address, as the API reports


def locked_digests(session: Session, now: datetime) -> set[str]:
    """Names locked from at least one client right now."""
    rows = session.scalars(
        select(LoginThrottle.username_digest).where(LoginThrottle.locked_until > now)
    )
    return set(rows)
