"""The PostgreSQL scoreboard bench seeds the office it describes, the product's rebuild turns
it into tallies that equal a recount, and without a built database it skips with a reason."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import bench_scoreboard_pg10m, pg_dir
from bench.pg10m_seed import LAST_YEAR, LEVELS, seed
from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.repositories import scoreboard as tally
from service.services.scoreboard import remuneration_report, scoreboard
from service.services.scoring_rules import default_rules, ensure_default_rules

ADOPTIONS, YEARS = 5_000, 2


def test_skips_without_a_directory_or_a_built_database(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BENCH_PG_BUILD", raising=False)
    monkeypatch.delenv("BENCH_PG_DIR", raising=False)
    assert "skipped" in bench_scoreboard_pg10m.run()
    monkeypatch.setenv("BENCH_PG_DIR", str(tmp_path / "pg"))
    out = bench_scoreboard_pg10m.run()
    assert out["skipped"] in ("no PostgreSQL", f"no database built in {tmp_path / 'pg'}")
    assert not (tmp_path / "pg").exists()
    assert pg_dir.available() == (out["skipped"] != "no PostgreSQL")


@pytest.fixture
def seeded(pg_url: str):
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS bench_seed WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE bench_seed"))
    url = make_url(pg_url).set(database="bench_seed").render_as_string(False)
    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as s:
        ensure_default_rules(s)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    seed(dsn, ADOPTIONS, YEARS)
    with unit_of_work(factory) as s:
        tally.rebuild_score_months(s)
    yield dsn, factory
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS bench_seed WITH (FORCE)"))
    admin.dispose()


@pytest.mark.postgres
def test_seed_has_the_described_shape_and_tallies_equal_a_recount(seeded) -> None:
    dsn, factory = seeded
    rules = default_rules()
    with psycopg.connect(dsn) as conn:
        per_draft = conn.execute(
            "SELECT count(*), count(DISTINCT outlet_id) FROM adoptions GROUP BY draft_id"
        ).fetchall()
        rows = conn.execute(
            "SELECT a.outlet_id, a.info_type, a.form, a.points, a.shares, a.unit_id,"
            " a.adopted_on, (d.submitted_at AT TIME ZONE 'UTC')::date, d.unit_id"
            " FROM adoptions a JOIN drafts d ON d.id = a.draft_id"
        ).fetchall()
        first = LAST_YEAR - YEARS + 1
        years = conn.execute(
            "SELECT DISTINCT extract(year FROM adopted_on)::int FROM adoptions ORDER BY 1"
        ).fetchall()
        (answered,) = conn.execute(
            "SELECT count(*) FROM drafts WHERE solicitation_id IS NOT NULL"
        ).fetchone()
    assert len(per_draft) == ADOPTIONS * 2 // 5
    assert sorted({n for n, _ in per_draft}) == [2, 3]
    assert all(n == distinct for n, distinct in per_draft)
    assert len(rows) == ADOPTIONS
    assert [y for (y,) in years] == list(range(first, LAST_YEAR + 1))
    assert answered > 0
    joint = 0
    for outlet, kind, form, points, shares, unit, on, submitted, draft_unit in rows:
        expected = Decimal(str(rules.points[LEVELS[outlet - 1]][kind] * rules.forms[form].factor))
        assert points == expected
        assert unit == draft_unit
        assert submitted < on <= min(submitted + timedelta(days=14), date(on.year, 12, 31))
        assert on.year == submitted.year
        if shares:
            joint += 1
            assert sum(Decimal(str(v)) for v in shares.values()) == points
    assert 0 < joint < ADOPTIONS * 0.02
    with factory() as s:
        for year in range(first, LAST_YEAR + 1):
            start, end = date(year, 1, 1), date(year, 12, 31)
            assert sorted(tally.remuneration_counts(s, start, end, True)) == sorted(
                tally.remuneration_counts_from_adoptions(s, start, end, True)
            )
            assert tally.draft_counts(s, start, end) == tally.draft_counts_from_drafts(
                s, start, end
            )
            in_year = sum(1 for row in rows if row[6].year == year)
            board = scoreboard(s, "year", start)
            assert sum(r["adoptions"] for r in board["data"]) == in_year
            pay = remuneration_report(s, "year", start)
            assert sum(r["count"] for r in pay["data"]) == in_year
