"""Year scoreboard and 稿酬 report over 10,000,000 adoptions on PostgreSQL (target < 100 ms p50).

The office of bench_scoreboard_sqlite over several years (bench/pg10m_seed.py), in a cluster
kept under `BENCH_PG_DIR` (e.g. /work/benchdb/pg10m) so that it is seeded once: the first run
needs `BENCH_PG_BUILD=1` (with `BENCH_ADOPTIONS`, default 10,000,000, and `BENCH_YEARS`,
default 4: 2022-2025); later runs start a server over the same directory and only time. Without
PostgreSQL, without `BENCH_PG_DIR`, or with no finished database there and no build asked
for, it prints why and skips.

Times the service calls in-process (wall p50/p99, and the CPU time per call of this process
and of its server backend, from /proc/<pid>/schedstat: the load-independent figures on a
shared machine) for the last year and a month of it, the year's 稿酬 counts from the monthly
tallies alone (what migration 0010's yearly ones replace), and, for comparison, the 稿酬 counts read from every adoption and
the draft counts read from every draft (what the tallies replace). Then runs EXPLAIN ANALYZE
(server side) on every statement each timed call sends and keeps, per call, the statements'
server execution times and the plan of the slowest one in bench/results/scoreboard_pg10m.json.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url

from bench import pg_dir
from bench.pg10m_seed import LAST_YEAR, seed
from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.repositories.scoreboard import (
    draft_counts_from_drafts,
    rebuild_score_months,
    remuneration_counts_from_adoptions,
)
from service.services.scoreboard import remuneration_report, scoreboard
from service.services.scoring_rules import ensure_default_rules

DATABASE = "scoreboard"
RESULTS = Path(__file__).resolve().parent / "results" / "scoreboard_pg10m.json"
BUILT = "built.json"  # written into BENCH_PG_DIR once the database is complete


def _on_cpu_ms(pid: int) -> float:
    """CPU time a process has had (ns precision, from the scheduler), in ms."""
    return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e6


def _timed(
    fn: Callable[[], object], repeat: int, warmup: int = 1, backend: int | None = None
) -> dict[str, float]:
    """Wall p50/p99, this process's CPU p50 and, given the server backend's pid, its CPU p50
    (both steadier than wall time on a shared machine; parallel workers not included)."""
    for _ in range(warmup):
        fn()
    wall, cpu, server = [], [], []
    for _ in range(repeat):
        b = _on_cpu_ms(backend) if backend else 0.0
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
        if backend:
            server.append(_on_cpu_ms(backend) - b)
    wall.sort()
    out = {
        "p50_ms": round(statistics.median(wall), 1),
        "p99_ms": round(wall[min(len(wall) - 1, round(0.99 * (len(wall) - 1)))], 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
        "runs": repeat,
    }
    if server:
        out["server_cpu_p50_ms"] = round(statistics.median(server), 1)
    return out


def _statements(engine: Engine, fn: Callable[[], object]) -> list[tuple[str, Any]]:
    """The SQL (with parameters) that fn() sends."""
    sent: list[tuple[str, Any]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


def _explained(engine: Engine, fn: Callable[[], object]) -> dict[str, Any]:
    """Server execution time of each statement fn() sends, and the slowest one's plan."""
    found = []
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for statement, parameters in _statements(engine, fn):
            if not statement.lstrip().upper().startswith("SELECT"):
                continue
            cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters)
            plan = cur.fetchone()[0][0]
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            lines = [row[0] for row in cur.fetchall()]
            found.append((plan["Execution Time"], " ".join(statement.split())[:160], lines))
        raw.rollback()
    finally:
        raw.close()
    slowest = max(found, default=(0.0, "", []))
    return {
        "statements": len(found),
        "server_ms": round(sum(f[0] for f in found), 1),
        "each_ms": [round(f[0], 2) for f in found],
        "slowest_sql": slowest[1],
        "slowest_plan": slowest[2],
    }


