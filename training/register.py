"""Train on the corpus (and later history) and register a version in the database.

A version's artifact is a bundle {"category": Pipeline, "news_style": Pipeline}: everything a
served model needs, activated and rolled back together.
"""

from __future__ import annotations

from dataclasses import dataclass

from sklearn.pipeline import Pipeline
from sqlalchemy.orm import Session

from models.report import LABELS
from service.services import model_registry
from service.tables import ModelVersion
from training.card import category_card
from training.dataset import Example, corpus_examples
from training.news import evaluate_news, fit_news
from training.train import Progress, _noop, train_category


@dataclass
class Trained:
    bundle: dict[str, Pipeline]
    metrics: dict
    card: str


def train_bundle(examples: list[Example], progress: Progress = _noop) -> Trained:
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


def train_and_register(
    session: Session,
    *,
    activate_now: bool,
    actor_id: int | None = None,
    progress: Progress = _noop,
) -> ModelVersion:
    trained = train_bundle(corpus_examples(), progress)
    return model_registry.register(
        session,
        trained.bundle,
        trained.metrics,
        trained.card,
        activate_now=activate_now,
        actor_id=actor_id,
    )
