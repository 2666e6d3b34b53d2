"""Issue 17: what the wording and leader checks add to a full check, and near-duplicate lookup
at 100,000 stored drafts (SQLite file; target < 20 ms)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from bench.corpus_text import draft_of
from bench.timing import sample

N_DRAFTS = 100_000


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


def _neardup() -> dict:
    from sqlalchemy import create_engine, insert
    from sqlalchemy.orm import Session

    from models import neardup
    from service.services.neardup import lookup
    from service.tables import Base, DraftBand, DraftSignature

    text = draft_of(1500)
    sign = sample(lambda: neardup.signature("", text), repeat=40)
    rng = np.random.default_rng(17)
    with tempfile.TemporaryDirectory() as tmp:
        engine = create_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        Base.metadata.create_all(engine, tables=[DraftSignature.__table__, DraftBand.__table__])
        t = time.perf_counter()
        with engine.begin() as conn:
            for start in range(0, N_DRAFTS, 10_000):
                sigs = rng.integers(0, 2**32, size=(10_000, neardup.NUM_PERM), dtype=np.uint32)
                ids = range(start + 1, start + 10_001)
                conn.execute(
                    insert(DraftSignature),
                    [
                        {"draft_id": i, "signature": neardup.to_bytes(s)}
                        for i, s in zip(ids, sigs, strict=True)
                    ],
                )
                conn.execute(
                    insert(DraftBand),
                    [
                        {"key": k, "draft_id": i}
                        for i, s in zip(ids, sigs, strict=True)
                        for k in set(neardup.band_keys(s))
                    ],
                )
        build_s = time.perf_counter() - t
        query = neardup.signature("", text)
        with Session(engine) as session:
            look = sample(lambda: lookup(session, query), repeat=60)
    print(
        f"   signature of 1,500 chars p50 {sign['p50_ms']:.2f} ms (on save) | index of "
        f"{N_DRAFTS:,} drafts built in {build_s:.0f} s | lookup p50 {look['p50_ms']:.2f} ms, "
        f"p99 {look['p99_ms']:.2f} ms"
    )
    return {"signature": sign, "lookup_100k": look, "build_s": round(build_s, 1)}


def run() -> dict:
    return {"check": _check_costs(), "neardup": _neardup()}
