"""Fit the category classifier and measure it (cross-validation + held-out split)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from models.classify import SEED, build_pipeline, slim
from models.report import LABELS
from training.dataset import Example, is_held_out
from training.evaluate import classification_metrics
from training.progress import Progress, no_progress


@dataclass
class TrainResult:
    pipeline: Pipeline
    metrics: dict
    counts: dict[str, int] = field(default_factory=dict)


def _frame(examples: Sequence[Example]) -> list[str]:
    return [e.text for e in examples]


def _fit(examples: Sequence[Example]) -> Pipeline:
    pipeline = build_pipeline()
    pipeline.fit(
        _frame(examples),
        [e.label for e in examples],
        model__sample_weight=np.array([e.weight for e in examples]),
    )
    return slim(pipeline)


def train_category(
    examples: Sequence[Example], progress: Progress = no_progress, folds: int = 5
) -> TrainResult:
    """Group cross-validated metrics, held-out metrics, then a final fit on everything.

    Folds never split one writer's drafts (`Example.group`): near-twins written by one hand
    in both train and test folds would flatter the model (issue 9). Excerpts (`Example.parent`,
    training.augment) only ever train, alongside their parent; metrics are on whole drafts."""
    drafts = [e for e in examples if e.parent is None]
    cuts: dict[str, list[Example]] = {}
    for e in examples:
        if e.parent is not None:
            cuts.setdefault(e.parent, []).append(e)

    def with_cuts(chosen: Sequence[Example]) -> list[Example]:
        return [x for e in chosen for x in (e, *cuts.get(e.id, ()))]

    labels = [e.label for e in drafts]
    classes = sorted(set(labels))
    progress(0.1, "交叉验证")
    cv, groups = cv_splitter(drafts, folds)
    proba = np.zeros((len(drafts), len(classes)))
    for train_idx, test_idx in cv.split(drafts, labels, groups):
        model = _fit(with_cuts([drafts[i] for i in train_idx]))
        order = [list(model.classes_).index(c) for c in classes]
        proba[test_idx] = model.predict_proba(_frame([drafts[i] for i in test_idx]))[:, order]
    cv_pred = [classes[i] for i in proba.argmax(axis=1)]
    metrics = {"cv": classification_metrics(labels, cv_pred, _reorder(proba, classes))}

    progress(0.6, "留出集评估")
    train = [e for e in drafts if not is_held_out(e.id)]
    held = [e for e in drafts if is_held_out(e.id)]
    if held and len({e.label for e in train}) == len(classes):
        model = _fit(with_cuts(train))
        held_proba = model.predict_proba(_frame(held))
        held_pred = [str(model.classes_[i]) for i in held_proba.argmax(axis=1)]
        metrics["held_out"] = classification_metrics(
            [e.label for e in held], held_pred, _reorder(held_proba, list(model.classes_))
        )

    progress(0.8, "全量训练")
    pipeline = _fit(examples)
    counts = {lab: labels.count(lab) for lab in classes}
    metrics["excerpts"] = sum(len(v) for v in cuts.values())
    progress(1.0, "完成")
    return TrainResult(pipeline, metrics, counts)


def cv_splitter(
    examples: Sequence[Example], folds: int = 5
) -> tuple[StratifiedKFold | StratifiedGroupKFold, list[str] | None]:
    """Folds by writer when there are enough writers; plain stratified folds otherwise."""
    groups = [e.group for e in examples]
    if len(set(groups)) >= 2 * folds:
        return StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED), groups
    return StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED), None


def _reorder(proba: np.ndarray, classes: list[str]) -> np.ndarray:
    return proba[:, [list(classes).index(lab) for lab in LABELS]]
