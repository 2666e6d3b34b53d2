"""Migrations go from empty to head and back down on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from service.core.migrate import downgrade, upgrade
from service.repositories.scoreboard import remuneration_counts
from service.tables import Base


def _roundtrip(url: str) -> None:
    upgrade(url)
    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    downgrade(url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(url)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_up_down_up(tmp_path: Path) -> None:
    _roundtrip(f"sqlite:///{tmp_path / 'm.db'}")


@pytest.mark.postgres
def test_postgres_up_down_up(pg_url: str) -> None:
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS migrations_check"))
        conn.execute(text("CREATE DATABASE migrations_check"))
    _roundtrip(make_url(pg_url).set(database="migrations_check").render_as_string(False))
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE migrations_check WITH (FORCE)"))
    admin.dispose()


def test_models_match_migrations(tmp_path: Path) -> None:
    """The tables in code and the migrated schema agree (no forgotten migration)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = f"sqlite:///{tmp_path / 'c.db'}"
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def _user_rows(url: str, *names: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        for i, name in enumerate(names, 1):
            conn.execute(
                text(
                    "INSERT INTO users (id, username, full_name, password_hash, role, active,"
                    " failed_logins, created_at, updated_at) VALUES (:id, :name, '', 'x',"
                    " 'admin', 1, 0, '2026-01-01', '2026-01-01')"
                ),
                {"id": i, "name": name},
            )
    engine.dispose()


def test_0006_fills_username_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    upgrade(url, "0005_neardup")
    _user_rows(url, "Admin", "ＬＩ")
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        keys = conn.execute(text("SELECT username, username_key FROM users ORDER BY id")).all()
    engine.dispose()
    assert [tuple(k) for k in keys] == [("Admin", "admin"), ("ＬＩ", "li")]


def test_0006_refuses_names_that_differ_only_by_case(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    upgrade(url, "0005_neardup")
    _user_rows(url, "admin", "ADMIN")
    with pytest.raises(RuntimeError, match="differ only by case"):
        upgrade(url)


def test_0009_backfills_draft_tallies_in_office_local_months(tmp_path: Path) -> None:
    """A draft submitted at 01:00 on 1 April in Beijing (17:00 UTC on 31 March) counts in
    April; 23:00 on 31 March counts in March; a draft never submitted counts nowhere."""
    url = f"sqlite:///{tmp_path / 't.db'}"
    upgrade(url, "0008_remuneration_tallies")
    now = "2026-01-01 00:00:00.000000"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO units (id, name, kind, active, created_at, updated_at)"
                " VALUES (1, '甲县', 'county', 1, :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO users (id, username, username_key, full_name,"
                " password_hash, role, unit_id, active, created_at,"
                " updated_at) VALUES (7, 'o', 'o', '', 'x', 'officer', 1, 1, :now,"
                " :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "INSERT INTO outlets (id, name, level, active, created_at, updated_at)"
                " VALUES (1, '刊物', 'city', 1, :now, :now)"
            ),
            {"now": now},
        )
        for draft_id, at, predicted, confirmed in [
            (1, "2025-03-31 17:00:00.000000", "dynamic", None),
            (2, "2025-03-31 15:00:00.000000", "dynamic", "problem"),
            (3, None, "special", None),
            (4, "2025-04-10 02:00:00.000000", None, None),
        ]:
            conn.execute(
                text(
                    "INSERT INTO drafts (id, unit_id, author_id, title, body, status,"
                    " predicted_category, confirmed_category, probabilities, report, tokens,"
                    " flag_counts, flags_total, submitted_at, created_at, updated_at) VALUES"
                    " (:id, 1, 7, '标题', '正文', 'passed', :p, :c, '{}', '{}', '{}', '{}', 0,"
                    " :at, :now, :now)"
                ),
                {"id": draft_id, "p": predicted, "c": confirmed, "at": at, "now": now},
            )
        conn.execute(text("INSERT INTO adoptions (id, draft_id, outlet_id, unit_id, adopted_on,"
                          " form, info_type, points, shares, created_at, note) VALUES (1, 1, 1,"
                          " 1, '2025-04-03', 'full', 'dynamic', 3, '{}', :now, '')"),
                     {"now": now})  # fmt: skip
    upgrade(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT month, unit_id, author_id, category, submitted, adopted"
                " FROM draft_months ORDER BY month, category"
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("2025-03-01", 1, 7, "problem", 1, 0),
        ("2025-04-01", 1, 7, "", 1, 0),
        ("2025-04-01", 1, 7, "dynamic", 1, 1),
    ]
    downgrade(url, "0008_remuneration_tallies")
    assert "draft_months" not in inspect(engine).get_table_names()
    engine.dispose()


def test_0010_backfills_yearly_remuneration_tallies_that_the_report_reads(tmp_path: Path) -> None:
    """The yearly 稿酬 rows are the monthly ones summed per calendar year; a period reads its
    whole years from them and its other months from the monthly rows."""
    url = f"sqlite:///{tmp_path / 't.db'}"
    upgrade(url, "0009_draft_tallies")
    now = "2026-01-01 00:00:00.000000"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO units (id, name, kind, active, created_at, updated_at)"
                " VALUES (1, '甲县', 'county', 1, :now, :now)"
            ),
            {"now": now},
        )
        for outlet, level in ((1, "city"), (2, "province")):
            conn.execute(
                text(
                    "INSERT INTO outlets (id, name, level, active, created_at,"
                    " updated_at) VALUES (:id, :name, :level, 1, :now, :now)"
                ),
                {"id": outlet, "name": f"刊物{outlet}", "level": level, "now": now},
            )
        for month, author, outlet, n in [
            ("2024-11-01", 7, 1, 1),
            ("2024-12-01", 7, 1, 2),
            ("2025-01-01", 7, 1, 4),
            ("2025-06-01", 7, 1, 8),
            ("2025-06-01", 8, 2, 16),
            ("2025-12-01", 8, 2, 32),
            ("2026-01-01", 7, 1, 64),
            ("2026-02-01", 7, 1, 128),
        ]:
            conn.execute(text("INSERT INTO remuneration_months (month, unit_id, author_id,"
                              " outlet_id, rule_id, adoptions) VALUES (:m, 1, :a, :o, 1, :n)"),
                         {"m": month, "a": author, "o": outlet, "n": n})  # fmt: skip
    upgrade(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT year, author_id, outlet_id, adoptions FROM remuneration_years"
                 " ORDER BY year, author_id")
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [
        ("2024-01-01", 7, 1, 3),
        ("2025-01-01", 7, 1, 12),
        ("2025-01-01", 8, 2, 48),
        ("2026-01-01", 7, 1, 192),
    ]
    with Session(engine) as s:
        counts = sorted(remuneration_counts(s, date(2024, 12, 15), date(2026, 1, 31), True))
        assert counts == [(1, 7, "city", 1, 2 + 12 + 64), (1, 8, "province", 1, 48)]
        counts = sorted(remuneration_counts(s, date(2025, 2, 1), date(2025, 11, 30)))
        assert counts == [(1, 0, "city", 1, 8), (1, 0, "province", 1, 16)]
    downgrade(url, "0009_draft_tallies")
    assert "remuneration_years" not in inspect(engine).get_table_names()
    engine.dispose()
