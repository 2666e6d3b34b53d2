"""A PostgreSQL server over a data directory that outlives the bench (big seeded databases).

tests/pg.py starts a throwaway server in a temp dir; a 10M-row database takes too long to seed
for every run, so the scoreboard bench keeps its cluster under a directory of its own
(`BENCH_PG_DIR`) and starts and stops a server over it: initdb once, then `pg_ctl start`
on a free port with fsync off (a bench database, rebuilt rather than recovered). As root the
server runs as the `postgres` user, like tests/pg.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.pg import bin_dir, free_port

SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
    "-c full_page_writes=off -c max_wal_size=8GB -c checkpoint_timeout=30min "
    "-c maintenance_work_mem=512MB"
)


def available() -> bool:
    return bin_dir() is not None


def _as_postgres() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(args: list[str]) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def init_cluster(root: Path) -> None:
    """A new, empty cluster in root/data (root is emptied first)."""
    bindir = bin_dir()
    assert bindir is not None
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    _run([*_as_postgres(), str(bindir / "initdb"), "-D", str(root / "data"), "-U", "postgres",
          "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip


@contextmanager
def server_at(root: Path) -> Iterator[str]:
    """Run a server over root/data; yields its URL (psycopg 3 driver, database `postgres`)."""
    bindir = bin_dir()
    assert bindir is not None
    port = free_port()
    opts = f"-p {port} -k {root} {SERVER_OPTIONS}"
    ctl = [*_as_postgres(), str(bindir / "pg_ctl"), "-D", str(root / "data")]
    _run([*ctl, "-o", opts, "-l", str(root / "log"), "-w", "-t", "300", "start"])
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        # a clean stop (not "immediate"): the next start needs no recovery
        subprocess.run([*ctl, "-m", "fast", "-w", "stop"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def disk_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
