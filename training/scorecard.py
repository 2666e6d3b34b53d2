"""One evaluation command: corpus group-CV, the independent set and the real dev set, side by side.

    python -m training.scorecard            # prints the table and rewrites training/eval/SCORECARD.md
    python -m training.scorecard --no-write

The starter model is trained from the corpus exactly as the service trains it; its card metrics
give the group cross-validation (folds by writer). The independent set (`training/eval/`) and the
real development set (`../shared/realtext/dev.jsonl`, read when present, measurement only) are
run through the full analysis, news-style markers included, as an officer's check would be.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from models.analyze import Analyzer
from models.classify import CategoryModel
from models.news_style import NewsStyleModel
from models.report import CATEGORY_NAMES, LABELS
from training.dataset import normalize_row
from training.evaluate import classification_metrics
from training.realtext import DEV_SET, read_jsonl
from training.starter import train_bundle

ROOT = Path(__file__).resolve().parents[1]
INDEPENDENT = ROOT / "training" / "eval" / "independent.jsonl"

OUTPUT = ROOT / "training" / "eval" / "SCORECARD.md"


def read_rows(path: Path) -> list[dict]:
    rows = []
    for row in read_jsonl(path):
        if "news_style" in row and "news" not in row:  # the real-text set's field name
            row["news"] = bool(row["news_style"])
        rows.append(normalize_row(row, writer=path.stem))
    return rows


def news_metrics(truth: Sequence[bool], pred: Sequence[bool]) -> dict:
    t, p = np.array(truth, dtype=bool), np.array(pred, dtype=bool)
    tp, fp, fn = int((t & p).sum()), int((~t & p).sum()), int((t & ~p).sum())
    return {
        "n": len(t),
        "news": int(t.sum()),
        "precision": round(tp / max(1, tp + fp), 4),
        "recall": round(tp / max(1, tp + fn), 4),
        "f1": round(2 * tp / max(1, 2 * tp + fp + fn), 4),
        "info_called_news_rate": round(fp / max(1, int((~t).sum())), 4),
    }


def evaluate_rows(analyzer: Analyzer, rows: Sequence[dict]) -> dict:
    """Category metrics on rows with a label, news-style metrics on every row."""
    y_true, y_pred, proba, high, uncertain = [], [], [], [], []
    news_true, news_pred = [], []
    for row in rows:
        report = analyzer.analyze(row["title"], row["body"])
        news_true.append(bool(row["news"]))
        news_pred.append(report.news_style.verdict)
        if row["label"] in LABELS and report.category is not None:
            y_true.append(row["label"])
            y_pred.append(report.category.label)
            proba.append([report.category.probabilities[lab] for lab in LABELS])
            high.append(row.get("confidence") == "high")
            uncertain.append(report.category.uncertain)
    out = {
        "category": classification_metrics(y_true, y_pred, np.array(proba)),
        "news_style": news_metrics(news_true, news_pred),
        "uncertain_share": round(float(np.mean(uncertain)), 4) if uncertain else 0.0,
    }
    if any(high):
        idx = [i for i, h in enumerate(high) if h]
        out["category_high"] = classification_metrics(
            [y_true[i] for i in idx], [y_pred[i] for i in idx]
        )
    return out


def _category_lines(name: str, m: dict) -> list[str]:
    cells = " | ".join(
        f"{m['per_class'][lab]['precision']:.2f} / {m['per_class'][lab]['recall']:.2f} / "
        f"**{m['per_class'][lab]['f1']:.2f}**"
        for lab in LABELS
    )
    ece = f"{m['ece']:.3f}" if "ece" in m else "–"
    return [f"| {name} | {m['n']} | **{m['macro_f1']:.3f}** | {cells} | {ece} |"]


def render(card: dict, sets: dict[str, dict], seconds: float) -> str:
    lines = [
        "# Scorecard — category and news-style verdicts",
        "",
        "Written by `python -m training.scorecard` (do not edit by hand); "
        f"train + evaluate took {seconds:.0f} s.",
        "",
        "## Category (P / R / F1 per class)",
        "",
        "| set | n | macro-F1 | " + " | ".join(f"{lab}" for lab in LABELS) + " | ECE |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += _category_lines("corpus group-CV (by writer)", card["cv"])
    for name, m in sets.items():
        lines += _category_lines(name, m["category"])
        if "category_high" in m:
            lines += _category_lines(f"{name}, high-confidence labels", m["category_high"])
    lines += ["", "## Confusion matrices (rows true, columns predicted: " + ", ".join(LABELS) + ")"]
    for name, m in [("corpus group-CV", card["cv"])] + [
        (k, v["category"]) for k, v in sets.items()
    ]:
        lines += ["", f"{name}: " + "; ".join(str(r) for r in m["confusion"])]
    lines += [
        "",
        "## News-style verdict",
        "",
        "| set | n | news | precision | recall | F1 | information pieces called news |",
        "|---|---|---|---|---|---|---|",
    ]
    news_sets = [("corpus group-CV (by writer)", card["news_style"])]
    news_sets += [(k, v["news_style"]) for k, v in sets.items()]
    for name, m in news_sets:
        lines.append(
            f"| {name} | {m['n']} | {m['news']} | {m['precision']:.3f} | {m['recall']:.3f} | "
            f"**{m['f1']:.3f}** | {m['info_called_news_rate']:.1%} |"
        )
    lines += ["", "## Uncertain verdicts (top probability below the threshold)", ""]
    for name, m in sets.items():
        lines.append(f"- {name}: {m['uncertain_share']:.1%} of labelled items marked uncertain")
    lines += ["", "Category names: " + "，".join(f"{k} {v}" for k, v in CATEGORY_NAMES.items())]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    trained = train_bundle()
    analyzer = Analyzer(
        CategoryModel(trained.bundle["category"], "scorecard"),
        NewsStyleModel(trained.bundle["news_style"]),
    )
    sets = {"independent set": evaluate_rows(analyzer, read_rows(INDEPENDENT))}
    if DEV_SET.exists():
        sets["real dev set"] = evaluate_rows(analyzer, read_rows(DEV_SET))
    text = render(trained.metrics, sets, time.perf_counter() - started)
    print(text)
    if not args.no_write:
        OUTPUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
