"""GET /api/v1/queue, first page, over 20,000 submitted drafts on a throwaway PostgreSQL.

The drafts are realistic rows (an 800-character body, its tokens, a check report with a few
flags) bulk-inserted beside 10,000 drafts in other statuses; the table is analyzed as a live
database would be. Each request goes through the whole app in process: token check, the
count, the page query, the review stages of the page. Target: first page p50 under 100 ms.
"""

from __future__ import annotations

import logging
import random
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url

from bench.corpus_text import draft_of
from bench.timing import sample
from models.report import LABELS
from models.tokenize import tokenize
from service.core.config import Settings
from service.core.db import unit_of_work
from service.core.migrate import upgrade
from service.main import create_app
from service.repositories.drafts import QueueQuery, queue_select
from service.services.accounts import create_unit, create_user
from service.services.workflow import review_queue
from service.tables import Draft, Role, Solicitation
from tests.pg import postgres_server

SUBMITTED = 20_000
OTHERS = 10_000  # drafts, returned and passed ones share the table
UNITS = 30
PASSWORD = "bench-password-1"
TARGET_MS = 100.0
KINDS = ("news_style", "number", "sensitive", "title")
RULES = {
    "news_style": "news_style.meeting_lead",
    "number": "number.placeholder.year",
    "sensitive": "sensitive.phone",
    "title": "title.meeting_style",
}
CASES = {
    "default: confidence, lowest first": "",
    "flags.number, has number flags": "sort=flags.number&flag_kind=number",
    "age, oldest first": "sort=age",
    "adoption_likelihood, nulls last": "sort=adoption_likelihood",
    "category + unit filter": "category=problem&unit_id={unit}",
    "page 100 (offset 4950)": "offset=4950",
}


def _report(rng: random.Random, label: str, probs: dict[str, float], n_flags: int) -> dict:
    flags = []
    for i in range(n_flags):
        kind = rng.choice(KINDS)
        flags.append(
            {"kind": kind, "code": RULES[kind].split(".")[1], "rule": RULES[kind],
             "severity": "warning", "field": "body", "start": i * 10, "end": i * 10 + 4,
             "text": "201X", "message": "年份为占位符，请填写准确年份", "suggestion": None,
             "ref": None}
        )  # fmt: skip
    return {
        "category": {"label": label, "confidence": max(probs.values()), "probabilities": probs,
                     "evidence": ["举措", "推进"], "model_version": "v1"},
        "news_style": {"score": 0.1, "verdict": False},
        "flags": flags,
        "headlines": [{"text": "某县三举措推进春茶产业提质增效", "score": 0.7}],
        "stats": {"chars": 800, "sentences": 12, "paragraphs": 4},
    }  # fmt: skip


def _rows(rng: random.Random, units: list[tuple[int, int]], topics: list[int]) -> list[dict]:
    bodies = [draft_of(800, offset=i) for i in range(40)]
    tokens = [tokenize(b) for b in bodies]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(SUBMITTED + OTHERS):
        unit_id, author_id = rng.choice(units)
        raw = [rng.random() ** 2 for _ in LABELS]
        probs = {label: round(p / sum(raw), 4) for label, p in zip(LABELS, raw, strict=True)}
        label = max(probs, key=probs.__getitem__)
        n_flags = rng.choice((0, 0, 1, 1, 2, 3, 5))
        report = _report(rng, label, probs, n_flags)
        counts = dict.fromkeys(KINDS, 0)
        for f in report["flags"]:
            counts[f["kind"]] += 1
        status = "submitted" if i < SUBMITTED else rng.choice(("draft", "returned", "passed"))
        at = start + timedelta(minutes=rng.randrange(0, 365 * 24 * 60))
        rows.append(
            {
                "unit_id": unit_id,
                "author_id": author_id,
                "title": f"某县第{i}号稿件三举措推进春茶产业提质增效",
                "body": bodies[i % len(bodies)],
                "status": status,
                "predicted_category": label,
                "probabilities": probs,
                "confidence": probs[label],
                "model_version": "v1",
                "report": report,
                "tokens": {"title": ["某县"], "body": tokens[i % len(tokens)]},
                "flag_counts": counts,
                "flags_total": n_flags,
                "adoption_likelihood": rng.random() if rng.random() < 0.6 else None,
                "solicitation_id": rng.choice(topics) if rng.random() < 0.1 else None,
                "submitted_at": None if status == "draft" else at,
                "created_at": at,
                "updated_at": at,
            }
        )
    return rows


def _seed(factory) -> int:
    """Units with an officer each, a reviewer, solicitations, then the drafts in bulk."""
    rng = random.Random(20261123)
    with unit_of_work(factory) as s:
        units = []
        for u in range(UNITS):
            unit = create_unit(s, f"第{u}县人民政府办公室", "county")
            officer = create_user(
                s, username=f"officer{u}", password=PASSWORD, role=Role.officer, unit_id=unit.id
            )
            units.append((unit.id, officer.id))
        create_user(s, username="reviewer", password=PASSWORD, role=Role.reviewer)
        topics = [Solicitation(topic=f"约稿{t}", due_on=date(2025, 1 + t, 10)) for t in range(12)]
        s.add_all(topics)
        s.flush()
        rows = _rows(rng, units, [t.id for t in topics])
    t = time.perf_counter()
    with unit_of_work(factory) as s:
        for i in range(0, len(rows), 2000):
            s.execute(insert(Draft), rows[i : i + 2000])
    print(f"   inserted {len(rows):,} drafts in {time.perf_counter() - t:.1f} s")
    return units[0][0]


