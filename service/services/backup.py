"""`govbrief db backup` / `govbrief db restore`: the database and the secret key, consistently.

A backup is a folder (0700) holding `manifest.json`, `secret_key` and either `govbrief.db`
(SQLite, copied with SQLite's online backup API, so a running server may keep writing: the copy
is one consistent snapshot that includes what is still only in the WAL) or `govbrief.pgdump`
(PostgreSQL, `pg_dump --format=custom`, one snapshot). Copying the SQLite file by hand while
the server runs can lose committed writes that are still in the WAL.

Restore refuses while an API process runs on the same database or the same var/ (a lock file
next to the SQLite file, an advisory lock on PostgreSQL: service.core.server_lock), checks that
the backup is for the configured kind of database, replaces the data in one step (SQLite backup
API into the database file; `pg_restore --single-transaction --clean`), puts the secret key
back, and migrates to the current schema.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from service.core.config import Settings
from service.core.db import make_engine, normalize_url
from service.core.errors import DomainError
from service.core.migrate import upgrade
from service.core.private_files import FILE_MODE, private_dir, tighten, write_private_once
from service.core.server_lock import ServerRunning, exclusive

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "govbrief.db"
PG_FILE = "govbrief.pgdump"
KEY_FILE = "secret_key"


class BackupError(DomainError):
    status_code = 409
    code = "backup_failed"
    message = "备份或恢复失败"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    backend: str
    revision: str | None
    rows: dict[str, int]


def backup(settings: Settings, dest: Path) -> BackupInfo:
    """Write a backup of the configured database and secret key into the new folder `dest`."""
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"目标文件夹已存在且不为空：{dest}", code="backup_exists")
    private_dir(dest)
    dest.chmod(0o700)
    url = make_url(normalize_url(settings.database_url))
    backend = url.get_backend_name()
    if backend == "sqlite":
        _sqlite_copy(_sqlite_path(url), dest / SQLITE_FILE)
    else:
        _pg_dump(url, dest / PG_FILE)
    write_private_once(dest / KEY_FILE, settings.secret_key)
    # counted in the copy itself on SQLite; on PostgreSQL the dump is opaque, so the live
    # database's schema revision only
    revision, rows = _describe(
        f"sqlite:///{dest / SQLITE_FILE}" if backend == "sqlite" else settings.database_url,
        count=backend == "sqlite",
    )
    manifest = {
        "format": FORMAT,
        "backend": backend,
        "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "alembic_revision": revision,
        "rows": rows,
    }
    write_private_once(dest / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    return BackupInfo(dest, backend, revision, rows)


def restore(settings: Settings, src: Path, *, restore_key: bool = True) -> BackupInfo:
    """Replace the configured database (and var/secret_key) with the backup in `src`."""
    manifest = _read_manifest(src)
    url = make_url(normalize_url(settings.database_url))
    backend = url.get_backend_name()
    if manifest.get("backend") != backend:
        raise BackupError(
            f"备份是 {manifest.get('backend')} 数据库的，当前配置的是 {backend}",
            code="backup_backend_mismatch",
        )
    try:
        with exclusive(settings.var_dir, settings.database_url):
            if backend == "sqlite":
                _sqlite_copy(src / SQLITE_FILE, _sqlite_path(url))
            else:
                _pg_restore(url, src / PG_FILE)
            if restore_key and (src / KEY_FILE).exists():
                key_path = settings.var_dir / KEY_FILE
                key_path.unlink(missing_ok=True)
                write_private_once(key_path, (src / KEY_FILE).read_text(encoding="utf-8"))
            upgrade(settings.database_url)
    except ServerRunning as exc:
        raise BackupError(
            "服务正在运行（服务器锁被占用），请先停止服务（所有使用该数据库的 API 进程）再恢复",
            code="server_running",
        ) from exc
    revision, rows = _describe(settings.database_url)
    return BackupInfo(src, backend, revision, rows)


def _read_manifest(src: Path) -> dict:
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"不是有效的备份文件夹：{src}", code="backup_invalid") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("备份格式版本不受支持", code="backup_invalid")
    return manifest


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("内存数据库无法备份", code="backup_unsupported")
    return Path(url.database)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy one SQLite database into another with the online backup API (one snapshot)."""
    if not source.exists():
        raise BackupError(f"找不到数据库文件：{source}", code="backup_invalid")
    if not target.exists():
        private_dir(target.parent)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target, timeout=30)
    try:
        with dst:
            src.backup(dst, pages=0)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        dst.close()
        src.close()
    tighten(target)


def pg_tool(name: str) -> str:
    """The newest installed pg_dump/pg_restore (Debian keeps one per major version)."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_major)
    path = found[-1] if found else shutil.which(name)
    if not path:
        raise BackupError(f"找不到 {name}，请安装 PostgreSQL 客户端", code="backup_unsupported")
    return path


def _major(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _pg_env(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options as arguments and the password in the environment (not in `ps`)."""
    args = ["--dbname", url.database or "postgres"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} 失败：{done.stderr.strip()[-500:]}", code="backup_failed")


def _pg_dump(url: URL, target: Path) -> None:
    args, env = _pg_env(url)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target), *args], env)


def _pg_restore(url: URL, source: Path) -> None:
    if not source.exists():
        raise BackupError(f"找不到备份文件：{source}", code="backup_invalid")
    args, env = _pg_env(url)
    _run(
        [
            pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
    )


def _describe(database_url: str, *, count: bool = True) -> tuple[str | None, dict[str, int]]:
    """The schema revision and the row count of every table, for the manifest and the CLI."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            names = sorted(inspect(conn).get_table_names())
            rows = (
                {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in names}
                if count
                else {}
            )
            revision = None
            if "alembic_version" in names:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        rows.pop("alembic_version", None)
        return revision, rows
    finally:
        engine.dispose()
