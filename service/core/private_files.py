"""Files only the service's own account may read: var/ (0700), the SQLite database, its WAL and
shared-memory files, the secret key and backups (0600).

The database holds password hashes, every draft and the model artifacts, and the secret key
signs tokens, so none of them may be readable by other local accounts, not even for a moment.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if missing; a directory we create is 0700."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
        path.chmod(DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def tighten(path: Path) -> None:
    """Drop group and other permission bits from an existing file or directory."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        path.chmod(mode & 0o700)


def prepare_sqlite_file(path: Path) -> None:
    """Create the database file as 0600 before SQLite does (SQLite would use the umask, 0644).

    SQLite gives its -wal and -shm files the database file's permissions; files left by an
    older version with looser modes are tightened too.
    """
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(fd)
    except FileExistsError:
        pass
    for candidate in (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        tighten(candidate)


def write_private_once(path: Path, text: str) -> str:
    """Write `text` to a new 0600 file unless `path` exists; return the file's content.

    The content is written to a private temporary file first and linked into place, so the
    file is never readable by others and never seen half-written; when two processes start at
    once, the first link wins and both use its content.
    """
    private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    tighten(path)
    return path.read_text(encoding="utf-8")
