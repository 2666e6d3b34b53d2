"""Per-draft check time vs jieba alone on the same text; model load time; long texts.

Issue targets: category + stats within 2x jieba's time on a 1,500-char draft; the full check
(every rule, news-style verdict, headlines) within 3x; 100,000 chars under 2 s; load under 2 s.
"""

from __future__ import annotations

import os
import time

import jieba
import numpy as np

from bench.corpus_text import draft_of
from bench.timing import sample
from models import artifacts
from models.analyze import Analyzer
from models.rules.engine import RuleSet
from models.tokenize import engine, get_tokenizer
from service.services.model_versions import analyzer_from_bundle
from training.starter import train_bundle

TITLE = "某县三举措推进春茶产业提质增效"


# The rows above check one text again and again, so every per-text cache (the number analyses'
# lru_caches, the re module's cache of patterns built from the text) hits after the first run.
# A service sees a new draft each time: these rows time DISTINCT drafts of the same length, once
# each, against jieba on the same drafts.
DISTINCT = 120


def _distinct_drafts(full: Analyzer, plain: jieba.Tokenizer, n: int) -> dict[str, float]:
    texts = [draft_of(n, offset=7 * i) for i in range(DISTINCT)]
    checks, cuts = [], []
    for text in texts:
        t = time.perf_counter()
        full.analyze(TITLE, text)
        checks.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        plain.lcut(text)
        cuts.append((time.perf_counter() - t) * 1000)
    check_p50, jieba_p50 = float(np.median(checks)), float(np.median(cuts))
    return {
        "full_check_p50_ms": round(check_p50, 3),
        "jieba_p50_ms": round(jieba_p50, 3),
        "ratio_full_p50": round(check_p50 / jieba_p50, 2),
    }


def run() -> dict:
    get_tokenizer()
    plain = jieba.Tokenizer()
    plain.initialize()
    data, sha = artifacts.dump(train_bundle().bundle)
    t = time.perf_counter()
    full = analyzer_from_bundle(artifacts.load(data, sha), "bench")
    load_s = time.perf_counter() - t
    category_only = Analyzer(category=full.category, rules=RuleSet([]))
    out: dict[str, object] = {
        "model_load_s": round(load_s, 3),
        "artifact_kib": len(data) // 1024,
        "tokenizer": engine(),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }
    print(f"   model load {load_s:.3f} s ({len(data) // 1024} KiB); tokenizer {engine()}")
    for n in (500, 1500, 5000):
        text = draft_of(n)
        jb = sample(lambda text=text: plain.lcut(text), repeat=60)
        cat = sample(lambda text=text: category_only.analyze(TITLE, text), repeat=60)
        chk = sample(lambda text=text: full.analyze(TITLE, text), repeat=60)
        distinct = _distinct_drafts(full, plain, n)
        out[f"{n}_chars"] = {
            "jieba": jb,
            "category_and_stats": cat,
            "full_check": chk,
            "ratio_category_p50": round(cat["p50_ms"] / jb["p50_ms"], 2),
            "ratio_full_p50": round(chk["p50_ms"] / jb["p50_ms"], 2),
            "distinct_drafts": distinct,
        }
        print(
            f"   {n:>6} chars: jieba p50 {jb['p50_ms']:.2f} ms | category+stats p50 "
            f"{cat['p50_ms']:.2f} ms ({cat['p50_ms'] / jb['p50_ms']:.2f}x) | full check p50 "
            f"{chk['p50_ms']:.2f} ms p99 {chk['p99_ms']:.2f} ms ({chk['p50_ms'] / jb['p50_ms']:.2f}x)"
            f" | {DISTINCT} distinct drafts: check p50 {distinct['full_check_p50_ms']:.2f} ms "
            f"({distinct['ratio_full_p50']:.2f}x)"
        )
    big = draft_of(100_000)
    t = time.perf_counter()
    plain.lcut(big)
    jieba_s = time.perf_counter() - t
    t = time.perf_counter()
    full.analyze("", big)
    long_s = time.perf_counter() - t
    out["100k_chars_full_check_s"] = round(long_s, 3)
    out["100k_chars_jieba_s"] = round(jieba_s, 3)
    out["100k_ratio_full"] = round(long_s / jieba_s, 2)
    print(
        f"   100,000 chars: jieba {jieba_s:.2f} s | full check {long_s:.2f} s ({long_s / jieba_s:.2f}x)"
    )
    return out
