"""Year scoreboard over 1,000,000 adoptions on a throwaway PostgreSQL (target < 300 ms).

Loads 200 units (2 officers each), 20 outlets, the default rules, 400,000 drafts submitted
over 2025 and exactly 1,000,000 adoptions (2 or 3 outlets per draft, 0.5% joint pieces),
20,000 批示 and 100 约稿 with COPY; builds the monthly tallies with the same rebuild the
service offers; then times the year scoreboard through the service and through HTTP, the
month and per-officer views, the 稿酬 report, and the plain SQL aggregate over every
adoption that the tallies replace (the ratio shows what they buy).
"""

from __future__ import annotations

import io
import os
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

import psycopg
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.timing import sample
from service.core.config import Settings
from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.main import create_app
from service.repositories.scoreboard import rebuild_score_months
from service.services.accounts import create_user
from service.services.scoreboard import remuneration_report, scoreboard
from service.services.scoring_rules import default_rules, ensure_default_rules
from service.tables import Role
from tests.pg import postgres_server

UNITS, DRAFTS, ADOPTIONS, OUTLETS = 200, 400_000, 1_000_000, 20
YEAR = date(2025, 1, 1)
LEVELS = ["national", "province", "province", "province"] + ["city"] * 8 + ["county"] * 8
TYPES = ["dynamic"] * 6 + ["problem", "special", "solicited", "research"]
PASSWORD = "bench-password-1"


def _copy(conn: psycopg.Connection, table: str, columns: str, lines) -> int:
    """COPY tab-separated lines, in 8 MB chunks."""
    n = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as cp:
        buf = io.StringIO()
        for line in lines:
            buf.write(line)
            n += 1
            if buf.tell() > 8_000_000:
                cp.write(buf.getvalue())
                buf = io.StringIO()
        cp.write(buf.getvalue())
    return n


