"""`govbrief db backup|restore` (issue 12, point 8) on SQLite and PostgreSQL."""

from __future__ import annotations

import stat
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.core.db import make_engine, make_session_factory, unit_of_work
from service.main import create_app
from service.services.accounts import create_unit
from service.services.backup import BackupError, backup, restore
from service.tables import Unit


def _unit_names(settings) -> set[str]:
    engine = make_engine(settings.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as s:
            return set(s.scalars(select(Unit.name)))
    finally:
        engine.dispose()


class Writer(threading.Thread):
    """Commits one unit after another; `acked` holds those whose commit returned."""

    def __init__(self, settings) -> None:
        super().__init__(daemon=True)
        self.engine = make_engine(settings.database_url)
        self.factory = make_session_factory(self.engine)
        self.acked: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stop.is_set():
            name = f"备份测试单位{n:05d}"
            with unit_of_work(self.factory) as s:
                create_unit(s, name, "county")
            self.acked.append(name)
            n += 1

    def halt(self) -> None:
        self.stop.set()
        self.join(timeout=30)
        self.engine.dispose()


def test_backup_during_writes_restores_every_acknowledged_write(settings, tmp_path) -> None:
    writer = Writer(settings)
    writer.start()
    while len(writer.acked) < 30:
        time.sleep(0.01)
    acked_before = set(writer.acked)
    info = backup(settings, tmp_path / "backup")
    time.sleep(0.2)  # more writes after the backup: the restore must take them away
    writer.halt()
    after = set(writer.acked) - acked_before
    assert after, "the writer kept writing after the backup"

    dest = tmp_path / "backup"
    assert stat.S_IMODE(dest.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in dest.iterdir())
    assert (dest / "secret_key").read_text(encoding="utf-8") == settings.secret_key
    assert info.revision

    restored = restore(settings, dest)
    names = _unit_names(settings)
    assert acked_before <= names  # nothing acknowledged before the backup is lost
    if info.backend == "sqlite":
        assert restored.rows["units"] == info.rows["units"]
    snapshot = {n for n in names if n.startswith("备份测试单位")}
    assert snapshot <= set(writer.acked)
    # the snapshot is a prefix of the commit order: no hole, nothing half-copied
    assert snapshot == set(writer.acked[: len(snapshot)])
    assert not (after - snapshot) or len(snapshot) < len(writer.acked)
    key = settings.var_dir / "secret_key"
    assert key.read_text(encoding="utf-8") == settings.secret_key
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_restore_refuses_while_a_server_runs(settings, tmp_path) -> None:
    backup(settings, tmp_path / "b")
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        with pytest.raises(BackupError) as caught:
            restore(settings, tmp_path / "b")
        assert caught.value.code == "server_running"
        assert "停止服务" in caught.value.message
    restore(settings, tmp_path / "b")  # stopped: allowed


def test_backup_refuses_a_non_empty_folder_and_restore_a_non_backup(settings, tmp_path) -> None:
    folder = tmp_path / "busy"
    folder.mkdir()
    (folder / "x").write_text("x")
    with pytest.raises(BackupError) as caught:
        backup(settings, folder)
    assert caught.value.code == "backup_exists"
    with pytest.raises(BackupError) as caught:
        restore(settings, folder)
    assert caught.value.code == "backup_invalid"


def test_cli_round_trip(tmp_path: Path, sqlite_template: Path, monkeypatch) -> None:
    import shutil

    from typer.testing import CliRunner

    from service.cli import app
    from service.core.config import get_settings

    db = tmp_path / "cli.db"
    shutil.copy(sqlite_template, db)
    monkeypatch.setenv("GOVBRIEF_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("GOVBRIEF_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        r = runner.invoke(app, ["db", "backup", str(tmp_path / "bk")])
        assert r.exit_code == 0, r.output
        assert "已备份" in r.output
        settings = get_settings()
        with unit_of_work(make_session_factory(make_engine(settings.database_url))) as s:
            create_unit(s, "备份之后的单位", "county")
        r = runner.invoke(app, ["db", "restore", str(tmp_path / "bk")])
        assert r.exit_code == 2 and "--yes" in r.output
        assert "备份之后的单位" in _unit_names(settings)
        r = runner.invoke(app, ["db", "restore", str(tmp_path / "bk"), "--yes"])
        assert r.exit_code == 0, r.output
        assert "备份之后的单位" not in _unit_names(settings)
        r = runner.invoke(app, ["db", "backup", str(tmp_path / "bk")])
        assert r.exit_code == 2 and "backup_exists" in r.output
    finally:
        get_settings.cache_clear()


def test_restore_refuses_while_a_server_uses_the_same_database_from_another_var_dir(
    settings, tmp_path
) -> None:
    """The lock is keyed on the database (a lock file next to the SQLite file, an advisory lock
    on PostgreSQL), not only on var/: a server started with another var/ still blocks it."""
    backup(settings, tmp_path / "b")
    elsewhere = settings.model_copy(update={"var_dir": tmp_path / "other-var"})
    with TestClient(create_app(elsewhere)) as client:
        assert client.get("/healthz").status_code == 200
        with pytest.raises(BackupError) as caught:
            restore(settings, tmp_path / "b")
        assert caught.value.code == "server_running"
    restore(settings, tmp_path / "b")  # that server stopped: allowed
