"""Locks that say "an API process is running on this data".

Every API process holds, while it serves, a shared lock on `var/server.lock` (the secret key
lives there) and a shared lock on the database itself: on SQLite a `flock` on a lock file next
to the database file (`govbrief.db.server.lock`), on PostgreSQL a session-level advisory lock in
that database, held on a connection of its own. `govbrief db restore` needs both exclusively,
so it refuses while a server runs on the same database even when that server was started with
another var/ directory (or reaches the database by another URL), and a server starting during a
restore waits for it. Both kinds of lock die with the process or its connection, so a crashed
server never blocks a restore.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from service.core.db import normalize_url
from service.core.private_files import FILE_MODE, private_dir

LOCK_NAME = "server.lock"
DB_LOCK_SUFFIX = ".server.lock"
# advisory locks are scoped to one database, so one fixed key names "the server lock" in each
PG_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"govbrief server lock").digest()[:8], "big", signed=True
)


class ServerRunning(Exception):
    """Another process holds the lock."""


@dataclass
class HeldLock:
    """What a serving process holds; `release` gives it all back."""

    fds: list[int] = field(default_factory=list)
    connection: Connection | None = None


def sqlite_lock_path(database_url: str) -> Path | None:
    """The lock file next to a SQLite database file (None for PostgreSQL or in-memory)."""
    url = make_url(normalize_url(database_url))
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        return None
    db = Path(url.database).resolve()
    return db.with_name(db.name + DB_LOCK_SUFFIX)


def _open(path: Path) -> int:
    private_dir(path.parent)
    return os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)


def _flock_shared(path: Path) -> int:
    fd = _open(path)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def _pg_connection(database_url: str) -> Connection:
    engine = create_engine(
        normalize_url(database_url), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    return engine.connect()


def hold_shared(var_dir: Path, database_url: str) -> HeldLock:
    """Take the shared locks for a serving process (waits while a restore runs)."""
    held = HeldLock()
    try:
        held.fds.append(_flock_shared(var_dir / LOCK_NAME))
        db_lock = sqlite_lock_path(database_url)
        if db_lock is not None:
            held.fds.append(_flock_shared(db_lock))
        elif make_url(normalize_url(database_url)).get_backend_name() == "postgresql":
            held.connection = _pg_connection(database_url)
            held.connection.execute(text("SELECT pg_advisory_lock_shared(:k)"), {"k": PG_LOCK_KEY})
    except BaseException:
        release(held)
        raise
    return held


def release(held: HeldLock) -> None:
    if held.connection is not None:
        engine = held.connection.engine
        held.connection.close()  # ends the session: its advisory locks go with it
        engine.dispose()
        held.connection = None
    for fd in held.fds:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    held.fds.clear()


@contextmanager
def exclusive(var_dir: Path, database_url: str) -> Iterator[None]:
    """Hold every lock exclusively, or raise ServerRunning at once if a server holds one."""
    with ExitStack() as stack:
        stack.enter_context(_flock_exclusive(var_dir / LOCK_NAME))
        db_lock = sqlite_lock_path(database_url)
        if db_lock is not None:
            stack.enter_context(_flock_exclusive(db_lock))
        elif make_url(normalize_url(database_url)).get_backend_name() == "postgresql":
            stack.enter_context(_pg_exclusive(database_url))
        yield


@contextmanager
def _flock_exclusive(path: Path) -> Iterator[None]:
    fd = _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ServerRunning from exc
        yield
    finally:
        os.close(fd)


@contextmanager
def _pg_exclusive(database_url: str) -> Iterator[None]:
    conn = _pg_connection(database_url)
    try:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": PG_LOCK_KEY}).scalar()
        if not got:
            raise ServerRunning
        yield
    finally:
        engine = conn.engine
        conn.close()
        engine.dispose()
