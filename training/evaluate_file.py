"""Score a served model on a labelled JSON Lines file (e.g. training/eval/independent.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from models.analyze import Analyzer
from models.report import LABELS
from training.evaluate import classification_metrics


def evaluate_file(analyzer: Analyzer, path: Path) -> dict:
    rows = read_corpus_file(path)
    cat_true, cat_pred, news_true, news_pred = [], [], [], []
    for row in rows:
        report = analyzer.analyze(row.get("title") or "", row["body"])
        news_true.append(row["label"] == "news")
        news_pred.append(report.news_style.verdict)
        if row["label"] in LABELS and report.category is not None:
            cat_true.append(row["label"])
            cat_pred.append(report.category.label)
    tp = sum(t and p for t, p in zip(news_true, news_pred, strict=True))
    fp = sum(p and not t for t, p in zip(news_true, news_pred, strict=True))
    fn = sum(t and not p for t, p in zip(news_true, news_pred, strict=True))
    info = sum(not t for t in news_true)
    return {
        "category": classification_metrics(cat_true, cat_pred),
        "news_style": {
            "f1": round(2 * tp / max(1, 2 * tp + fp + fn), 4),
            "recall": round(tp / max(1, tp + fn), 4),
            "info_called_news_rate": round(fp / max(1, info), 4),
            "n": len(rows),
        },
    }


def read_corpus_file(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]
