"""Metrics: macro-F1, per-class precision/recall, confusion matrix, calibration."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from models.report import LABELS


def classification_metrics(
    y_true: Sequence[str], y_pred: Sequence[str], proba: np.ndarray | None = None
) -> dict:
    labels = list(LABELS)
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    out = {
        "n": len(y_true),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro")), 4),
        "accuracy": round(float(np.mean(np.array(y_true) == np.array(y_pred))), 4),
        "per_class": {
            lab: {
                "precision": round(float(p[i]), 4),
                "recall": round(float(r[i]), 4),
                "f1": round(float(f[i]), 4),
                "support": int(s[i]),
            }
            for i, lab in enumerate(labels)
        },
        "labels": labels,
        "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
    }
    if proba is not None:
        out["brier"] = round(_brier(y_true, proba, labels), 4)
        out["ece"] = round(_ece(y_true, proba, labels), 4)
    return out


def _brier(y_true: Sequence[str], proba: np.ndarray, labels: list[str]) -> float:
    onehot = np.array([[1.0 if y == lab else 0.0 for lab in labels] for y in y_true])
    return float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))


def _ece(y_true: Sequence[str], proba: np.ndarray, labels: list[str], bins: int = 10) -> float:
    """Expected calibration error of the top-class probability."""
    conf = proba.max(axis=1)
    correct = np.array([labels[i] == y for i, y in zip(proba.argmax(axis=1), y_true, strict=True)])
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (conf > lo) & (conf <= hi)
        if mask.any():
            total += mask.mean() * abs(conf[mask].mean() - correct[mask].mean())
    return float(total)
