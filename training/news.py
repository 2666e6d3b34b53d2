"""Train and measure the news-style model (news texts vs information drafts)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from models.classify import SEED, build_pipeline, slim
from models.news_style import combine, marker_score
from models.rules.engine import default_rules
from models.text import Document
from training.dataset import Example


def _binary(examples: Sequence[Example]) -> list[str]:
    return ["news" if e.label == "news" else "info" for e in examples]


def fit_news(examples: Sequence[Example]) -> Pipeline:
    pipeline = build_pipeline(c=4.0)
    pipeline.fit([e.text for e in examples], _binary(examples))
    return slim(pipeline)


def evaluate_news(examples: Sequence[Example], folds: int = 5) -> dict:
    """Cross-validated verdict quality: the model's share AND the rule markers, as served."""
    y = _binary(examples)
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    proba = cross_val_predict(
        build_pipeline(c=4.0), [e.text for e in examples], y, cv=cv, method="predict_proba"
    )
    news_col = sorted(set(y)).index("news")
    rules = default_rules()
    verdicts = []
    for e, p in zip(examples, proba[:, news_col], strict=True):
        markers = marker_score(rules.check(Document.from_text(e.title, e.body)), rules)
        verdicts.append(combine(float(p), markers).verdict)
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