def _build(root: Path, server: str, adoptions: int, years: int) -> dict[str, Any]:
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {DATABASE}"))
    admin.dispose()
    url = make_url(server).set(database=DATABASE).render_as_string(False)
    upgrade(url)
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as s:
        ensure_default_rules(s)  # rule id 1, which the seeded adoptions name
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    t0 = time.perf_counter()
    built: dict[str, Any] = {"adoptions": adoptions, "years": years}
    built["seed"] = seed(dsn, adoptions, years)
    built["seed_s"] = round(time.perf_counter() - t0, 1)
    print(f"   seeded {adoptions:,} adoptions in {built['seed_s']} s: {built['seed']}")
    t = time.perf_counter()
    with unit_of_work(factory) as s:
        built["tally_rows"] = rebuild_score_months(s)
    built["rebuild_s"] = round(time.perf_counter() - t, 1)
    print(f"   tallies rebuilt in {built['rebuild_s']} s")
    engine.dispose()
    t = time.perf_counter()
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    built["vacuum_analyze_s"] = round(time.perf_counter() - t, 1)
    built["build_s"] = round(time.perf_counter() - t0, 1)
    built["disk_bytes"] = pg_dir.disk_bytes(root)
    built["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
    built["at"] = datetime.now(UTC).isoformat(timespec="seconds")
    return built


def _counts(dsn: str) -> dict[str, int]:
    tables = ("drafts", "adoptions", "instructions", "score_months", "remuneration_months",
              "remuneration_years", "draft_months")  # fmt: skip
    with psycopg.connect(dsn) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


# the year's 稿酬 counts from the monthly tallies alone (before migration 0010's yearly ones)
_MONTHLY_YEAR = text("""
SELECT c.unit_id, o.level, c.rule_id, sum(c.n) FROM (
    SELECT unit_id, outlet_id, rule_id, sum(adoptions) AS n FROM remuneration_months
    WHERE month >= :start AND month <= :end GROUP BY unit_id, outlet_id, rule_id) c
JOIN outlets o ON o.id = c.outlet_id
GROUP BY c.unit_id, o.level, c.rule_id HAVING sum(c.n) <> 0
""")


def _time_all(url: str, adoptions: int, years: int) -> dict[str, Any]:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    day = date(LAST_YEAR, 6, 30)
    start, end = date(LAST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
    calls: dict[str, tuple[Callable[[Any], object], int]] = {
        "year_scoreboard": (lambda s: scoreboard(s, "year", day), 15),
        "month_scoreboard": (lambda s: scoreboard(s, "month", day), 15),
        "year_by_officer": (lambda s: scoreboard(s, "year", day, by="officer"), 9),
        "year_remuneration": (lambda s: remuneration_report(s, "year", day), 15),
        "year_remuneration_by_officer": (
            lambda s: remuneration_report(s, "year", day, by="officer"), 9),
        "month_remuneration": (lambda s: remuneration_report(s, "month", day), 15),
    }  # fmt: skip
    out: dict[str, Any] = {}
    with factory() as s:
        year = scoreboard(s, "year", day)
        in_year = sum(r["adoptions"] for r in year["data"])
        assert abs(in_year - adoptions / years) < adoptions / years * 0.05, in_year
        pay = remuneration_report(s, "year", day)
        assert sum(r["count"] for r in pay["data"]) == in_year
        out["adoptions_in_year"] = in_year
        pid = s.execute(text("SELECT pg_backend_pid()")).scalar_one()
        timings = {
            name: _timed(lambda f=fn: f(s), n, backend=pid) for name, (fn, n) in calls.items()
        }
        timings["year_remuneration_counts_from_monthly_tallies"] = _timed(
            lambda: s.execute(_MONTHLY_YEAR, {"start": start, "end": end}).all(), 9, backend=pid
        )
        timings["remuneration_counts_from_every_adoption"] = _timed(
            lambda: remuneration_counts_from_adoptions(s, start, end), 3, warmup=0, backend=pid
        )
        timings["draft_counts_from_every_draft"] = _timed(
            lambda: draft_counts_from_drafts(s, start, end), 3, warmup=0, backend=pid
        )
        s.rollback()
        plans = {name: _explained(engine, lambda f=fn: f(s)) for name, (fn, _) in calls.items()}
    engine.dispose()
    out["timings"] = timings
    out["explain"] = plans
    return out


def run() -> dict:
    if not pg_dir.available():
        print("   skipped: no PostgreSQL on this machine")
        return {"skipped": "no PostgreSQL"}
    where = os.environ.get("BENCH_PG_DIR")
    if not where:
        print("   skipped: set BENCH_PG_DIR (e.g. /work/benchdb/pg10m; BENCH_PG_BUILD=1 to seed)")
        return {"skipped": "BENCH_PG_DIR not set"}
    root = Path(where)
    marker = root / BUILT
    build = os.environ.get("BENCH_PG_BUILD") == "1"
    if not marker.exists() and not build:
        print(f"   skipped: no finished database in {root} (BENCH_PG_BUILD=1 seeds one)")
        return {"skipped": f"no database built in {root}"}
    if not marker.exists():
        pg_dir.init_cluster(root)
    with pg_dir.server_at(root) as server:
        if not marker.exists():
            adoptions = int(os.environ.get("BENCH_ADOPTIONS", 10_000_000))
            years = int(os.environ.get("BENCH_YEARS", 4))
            built = _build(root, server, adoptions, years)
            marker.write_text(json.dumps(built, indent=2))
        built = json.loads(marker.read_text())
        url = make_url(server).set(database=DATABASE).render_as_string(False)
        t = time.perf_counter()
        upgrade(url)  # a database seeded before a newer migration gets it (and its back-fill)
        out: dict[str, Any] = {"backend": "postgresql", "built": built}
        out["upgrade_s"] = round(time.perf_counter() - t, 1)
        out["rows"] = _counts(url.replace("postgresql+psycopg://", "postgresql://"))
        out.update(_time_all(url, built["adoptions"], built["years"]))
    out["target_ms"] = 100
    out["loadavg_1m"] = round(os.getloadavg()[0], 2)
    for name, f in out["timings"].items():
        explained = out["explain"].get(name, {}).get("server_ms")
        extra = f"  explain {explained:7.1f} ms" if explained is not None else ""
        print(f"   {name:46s} p50 {f['p50_ms']:8.1f} ms  p99 {f['p99_ms']:8.1f} ms"
              f"  cpu p50 {f['cpu_p50_ms']:6.1f} + server {f['server_cpu_p50_ms']:7.1f} ms"
              f"{extra}")  # fmt: skip
    print(f"   disk {built['disk_bytes'] / 2**30:.1f} GiB, load average {out['loadavg_1m']}")
    RESULTS.parent.mkdir(exist_ok=True)
    record = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "results": out}
    RESULTS.write_text(json.dumps(record, ensure_ascii=False, indent=2))
    return out
