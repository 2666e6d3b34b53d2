"""Adoption likelihood: training the chance that a submitted draft is adopted (采用) on past
outcomes. The served side (Facts, FEATURES, AdoptionModel) is models.likelihood.

Outcomes. A decided draft (passed or returned) has a known outcome when it was adopted, when
it was returned, or when it passed at least SETTLE_DAYS ago without an adoption (adoptions
are recorded some days after a draft passes; a fresh pass is not yet a "no").

Features (FEATURES, from columns the workflow stores; nothing is re-analysed): the category
(confirmed, else predicted), its confidence, flag counts by kind and in total, body and title
length, the news-style score, whether it answers a 约稿, and the unit's past adoption rate
(shrunk towards the office-wide rate by PRIOR_WEIGHT drafts) with the unit's number of
decided drafts. In training every draft sees only its unit's outcomes decided before it.

Model: standardized features -> logistic regression. It is judged on the most recent 20% of
outcomes (ROC AUC, Brier score, reliability bins) and the model so judged is the one stored:
a model kind of its own ("adoption") in model_versions, activated and rolled back apart from
the classifier. Its artifact also keeps each unit's outcome counts at training time, so
scoring a draft needs no query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

from models.likelihood import FEATURES, SETTLE_DAYS, AdoptionModel, Facts, UnitRecord

BINS = 10
FEATURE_NAMES = {
    "category.dynamic": "动态信息",
    "category.problem": "问题信息",
    "category.special": "专报信息",
    "confidence": "分类置信度",
    "log_flags.news_style": "新闻稿式写法提示数",
    "log_flags.number": "数字提示数",
    "log_flags.sensitive": "敏感内容提示数",
    "log_flags.title": "标题提示数",
    "log_flags_total": "提示总数",
    "log_body_chars": "正文长度",
    "log_title_chars": "标题长度",
    "news_score": "新闻稿式写法得分",
    "solicited": "约稿",
    "unit_rate": "单位以往采用率",
    "log_unit_decided": "单位已决定稿件数",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    draft_id: int
    facts: Facts
    adopted: bool
    decided_at: datetime


def past_features(outcomes: Sequence[Outcome], prior: float) -> np.ndarray:
    """Each outcome's features with its unit's record before it (outcomes in time order)."""
    record = UnitRecord(prior)
    rows = []
    for o in outcomes:
        rows.append(record.features(o.facts))
        record.add(o.facts.unit_id, o.adopted)
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


# -- training and measuring --------------------------------------------------------------------


def build_adoption_pipeline() -> Pipeline:
    return Pipeline(
        [("scale", StandardScaler()), ("model", LogisticRegression(C=1.0, max_iter=2000))]
    )


def adoption_metrics(y: Sequence[bool], p: np.ndarray) -> dict[str, Any]:
    truth = np.asarray(y, dtype=float)
    edges = np.linspace(0.0, 1.0, BINS + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, BINS - 1)
    bins, ece = [], 0.0
    for b in range(BINS):
        mask = which == b
        if mask.any():
            predicted, observed = float(p[mask].mean()), float(truth[mask].mean())
            ece += mask.mean() * abs(predicted - observed)
            bins.append(
                {
                    "lo": round(float(edges[b]), 2),
                    "hi": round(float(edges[b + 1]), 2),
                    "n": int(mask.sum()),
                    "predicted": round(predicted, 4),
                    "observed": round(observed, 4),
                }
            )
    both = len(set(truth.tolist())) == 2
    return {
        "n": len(truth),
        "base_rate": round(float(truth.mean()), 4) if len(truth) else None,
        "roc_auc": round(float(roc_auc_score(truth, p)), 4) if both else None,
        "brier": round(float(brier_score_loss(truth, p)), 4),
        "log_loss": round(float(log_loss(truth, np.clip(p, 1e-6, 1 - 1e-6), labels=[0, 1])), 4),
        "ece": round(float(ece), 4),
        "reliability": bins,
    }


@dataclass
class AdoptionFit:
    bundle: dict[str, Any]
    metrics: dict[str, Any]
    eval_x: np.ndarray  # the evaluation rows, to score the active model on the same drafts
    eval_y: list[bool]


def train_adoption(outcomes: Sequence[Outcome], eval_share: float = 0.2) -> AdoptionFit | str:
    """Fit on the older 80% of outcomes, measure on the newest 20%; a reason when it can't."""
    ordered = sorted(outcomes, key=lambda o: (o.decided_at, o.draft_id))
    n_eval = int(len(ordered) * eval_share)
    train, held = ordered[: len(ordered) - n_eval], ordered[len(ordered) - n_eval :]
    y_train, y_eval = [o.adopted for o in train], [o.adopted for o in held]
    if len(set(y_train)) < 2 or len(set(y_eval)) < 2:
        return "采用结果只有一种（全部采用或全部未采用），无法训练采用可能性模型"
    x = past_features(ordered, float(np.mean(y_train)))
    pipeline = build_adoption_pipeline().fit(x[: len(train)], y_train)
    p_eval = pipeline.predict_proba(x[len(train) :])[:, 1]
    everything = UnitRecord(float(np.mean([o.adopted for o in ordered])))
    for o in ordered:
        everything.add(o.facts.unit_id, o.adopted)
    metrics = {
        "recent": adoption_metrics(y_eval, p_eval),
        "n_train": len(train),
        "n_eval": len(held),
        "outcomes": len(ordered),
        "adopted": int(sum(o.adopted for o in ordered)),
        "features": list(FEATURES),
        "coefficients": _coefficients(pipeline),
        "settle_days": SETTLE_DAYS,
    }
    bundle = {
        "pipeline": pipeline,
        "features": list(FEATURES),
        "units": everything.table().reshape(-1, 3),
        "prior": everything.prior,
    }
    return AdoptionFit(bundle, metrics, x[len(train) :], y_eval)


def _coefficients(pipeline: Pipeline) -> dict[str, float]:
    """Per standardized feature: how much one standard deviation moves the log-odds."""
    coef = pipeline.named_steps["model"].coef_[0]
    return {f: round(float(c), 4) for f, c in zip(FEATURES, coef, strict=True)}


def score_active(active: AdoptionModel, fit: AdoptionFit) -> dict[str, Any] | None:
    """The active adoption model on the candidate's evaluation drafts (same past-only rates)."""
    if active.features != tuple(FEATURES):
        return None
    return adoption_metrics(fit.eval_y, active.pipeline.predict_proba(fit.eval_x)[:, 1])
