"""Per-draft check time vs jieba alone on the same text; model load time; long texts."""

from __future__ import annotations

import time

import jieba

from bench.corpus_text import draft_of
from bench.timing import sample
from models import artifacts
from models.analyze import analyze
from models.classify import CategoryModel
from models.tokenize import get_tokenizer
from training.dataset import category_examples
from training.train import _fit


def run() -> dict:
    get_tokenizer()
    plain = jieba.Tokenizer()
    plain.initialize()
    pipeline = _fit(category_examples())
    data, sha = artifacts.dump(pipeline)
    t = time.perf_counter()
    model = CategoryModel(artifacts.load(data, sha), "bench")
    load_s = time.perf_counter() - t
    out: dict[str, object] = {"model_load_s": round(load_s, 3), "artifact_kib": len(data) // 1024}
    print(f"   model load {load_s:.3f} s ({len(data) // 1024} KiB)")
    for n in (500, 1500, 5000):
        text = draft_of(n)
        jb = sample(lambda text=text: plain.lcut(text), repeat=60)
        full = sample(lambda text=text: analyze("某县三举措推进春茶产业", text, model), repeat=60)
        ratio = full["p50_ms"] / jb["p50_ms"]
        out[f"{n}_chars"] = {"jieba": jb, "check": full, "ratio_p50": round(ratio, 2)}
        print(
            f"   {n:>6} chars: check p50 {full['p50_ms']:.2f} ms p99 {full['p99_ms']:.2f} ms | "
            f"jieba p50 {jb['p50_ms']:.2f} ms | ratio {ratio:.2f}x"
        )
    big = draft_of(100_000)
    t = time.perf_counter()
    analyze("", big, model)
    long_s = time.perf_counter() - t
    out["100k_chars_s"] = round(long_s, 3)
    print(f"   100,000 chars: {long_s:.2f} s")
    return out
