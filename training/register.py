"""Train on the corpus (and later history) and register a version in the database."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.services import model_registry
from service.tables import ModelVersion
from training.card import category_card
from training.dataset import category_examples
from training.train import Progress, _noop, train_category


def train_and_register(
    session: Session,
    *,
    activate_now: bool,
    actor_id: int | None = None,
    progress: Progress = _noop,
) -> ModelVersion:
    examples = category_examples()
    result = train_category(examples, progress)
    metrics = {**result.metrics, "counts": result.counts}
    card = category_card(result.counts, result.metrics)
    return model_registry.register(
        session, result.pipeline, metrics, card, activate_now=activate_now, actor_id=actor_id
    )
