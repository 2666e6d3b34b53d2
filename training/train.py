"""The one way to fit and measure the text models, for the starter model and retraining alike.

Items (training.dataset.Item) carry their classifier strings, and training.features turns them
into the very matrices scikit-learn's vectorizer would (tested equal), batch by batch, so
fitting never tokenizes again, never goes through scikit-learn's slow text counting and never
holds every draft's gram strings. `fit_category` and
`fit_news` are the only fits; `train_category` adds the group cross-validated and held-out
metrics the starter model's card reports.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold
from sklearn.pipeline import Pipeline

from models.classify import SEED, build_pipeline, slim
from models.report import LABELS
from training import features
from training.dataset import Item, is_held_out
from training.evaluate import classification_metrics
from training.progress import Progress, no_progress
from training.rows_parallel import row_split

NEWS_C = 4.0  # the news-style model's regularization (models.classify.build_pipeline(c=...))
# A feature must occur in at least this share of the training drafts (and in min_df of them):
# 1 in 20,000, so up to 40,000 drafts (the corpus: 3,500) min_df=2 alone decides, as before.
# Past that, the features seen in only a few drafts (at 46,500 reviewed drafts, df 2-4 were 29%
# of the features but 1.5% of the stored counts) grow with the history, and with them the
# solver's workspace (L-BFGS keeps ~25 float64 vectors of the coefficients' size). At 40,700
# drafts min_df 8 instead of 2 cut the features by a third and the fit's peak by 120 MiB, the
# candidate's macro-F1 on the newest drafts 0.9988 -> 0.9987.
RARE_SHARE = 1 / 20_000


def min_df_for(min_df: float, n_drafts: int) -> float:
    """The vectorizer's min_df for a fit on n_drafts (a share of them is left as it is)."""
    if isinstance(min_df, float):
        return min_df
    return max(min_df, math.ceil(n_drafts * RARE_SHARE))


def fit(
    pipeline: Pipeline,
    items: Sequence[Item],
    labels: Sequence[str],
    weighted: bool = False,
    counts: features.Counts | None = None,
) -> Pipeline:
    """models.classify.build_pipeline() fitted on the items, features computed with arrays:
    from the items' strings, or, given `counts`, from the rows `Item.row` of those counts
    (drafts streamed from the database keep no string; the counts are consumed)."""
    vectorizer = pipeline.named_steps["features"]
    vectorizer.set_params(min_df=min_df_for(vectorizer.min_df, len(items)))
    if counts is None:
        x = features.fit_transform(vectorizer, [i.text for i in items])
    else:
        rows = np.array([i.row for i in items], dtype=np.int64)
        x, name_features = counts.fit_matrix(vectorizer, rows)
    features.release_freed_memory()
    weights = np.array([i.weight for i in items]) if weighted else None
    # the same arrays; the solver's X @ W on two cores (identical numbers)
    pipeline.named_steps["model"].fit(row_split(x), list(labels), sample_weight=weights)
    if counts is not None:
        del x
        name_features()  # the vocabulary's strings after the solver's workspace is freed
    return slim(pipeline)


def fit_category(items: Sequence[Item], counts: features.Counts | None = None) -> Pipeline:
    """The category classifier, each item weighted by its `weight`."""
    return fit(build_pipeline(), items, [str(i.label) for i in items], True, counts)


def news_labels(items: Sequence[Item]) -> list[str]:
    return ["news" if i.news else "info" for i in items]


def fit_news(items: Sequence[Item]) -> Pipeline:
    """The news-style model: news texts vs information drafts."""
    return fit(build_pipeline(c=NEWS_C), items, news_labels(items))


