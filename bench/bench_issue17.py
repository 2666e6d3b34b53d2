"""Issue 17: what the wording and leader checks add to a full check, and near-duplicate lookup
at 100,000 stored drafts on SQLite and on PostgreSQL (target < 20 ms): one draft's lookup
(GET /drafts/{id}/similar) and a queue page's batched 相似 column."""

from __future__ import annotations

import json
import os
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import text as text_sql

from bench.corpus_text import draft_of
from bench.timing import sample

N_DRAFTS = int(os.environ.get("BENCH_NEARDUP_DRAFTS", "100000"))  # fewer: a quick trial


def _check_costs() -> dict:
    from models.analyze import Analyzer
    from models.checks import ANALYSES, CHECKS
    from models.leaders import Leader, LeaderTable
    from models.rules.engine import RuleSet, default_rules

    text = draft_of(1500)
    full = Analyzer()
    rules = [r for r in default_rules().rules if r.kind != "wording"]
    without = Analyzer(rules=RuleSet(rules, CHECKS, ANALYSES))
    posts = ["县委书记", "县长", "常务副县长", "副县长", "县人大常委会主任", "县政协主席"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    table = LeaderTable(
        Leader(
            f"{surnames[i % len(surnames)]}{'明华强丽军'[i % 5]}{'远平涛英国'[i // 5 % 5]}",
            posts[i % 6],
            order=i,
        )
        for i in range(50)
    )
    a = sample(lambda: without.analyze("", text), repeat=40)
    b = sample(lambda: full.analyze("", text), repeat=40)
    c = sample(lambda: full.analyze("", text, leaders=table), repeat=40)
    print(
        f"   full check of 1,500 chars p50: without wording {a['p50_ms']:.2f} ms | with wording "
        f"{b['p50_ms']:.2f} ms | + 50-row leaders' table {c['p50_ms']:.2f} ms"
    )
    return {"without_wording": a, "with_wording": b, "with_wording_and_leaders": c}


NEAR = 20  # near-duplicates of the query text among the stored drafts
PAGE = 50  # a queue page: the 相似 column is looked up for all its rows at once


def _near_copies(text: str) -> list[str]:
    """Edited copies of a text: a character changed here, a sentence dropped there."""
    sentences = [x + "。" for x in text.split("。") if x]
    copies = []
    for n in range(NEAR):
        cut = sentences[: n % len(sentences)] + sentences[n % len(sentences) + 1 :]
        edited = "".join(cut)
        k = (n * 37) % max(1, len(edited) - 1)
        copies.append(edited[:k] + "另" + edited[k + 1 :])
    return copies


def _bulk(conn, table, rows: list[dict]) -> None:
    """COPY on PostgreSQL (millions of band rows), executemany on SQLite."""
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, dict) else v for v in row.values()])


def _fill(engine, text: str) -> float:
    """N_DRAFTS drafts, random signatures except NEAR edited copies of `text` (the last ids)."""
    from models import neardup
    from service.tables import Base, Draft, DraftBand, DraftSignature, Unit, User

    rng = np.random.default_rng(17)
    Base.metadata.create_all(engine)
    near = [neardup.signature("", t) for t in _near_copies(text)]
    now = datetime.now(UTC)
    t = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(Unit.__table__.insert(), [{"id": 1, "name": "测试单位", "kind": "county"}])
        conn.execute(User.__table__.insert(), [{"id": 1, "username": "u", "username_key": "u", "password_hash": "x",
                                                "role": "officer", "unit_id": 1}])  # fmt: skip
        for start in range(0, N_DRAFTS, 10_000):
            ids = range(start + 1, start + 10_001)
            _bulk(conn, Draft.__table__, [
                {"id": i, "unit_id": 1, "author_id": 1, "title": f"稿件{i}", "body": "略",
                 "status": "submitted", "probabilities": {}, "report": {}, "tokens": {},
                 "flag_counts": {}, "flags_total": 0, "created_at": now, "updated_at": now}
                for i in ids
            ])  # fmt: skip
            sigs = list(rng.integers(0, 2**32, size=(10_000, neardup.NUM_PERM), dtype=np.uint32))
            if start + 10_000 >= N_DRAFTS:
                sigs[-NEAR:] = near
            _bulk(conn, DraftSignature.__table__, [
                {"draft_id": i, "signature": neardup.to_bytes(s)}
                for i, s in zip(ids, sigs, strict=True)
            ])  # fmt: skip
            _bulk(conn, DraftBand.__table__, [
                {"key": k, "draft_id": i}
                for i, s in zip(ids, sigs, strict=True)
                for k in set(neardup.band_keys(s))
            ])  # fmt: skip
        if conn.dialect.name == "postgresql":
            conn.execute(text_sql("SELECT setval('drafts_id_seq', :n)"), {"n": N_DRAFTS})
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text_sql("VACUUM ANALYZE"))
    return time.perf_counter() - t


def _time_lookups(engine, text: str) -> dict:
    from sqlalchemy.orm import Session

    from models import neardup
    from service.services.neardup import best_similar, lookup

    query = neardup.signature("", text)
    page = list(range(N_DRAFTS - NEAR + 1, N_DRAFTS + 1)) + list(range(1, PAGE - NEAR + 1))
    with Session(engine) as session:
        found = lookup(session, query)
        assert len(found) == 5 and found[0].similarity >= 0.7, found
        assert len(best_similar(session, page)) == NEAR
        one = sample(lambda: lookup(session, query), repeat=60)
        batch = sample(lambda: best_similar(session, page), repeat=30)
    return {"lookup": one, "queue_page_50": batch}


def _neardup() -> dict:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from models import neardup
    from tests.pg import postgres_server

    text = draft_of(1500)
    sign = sample(lambda: neardup.signature("", text), repeat=40)
    out: dict = {"signature": sign, "drafts": N_DRAFTS, "near_copies": NEAR}
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        build = _fill(engine, text)
        out["sqlite"] = {"build_s": round(build, 1), **_time_lookups(engine, text)}
        engine.dispose()
    with postgres_server() as server:
        if server is None:
            out["postgresql"] = {"skipped": "no PostgreSQL"}
        else:
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text_sql("CREATE DATABASE bench_neardup"))
            url = make_url(server).set(database="bench_neardup")
            engine = create_engine(url)
            build = _fill(engine, text)
            out["postgresql"] = {"build_s": round(build, 1), **_time_lookups(engine, text)}
            engine.dispose()
            admin.dispose()
    print(f"   signature of 1,500 chars p50 {sign['p50_ms']:.2f} ms (on save)")
    for name in ("sqlite", "postgresql"):
        r = out[name]
        if "skipped" in r:
            print(f"   {name}: skipped ({r['skipped']})")
            continue
        print(
            f"   {name}: {N_DRAFTS:,} drafts ({NEAR} near copies of the query) indexed in "
            f"{r['build_s']:.0f} s | lookup p50 {r['lookup']['p50_ms']:.2f} ms, p99 "
            f"{r['lookup']['p99_ms']:.2f} ms | queue page of {PAGE} (相似 column) p50 "
            f"{r['queue_page_50']['p50_ms']:.2f} ms, p99 {r['queue_page_50']['p99_ms']:.2f} ms"
        )
    return out


def run() -> dict:
    return {"check": _check_costs(), "neardup": _neardup()}
