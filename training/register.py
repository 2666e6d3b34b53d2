"""The starter bundle: both models trained on the bootstrap corpus (the service registers it).

A version's artifact is a bundle {"category": Pipeline, "news_style": Pipeline}: everything a
served model needs, activated and rolled back together.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.pipeline import Pipeline

from models.report import LABELS
from training.card import category_card
from training.dataset import Example
from training.news import evaluate_news, fit_news
from training.progress import Progress, no_progress
from training.train import train_category


@dataclass
class Trained:
    bundle: dict[str, Pipeline]
    metrics: dict
    card: str


def train_bundle(examples: list[Example], progress: Progress = no_progress) -> Trained:
    categories = [e for e in examples if e.label in LABELS]
    result = train_category(categories, lambda f, m: progress(0.8 * f, m))
    progress(0.85, "新闻稿式写法模型")
    drafts = [e for e in examples if e.parent is None]  # excerpts train the category model only
    news = fit_news(drafts)
    news_metrics = evaluate_news(drafts)
    metrics = {**result.metrics, "counts": result.counts, "news_style": news_metrics}
    progress(1.0, "完成")
    return Trained(
        {"category": result.pipeline, "news_style": news},
        metrics,
        category_card(result.counts, result.metrics, news_metrics),
    )
