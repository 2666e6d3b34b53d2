"""Train and measure the news-style model (news texts vs information drafts)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import cross_val_predict
from sklearn.pipeline import Pipeline

from models.classify import build_pipeline, slim
from models.news_style import combine, has_evidence, marker_score
from models.rules.engine import default_rules
from models.text import Document
from training.dataset import Example
from training.train import cv_splitter

NEWS_C = 4.0


def _binary(examples: Sequence[Example]) -> list[str]:
    return ["news" if e.news else "info" for e in examples]


def fit_news(examples: Sequence[Example]) -> Pipeline:
    pipeline = build_pipeline(c=NEWS_C)
    pipeline.fit([e.text for e in examples], _binary(examples))
    return slim(pipeline)


def evaluate_news(examples: Sequence[Example], folds: int = 5) -> dict:
    """Cross-validated verdict quality: the model's share AND the rule markers, as served."""
    y = _binary(examples)
    cv, groups = cv_splitter(examples, folds)
    proba = cross_val_predict(
        build_pipeline(c=NEWS_C),
        [e.text for e in examples],
        y,
        cv=cv,
        groups=groups,
        method="predict_proba",
    )
    news_col = sorted(set(y)).index("news")
    rules = default_rules()
    verdicts = []
    for e, p in zip(examples, proba[:, news_col], strict=True):
        flags = rules.check(Document.from_text(e.title, e.body))
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