def _load(dsn: str, rnd: random.Random) -> dict[str, int]:
    rules = default_rules()
    t0 = time.perf_counter()
    with psycopg.connect(dsn) as conn:
        now = datetime.now(UTC).isoformat()
        conn.execute("SELECT setval('units_id_seq', 1000)")
        _copy(conn, "units", "id, name, kind, active, created_at, updated_at",
              (f"{u}\t单位{u:03d}\tcounty\tt\t{now}\t{now}\n" for u in range(1, UNITS + 1)))  # fmt: skip
        _copy(conn, "users",
              "id, username, username_key, full_name, password_hash, role, unit_id, active, "
              "created_at, updated_at",
              (f"{i}\tofficer{i}\tofficer{i}\t信息员{i}\tx\tofficer\t{(i - 1) // 2 + 1}\tt\t{now}\t{now}\n"
               for i in range(1, 2 * UNITS + 1)))  # fmt: skip
        conn.execute("SELECT setval('users_id_seq', 10000)")
        _copy(conn, "outlets", "id, name, level, active, created_at, updated_at",
              (f"{i}\t刊物{i}\t{lv}\tt\t{now}\t{now}\n" for i, lv in enumerate(LEVELS, 1)))  # fmt: skip
        conn.execute("SELECT setval('outlets_id_seq', 1000)")
        drafts: list[tuple[int, int, date]] = []

        def draft_lines():
            for d in range(1, DRAFTS + 1):
                author = rnd.randint(1, 2 * UNITS)
                day = YEAR + timedelta(days=rnd.randint(0, 349))
                drafts.append(((author - 1) // 2 + 1, author, day))
                yield (f"{d}\t{(author - 1) // 2 + 1}\t{author}\t标题{d}\t正文\tpassed\t"
                       f"{rnd.choice(('dynamic', 'problem', 'special'))}\t{{}}\t{{}}\t[]\t{{}}\t0\t"
                       f"{day.isoformat()} 02:00:00+00\t{now}\t{now}\n")  # fmt: skip

        _copy(conn, "drafts",
              "id, unit_id, author_id, title, body, status, predicted_category, probabilities, "
              "report, tokens, flag_counts, flags_total, submitted_at, created_at, updated_at",
              draft_lines())  # fmt: skip

        def adoption_lines():
            aid = 0
            for d, (unit, _, day) in enumerate(drafts, 1):
                for outlet in rnd.sample(range(1, OUTLETS + 1), 3 if d % 2 else 2):
                    aid += 1
                    kind, form = rnd.choice(TYPES), "full" if rnd.random() < 0.8 else "summary"
                    level = LEVELS[outlet - 1]
                    points = rules.points[level][kind] * rules.forms[form].factor
                    shares = "{}"
                    if rnd.random() < 0.005:
                        partner = unit % UNITS + 1
                        shares = f'{{"{unit}": {points / 2}, "{partner}": {points / 2}}}'
                    on = min(day + timedelta(days=rnd.randint(1, 14)), date(2025, 12, 31))
                    yield (f"{aid}\t{d}\t{outlet}\t{unit}\t{on.isoformat()}\t{form}\t{kind}\t"
                           f"{points:.2f}\t{shares}\t1\t\\N\t{now}\t\n")  # fmt: skip

        n = _copy(conn, "adoptions",
                  "id, draft_id, outlet_id, unit_id, adopted_on, form, info_type, points, shares, "
                  "rule_id, recorded_by, created_at, note", adoption_lines())  # fmt: skip
        assert n == ADOPTIONS, n
        _copy(conn, "instructions",
              "id, draft_id, unit_id, leader_level, instructed_on, text, points, rule_id, "
              "recorded_by, created_at, note",
              (f"{i}\t{d}\t{drafts[d - 1][0]}\tcity\t{drafts[d - 1][2] + timedelta(days=20)}\t"
               f"批示\t10\t1\t\\N\t{now}\t\n"
               for i, d in enumerate(rnd.sample(range(1, DRAFTS + 1), 20_000), 1)))  # fmt: skip
        _copy(conn, "solicitations", "id, topic, due_on, note, created_at, updated_at",
              (f"{i}\t约稿{i}\t{YEAR + timedelta(days=3 * i)}\t\t{now}\t{now}\n"
               for i in range(1, 101)))  # fmt: skip
        _copy(conn, "solicitation_units", "solicitation_id, unit_id",
              (f"{i}\t{u}\n" for i in range(1, 101) for u in rnd.sample(range(1, UNITS + 1), 5)))  # fmt: skip
        for table in ("drafts", "adoptions", "instructions", "solicitations"):
            conn.execute(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
        conn.commit()
    return {"load_s": round(time.perf_counter() - t0, 1)}


def _direct_sql(dsn: str) -> dict[str, float]:
    """The plain aggregate over every adoption of the year (what the tallies replace)."""
    query = (
        "SELECT unit_id, sum(points), count(*) FROM adoptions "
        "WHERE adopted_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY unit_id"
    )
    with psycopg.connect(dsn, autocommit=True) as conn:
        return sample(lambda: conn.execute(query).fetchall(), repeat=10, warmup=1)


def run() -> dict:
    with postgres_server() as server:
        if server is None:
            print("   skipped: no PostgreSQL on this machine")
            return {"skipped": "no PostgreSQL"}
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS bench_scoreboard"))
            conn.execute(text("CREATE DATABASE bench_scoreboard"))
        admin.dispose()
        url = make_url(server).set(database="bench_scoreboard").render_as_string(False)
        upgrade(url)
        dsn = url.replace("postgresql+psycopg://", "postgresql://")
        engine = make_engine(url)
        factory = make_session_factory(engine)
        with unit_of_work(factory) as s:
            ensure_default_rules(s)  # rule id 1, which the loaded adoptions name
        out: dict[str, object] = _load(dsn, random.Random(1))
        with unit_of_work(factory) as s:
            create_user(s, username="bench_reviewer", password=PASSWORD, role=Role.reviewer)
        print(f"   loaded {DRAFTS:,} drafts, {ADOPTIONS:,} adoptions in {out['load_s']} s")
        t = time.perf_counter()
        with unit_of_work(factory) as s:
            out["tally_rows"] = rebuild_score_months(s)
        out["rebuild_s"] = round(time.perf_counter() - t, 1)
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        print(f"   tallies rebuilt: {out['tally_rows']:,} rows in {out['rebuild_s']} s")

        day = date(2025, 6, 30)
        with factory() as s:
            year = scoreboard(s, "year", day)
            assert year["count"] == UNITS
            adopted = sum(r["adoptions"] for r in year["data"])
            assert adopted == ADOPTIONS, adopted
            timings = {
                "year_service": sample(lambda: scoreboard(s, "year", day), repeat=30),
                "month_service": sample(lambda: scoreboard(s, "month", day), repeat=30),
                "year_by_officer": sample(
                    lambda: scoreboard(s, "year", day, by="officer"), repeat=15
                ),
                "year_remuneration": sample(
                    lambda: remuneration_report(s, "year", day), repeat=5, warmup=1
                ),
            }
        with tempfile.TemporaryDirectory() as var:
            settings = Settings(
                database_url=url, secret_key="b" * 48, var_dir=var, log_level="WARNING"
            )
            with TestClient(create_app(settings)) as client:
                r = client.post("/api/v1/auth/token",
                                data={"username": "bench_reviewer", "password": PASSWORD})  # fmt: skip
                headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
                path = "/api/v1/scores?period=year&date=2025-06-30"
                assert client.get(path, headers=headers).status_code == 200
                timings["year_http"] = sample(lambda: client.get(path, headers=headers), repeat=30)
        timings["direct_sql_sum_year"] = _direct_sql(dsn)
        engine.dispose()
    out.update(timings)
    out["target_ms"] = 300
    out["loadavg_1m"] = round(os.getloadavg()[0], 2)
    ratio = timings["direct_sql_sum_year"]["p50_ms"] / timings["year_service"]["p50_ms"]
    out["ratio_direct_sql_over_tallies"] = round(ratio, 1)
    for name, figures in timings.items():
        print(f"   {name:22s} p50 {figures['p50_ms']:8.1f} ms   p99 {figures['p99_ms']:8.1f} ms")
    http = timings["year_http"]["p50_ms"]
    print(
        f"   year scoreboard over HTTP: p50 {http:.1f} ms = {http / 300:.2f} of the 300 ms target"
    )
    print(f"   plain SUM over the adoptions alone / whole year scoreboard: {ratio:.1f}x "
          f"(load average {out['loadavg_1m']})")  # fmt: skip
    return out