def _explain(engine) -> float:
    """Server-side execution time of the default page query (EXPLAIN ANALYZE)."""
    query = queue_select(QueueQuery()).compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = conn.execute(text(f"EXPLAIN (ANALYZE, FORMAT JSON) {query}")).scalar_one()
    return round(plan[0]["Execution Time"], 3)


def _time_cases(client: TestClient, headers: dict[str, str], unit_id: int) -> dict[str, dict]:
    out = {}
    for name, query in CASES.items():
        path = "/api/v1/queue?" + query.format(unit=unit_id)
        first = client.get(path, headers=headers)
        assert first.status_code == 200, first.text
        figures: dict = sample(lambda path=path: client.get(path, headers=headers), repeat=100)
        figures["count"] = first.json()["count"]
        out[name] = figures
        print(f"   {name:<36} p50 {figures['p50_ms']:6.2f} ms  p99 {figures['p99_ms']:6.2f}"
              f" ms  ({figures['count']:,} rows match)")  # fmt: skip
    return out


def _baselines(app, client: TestClient, headers: dict[str, str]) -> dict[str, dict]:
    """What the page costs without HTTP (service call in a session), and what an authenticated
    no-op request costs on this machine right now (the floor under every figure above)."""

    def service_only() -> None:
        with app.state.session_factory() as session:
            review_queue(session, QueueQuery())

    out = {
        "default, service call only (no HTTP)": sample(service_only, repeat=100),
        "baseline: GET /api/v1/me": sample(
            lambda: client.get("/api/v1/me", headers=headers), repeat=100
        ),
    }
    for name, figures in out.items():
        print(f"   {name:<36} p50 {figures['p50_ms']:6.2f} ms  p99 {figures['p99_ms']:6.2f} ms")
    return out


def _without_index(engine, client: TestClient, headers: dict[str, str]) -> dict:
    """The default first page once more with the queue index dropped (what 0002 buys)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("DROP INDEX ix_drafts_queue_confidence"))
    figures = sample(lambda: client.get("/api/v1/queue", headers=headers), repeat=50)
    print(f"   {'default, queue index dropped':<36} p50 {figures['p50_ms']:6.2f} ms  "
          f"p99 {figures['p99_ms']:6.2f} ms")  # fmt: skip
    return figures


def run() -> dict:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with postgres_server() as server, tempfile.TemporaryDirectory() as tmp:
        if server is None:
            print("   no PostgreSQL binaries: skipped")
            return {"skipped": "no PostgreSQL"}
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("CREATE DATABASE bench_queue"))
        url = make_url(server).set(database="bench_queue").render_as_string(hide_password=False)
        upgrade(url)
        settings = Settings(database_url=url, var_dir=Path(tmp), secret_key="b" * 48)
        app = create_app(settings)
        unit_id = _seed(app.state.session_factory)
        with app.state.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE drafts"))
        out: dict[str, object] = {"submitted": SUBMITTED, "other_drafts": OTHERS}
        with TestClient(app) as client:
            r = client.post(
                "/api/v1/auth/token", data={"username": "reviewer", "password": PASSWORD}
            )
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            cases = _time_cases(client, headers, unit_id)
            cases.update(_baselines(app, client, headers))
            sql_ms = _explain(app.state.engine)
            unindexed = _without_index(app.state.engine, client, headers)
            unindexed_sql_ms = _explain(app.state.engine)
        default = cases["default: confidence, lowest first"]
        out.update(cases)
        out["default_without_queue_index"] = unindexed
        out["default_page_sql_ms"] = {"indexed": sql_ms, "without_index": unindexed_sql_ms}
        out["index_speedup_p50"] = round(unindexed["p50_ms"] / default["p50_ms"], 2)
        floor = cases["baseline: GET /api/v1/me"]["p50_ms"]
        out["default_p50_over_baseline"] = round(default["p50_ms"] / floor, 2)
        out["target_ms"] = TARGET_MS
        out["p50_vs_target"] = round(default["p50_ms"] / TARGET_MS, 3)
        print(f"   default page query on the server: {sql_ms:.2f} ms with the queue index, "
              f"{unindexed_sql_ms:.2f} ms without (EXPLAIN ANALYZE)")  # fmt: skip
        print(
            f"   first page p50 / authenticated no-op p50: {out['default_p50_over_baseline']:.2f}"
        )
        print(f"   the index speeds the first page up {out['index_speedup_p50']:.1f}x (p50)")
        print(f"   first page p50 / target: {out['p50_vs_target']:.2f} (target {TARGET_MS:.0f} ms)")
        app.state.engine.dispose()
        admin.dispose()
    return out
