"""Year scoreboard and 稿酬 report over 10,000,000 adoptions on SQLite (target < 100 ms p50).

The same office shape as bench_scoreboard (PostgreSQL, 1M): 200 units with 2 officers each,
20 outlets, drafts submitted over 2025 with 2 or 3 adoptions each (0.5% joint pieces), 批示 on
2% of drafts. Rows go in with plain sqlite3 `executemany` in one transaction; the tallies are
then built by the service's own rebuild (what migrations 0008 and 0009 back-fill). Times the
service calls in-process: wall p50 and the CPU time per call (`time.process_time`, steadier
than wall time on a shared machine), and, for comparison, the 稿酬 counts read from every
adoption and the submitted/adopted counts read from every draft (what the tallies replace). `BENCH_ADOPTIONS` sets the size (default 10,000,000); `BENCH_DB` keeps the file.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.repositories.scoreboard import (
    draft_counts_from_drafts,
    rebuild_score_months,
    remuneration_counts_from_adoptions,
)
from service.services.scoreboard import remuneration_report, scoreboard
from service.services.scoring_rules import default_rules, ensure_default_rules

UNITS, OUTLETS = 200, 20
YEAR = date(2025, 1, 1)
LEVELS = ["national", "province", "province", "province"] + ["city"] * 8 + ["county"] * 8
TYPES = ["dynamic"] * 6 + ["problem", "special", "solicited", "research"]
NOW = "2026-01-01 00:00:00.000000"


def _timed(fn: Callable[[], object], repeat: int, warmup: int = 1) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpu.append((time.process_time() - c) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    return {
        "p50_ms": round(statistics.median(wall), 1),
        "max_ms": round(max(wall), 1),
        "cpu_p50_ms": round(statistics.median(cpu), 1),
    }


def _load(path: Path, adoptions: int, rnd: random.Random) -> dict[str, float]:
    rules = default_rules()
    drafts_n = int(adoptions / 2.5)
    t0 = time.perf_counter()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")  # a throwaway file: no WAL, no rollback journal
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-1000000")
    # bulk rows go in without the secondary indexes, which are built once afterwards
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('drafts', 'adoptions', 'instructions')"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f'DROP INDEX "{name}"')
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO units (id, name, kind, active, created_at, updated_at) VALUES (?,?,?,?,?,?)",
        ((u, f"单位{u:03d}", "county", 1, NOW, NOW) for u in range(1, UNITS + 1)),
    )
    db.executemany(
        "INSERT INTO users (id, username, username_key, full_name, password_hash, role, unit_id,"
        " active, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ((i, f"officer{i}", f"officer{i}", f"信息员{i}", "x", "officer", (i - 1) // 2 + 1, 1,
          NOW, NOW) for i in range(1, 2 * UNITS + 1)),
    )  # fmt: skip
    db.executemany(
        "INSERT INTO outlets (id, name, level, active, created_at, updated_at) VALUES (?,?,?,?,?,?)",
        ((i, f"刊物{i}", lv, 1, NOW, NOW) for i, lv in enumerate(LEVELS, 1)),
    )
    drafts: list[tuple[int, date]] = []

    def draft_rows() -> Iterator[tuple]:
        for d in range(1, drafts_n + 1):
            author = rnd.randint(1, 2 * UNITS)
            day = YEAR + timedelta(days=rnd.randint(0, 349))
            drafts.append(((author - 1) // 2 + 1, day))
            yield (d, (author - 1) // 2 + 1, author, f"标题{d}", "正文", "passed",
                   rnd.choice(("dynamic", "problem", "special")), "{}", "{}", "{}", "{}", 0,
                   f"{day.isoformat()} 02:00:00.000000", NOW, NOW)  # fmt: skip

    db.executemany(
        "INSERT INTO drafts (id, unit_id, author_id, title, body, status, predicted_category,"
        " probabilities, report, tokens, flag_counts, flags_total, submitted_at, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        draft_rows(),
    )
    t_drafts = time.perf_counter() - t0
    factor = {form: rules.forms[form].factor for form in ("full", "summary")}

    def adoption_rows() -> Iterator[tuple]:
        aid = 0
        for d, (unit, day) in enumerate(drafts, 1):
            per = 3 if d % 2 else 2
            if aid + per > adoptions:
                per = adoptions - aid
            for outlet in rnd.sample(range(1, OUTLETS + 1), per):
                aid += 1
                kind, form = rnd.choice(TYPES), "full" if rnd.random() < 0.8 else "summary"
                points = rules.points[LEVELS[outlet - 1]][kind] * factor[form]
                shares = "{}"
                if rnd.random() < 0.005:
                    partner = unit % UNITS + 1
                    shares = f'{{"{unit}": {points / 2}, "{partner}": {points / 2}}}'
                on = min(day + timedelta(days=rnd.randint(1, 14)), date(2025, 12, 31))
                yield (aid, d, outlet, unit, on.isoformat(), form, kind, round(points, 2),
                       shares, 1, NOW, "")  # fmt: skip
        assert aid == adoptions, aid

    db.executemany(
        "INSERT INTO adoptions (id, draft_id, outlet_id, unit_id, adopted_on, form, info_type,"
        " points, shares, rule_id, created_at, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        adoption_rows(),
    )
    db.executemany(
        "INSERT INTO instructions (id, draft_id, unit_id, leader_level, instructed_on, text,"
        " points, rule_id, created_at, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
        ((i, d, drafts[d - 1][0], "city", (drafts[d - 1][1] + timedelta(days=20)).isoformat(),
          "批示", 10, 1, NOW, "") for i, d in enumerate(
              rnd.sample(range(1, drafts_n + 1), drafts_n // 50), 1)),
    )  # fmt: skip
    db.execute("COMMIT")
    t_rows = time.perf_counter() - t0
    for _, sql in indexes:
        db.execute(sql)
    db.execute("ANALYZE")
    db.close()
    return {
        "drafts": drafts_n,
        "load_drafts_s": round(t_drafts, 1),
        "load_rows_s": round(t_rows, 1),
        "load_s": round(time.perf_counter() - t0, 1),
    }


def run() -> dict:
    adoptions = int(os.environ.get("BENCH_ADOPTIONS", 10_000_000))
    keep = os.environ.get("BENCH_DB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(keep) if keep else Path(tmp) / "bench.db"
        url = f"sqlite:///{path}"
        out: dict[str, object] = {"adoptions": adoptions, "backend": "sqlite"}
        fresh = not path.exists()
        upgrade(url)  # a kept file built before a newer migration gets it (and its back-fill)
        engine = make_engine(url)
        factory = make_session_factory(engine)
        if fresh:
            with unit_of_work(factory) as s:
                ensure_default_rules(s)  # rule id 1, which the loaded adoptions name
            engine.dispose()  # the loader writes through its own connection
            out.update(_load(path, adoptions, random.Random(1)))
            print(f"   loaded {adoptions:,} adoptions in {out['load_s']} s")
            t = time.perf_counter()
            with unit_of_work(factory) as s:
                out["tally_rows"] = rebuild_score_months(s)
            out["rebuild_s"] = round(time.perf_counter() - t, 1)
            print(f"   tallies rebuilt in {out['rebuild_s']} s")
        day = date(2025, 6, 30)
        start, end = date(2025, 1, 1), date(2025, 12, 31)
        with factory() as s:
            year = scoreboard(s, "year", day)
            assert sum(r["adoptions"] for r in year["data"]) == adoptions
            assert sum(r["submitted"] for r in year["data"]) == int(adoptions / 2.5)
            pay = remuneration_report(s, "year", day)
            assert sum(r["count"] for r in pay["data"]) == adoptions
            timings = {
                "year_scoreboard": _timed(lambda: scoreboard(s, "year", day), 9),
                "month_scoreboard": _timed(lambda: scoreboard(s, "month", day), 9),
                "year_by_officer": _timed(lambda: scoreboard(s, "year", day, by="officer"), 5),
                "year_remuneration": _timed(lambda: remuneration_report(s, "year", day), 9),
                "year_remuneration_by_officer": _timed(
                    lambda: remuneration_report(s, "year", day, by="officer"), 5
                ),
                "month_remuneration": _timed(lambda: remuneration_report(s, "month", day), 9),
                "remuneration_counts_from_every_adoption": _timed(
                    lambda: remuneration_counts_from_adoptions(s, start, end), 3, warmup=0
                ),
                "draft_counts_from_every_draft": _timed(
                    lambda: draft_counts_from_drafts(s, start, end), 3, warmup=0
                ),
            }
        engine.dispose()
    out.update(timings)
    out["target_ms"] = 100
    out["loadavg_1m"] = round(os.getloadavg()[0], 2)
    for name, f in timings.items():
        print(f"   {name:40s} p50 {f['p50_ms']:8.1f} ms  cpu p50 {f['cpu_p50_ms']:8.1f} ms")
    print(f"   load average {out['loadavg_1m']}")
    return out