def predict_proba(
    pipeline: Pipeline, items: Sequence[Item], counts: features.Counts | None = None
) -> np.ndarray:
    """The pipeline's probabilities (columns in `pipeline.classes_` order) for the items,
    a batch of drafts at a time; given `counts`, for its rows (one per item, in order)."""
    steps = pipeline.named_steps
    if counts is not None:
        if list(steps) != ["features", "model"]:
            raise ValueError("counted drafts need a features + model pipeline")
        assert counts.n_rows == len(items)
        blocks = counts.transform(steps["features"])
        parts = [steps["model"].predict_proba(x) for x in blocks]
        return np.concatenate(parts) if parts else np.zeros((0, len(pipeline.classes_)))
    texts = [i.text for i in items]
    if list(steps) != ["features", "model"]:
        return np.asarray(pipeline.predict_proba(texts))
    parts = [
        steps["model"].predict_proba(features.transform(steps["features"], batch))
        for batch in features.batches(texts)
    ]
    return np.concatenate(parts) if parts else np.zeros((0, len(pipeline.classes_)))


def probabilities(
    pipeline: Pipeline, items: Sequence[Item], counts: features.Counts | None = None
) -> np.ndarray:
    """P(label) in LABELS order for each draft."""
    proba = predict_proba(pipeline, items, counts)
    classes = [str(c) for c in pipeline.classes_]
    return proba[:, [classes.index(lab) for lab in LABELS]]


@dataclass
class TrainResult:
    pipeline: Pipeline
    metrics: dict
    counts: dict[str, int] = field(default_factory=dict)


def train_category(
    items: Sequence[Item], progress: Progress = no_progress, folds: int = 5
) -> TrainResult:
    """Group cross-validated metrics, held-out metrics, then a final fit on everything.

    Folds never split one writer's drafts (`Item.group`): near-twins written by one hand
    in both train and test folds would flatter the model (issue 9). Excerpts (`Item.parent`,
    training.augment) only ever train, alongside their parent; metrics are on whole drafts."""
    drafts = [i for i in items if i.parent is None]
    cuts: dict[str, list[Item]] = {}
    for i in items:
        if i.parent is not None:
            cuts.setdefault(i.parent, []).append(i)

    def with_cuts(chosen: Sequence[Item]) -> list[Item]:
        return [x for i in chosen for x in (i, *cuts.get(i.id, ()))]

    labels = [str(i.label) for i in drafts]
    classes = sorted(set(labels))
    progress(0.1, "交叉验证")
    cv, groups = cv_splitter(drafts, folds)
    proba = np.zeros((len(drafts), len(classes)))
    for train_idx, test_idx in cv.split(drafts, labels, groups):
        model = fit_category(with_cuts([drafts[i] for i in train_idx]))
        order = [list(model.classes_).index(c) for c in classes]
        proba[test_idx] = predict_proba(model, [drafts[i] for i in test_idx])[:, order]
    cv_pred = [classes[i] for i in proba.argmax(axis=1)]
    metrics = {"cv": classification_metrics(labels, cv_pred, _reorder(proba, classes))}

    progress(0.6, "留出集评估")
    train = [i for i in drafts if not is_held_out(i.id)]
    held = [i for i in drafts if is_held_out(i.id)]
    if held and len({i.label for i in train}) == len(classes):
        model = fit_category(with_cuts(train))
        held_proba = predict_proba(model, held)
        held_pred = [str(model.classes_[k]) for k in held_proba.argmax(axis=1)]
        metrics["held_out"] = classification_metrics(
            [str(i.label) for i in held], held_pred, _reorder(held_proba, list(model.classes_))
        )

    progress(0.8, "全量训练")
    pipeline = fit_category(items)
    counts = {lab: labels.count(lab) for lab in classes}
    metrics["excerpts"] = sum(len(v) for v in cuts.values())
    progress(1.0, "完成")
    return TrainResult(pipeline, metrics, counts)


def cv_splitter(
    items: Sequence[Item], folds: int = 5
) -> tuple[StratifiedKFold | StratifiedGroupKFold, list[str] | None]:
    """Folds by writer when there are enough writers; plain stratified folds otherwise."""
    groups = [i.group for i in items]
    if len(set(groups)) >= 2 * folds:
        return StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=SEED), groups
    return StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED), None


def _reorder(proba: np.ndarray, classes: list[str]) -> np.ndarray:
    return proba[:, [list(classes).index(lab) for lab in LABELS]]
