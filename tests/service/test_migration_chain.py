"""The migration history: one line, files in chain order, and `govbrief db revision` extends it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from service.cli import app
from service.core import migrate
from service.core.config import get_settings

VERSIONS = migrate.MIGRATIONS_DIR / "versions"


def _files_in_chain_order(migrations_dir: Path | None = None) -> list[str]:
    return [Path(rev.path).name for rev in migrate.chain(migrations_dir)]


def test_one_linear_history_whose_files_sort_in_chain_order() -> None:
    in_chain = _files_in_chain_order()
    assert in_chain[0] == "0001_initial_schema.py"
    assert in_chain == sorted(in_chain)  # a maintainer reads the history top to bottom
    assert sorted(p.name for p in VERSIONS.glob("*.py")) == in_chain  # no file off the chain


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the migrations, made the default, and an empty SQLite database as settings."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    monkeypatch.setenv("GOVBRIEF_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    monkeypatch.setenv("GOVBRIEF_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield copy
    get_settings.cache_clear()


def _stamped(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return version


def test_a_second_head_is_refused(scratch: Path) -> None:
    second = migrate.chain()[1].revision  # a branch off the middle of the history
    (scratch / "versions" / "0099_side.py").write_text(
        f'revision = "0099_side"\ndown_revision = "{second}"\n'
        "def upgrade():\n    pass\ndef downgrade():\n    pass\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="一个终点"):
        migrate.chain()
    r = CliRunner().invoke(app, ["db", "revision", "-m", "add outlet codes"])
    assert r.exit_code == 2 and "未生成迁移" in r.output


def test_db_revision_writes_the_next_migration_after_the_head(scratch: Path) -> None:
    head = migrate.chain()[-1]
    url = get_settings().database_url
    migrate.upgrade(url)
    before = {p.name for p in (scratch / "versions").glob("*.py")}

    r = CliRunner().invoke(app, ["db", "revision", "-m", "Add outlet codes", "--autogenerate"])
    assert r.exit_code == 0, r.output
    (new,) = {p.name for p in (scratch / "versions").glob("*.py")} - before
    number = max(int(name.split("_")[0].rstrip("ab")) for name in before) + 1
    assert new == f"{number:04d}_add_outlet_codes.py"
    written = (scratch / "versions" / new).read_text(encoding="utf-8")
    assert f"down_revision: str | None = {head.revision!r}" in written
    assert "op." not in written.split("def upgrade")[1]  # tables and migrations agree
    assert _files_in_chain_order() == sorted(before | {new})  # still one line, in file order
    migrate.upgrade(url)
    assert _stamped(url) == new.removesuffix(".py")

    r = CliRunner().invoke(app, ["db", "revision", "-m", "稿件新增字段"])  # no name for a file
    assert r.exit_code == 2 and "英文" in r.output
    assert len(list((scratch / "versions").glob("*.py"))) == len(before) + 1
