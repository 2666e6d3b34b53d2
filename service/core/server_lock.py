"""A lock file under var/ that says "an API process is running on this data".

Every API process holds a shared lock on `var/server.lock` while it serves; `govbrief db
restore` needs the exclusive lock, so it refuses while a server runs (and a server starting
during a restore waits for it). Advisory `flock` locks are released by the kernel when a
process dies, so a crashed server never blocks a restore.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from service.core.private_files import FILE_MODE, private_dir

LOCK_NAME = "server.lock"


class ServerRunning(Exception):
    """Another process holds the lock."""


def _open(var_dir: Path) -> int:
    private_dir(var_dir)
    return os.open(var_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, FILE_MODE)


def hold_shared(var_dir: Path) -> int:
    """Take the shared lock for a serving process (waits while a restore runs); returns the fd."""
    fd = _open(var_dir)
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def release(fd: int) -> None:
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@contextmanager
def exclusive(var_dir: Path) -> Iterator[None]:
    """Hold the exclusive lock, or raise ServerRunning at once if a server holds it."""
    fd = _open(var_dir)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ServerRunning from exc
        yield
    finally:
        os.close(fd)
