"""Measure the news-style model as served: its probability AND the rule markers.

The model is fitted by training.train.fit_news (the one fit); this is its cross-validated
verdict quality, the figures the model card reports.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score

from models.news_style import combine, has_evidence, marker_score
from models.rules.engine import default_rules
from models.text import Document
from training.dataset import Item
from training.train import cv_splitter, fit_news, news_labels, predict_proba


def evaluate_news(items: Sequence[Item], folds: int = 5) -> dict:
    """Cross-validated verdict quality: the model's share AND the rule markers, as served."""
    y = news_labels(items)
    cv, groups = cv_splitter(items, folds)
    p_news = np.zeros(len(items))
    for train_idx, test_idx in cv.split(items, y, groups):
        model = fit_news([items[i] for i in train_idx])
        column = list(model.classes_).index("news")
        p_news[test_idx] = predict_proba(model, [items[i] for i in test_idx])[:, column]
    rules = default_rules()
    verdicts = []
    for item, p in zip(items, p_news, strict=True):
        flags = rules.check(Document.from_text(item.title, item.body))
        verdicts.append(
            combine(float(p), marker_score(flags, rules), has_evidence(flags, rules)).verdict
        )
    truth = np.array([label == "news" for label in y])
    pred = np.array(verdicts)
    info = ~truth
    return {
        "n": len(y),
        "news": int(truth.sum()),
        "f1": round(float(f1_score(truth, pred)), 4),
        "precision": round(float(precision_score(truth, pred, zero_division=0)), 4),
        "recall": round(float(recall_score(truth, pred)), 4),
        "info_called_news_rate": round(float(pred[info].mean()), 4),
    }
