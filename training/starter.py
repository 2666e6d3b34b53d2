"""The starter bundle: both models trained on the bootstrap corpus alone (the service
registers it at the first start, service/bootstrap.py).

The same items, fits and card writer as retraining (training.dataset, training.train,
training.cards); what the starter adds is the group cross-validated and held-out measurement
that a retrain, judged on the newest reviewed drafts instead, does not need.

A version's artifact is a bundle {"category": Pipeline, "news_style": Pipeline}: everything a
served model needs, activated and rolled back together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from models.report import LABELS
from training.cards import category_card
from training.dataset import Item, corpus_items
from training.news import evaluate_news
from training.progress import Progress, no_progress
from training.train import fit_news, train_category


@dataclass
class Trained:
    bundle: dict[str, Pipeline]
    metrics: dict
    card: str


def news_items(items: Sequence[Item]) -> list[Item]:
    """The news-style model learns from whole drafts (excerpts train the classifier only)."""
    return [i for i in items if i.parent is None]


def train_news(items: Sequence[Item]) -> tuple[Pipeline, dict]:
    drafts = news_items(items)
    return fit_news(drafts), evaluate_news(drafts)


def train_bundle(items: Sequence[Item] | None = None, progress: Progress = no_progress) -> Trained:
    """Both models on the items (default: the bootstrap corpus with its excerpts)."""
    items = corpus_items() if items is None else items
    categories = [i for i in items if i.label in LABELS]
    result = train_category(categories, lambda f, m: progress(0.8 * f, m))
    progress(0.85, "新闻稿式写法模型")
    news, news_metrics = train_news(items)
    metrics = {**result.metrics, "counts": result.counts, "news_style": news_metrics}
    progress(1.0, "完成")
    return Trained(
        {"category": result.pipeline, "news_style": news},
        metrics,
        category_card(result.counts, result.metrics, news_metrics),
    )
