"""Adoption likelihood in the service: the active adoption model, per-draft scores, status.

The adoption model is its own model kind ("adoption": served by models.likelihood, trained by
training.likelihood). Each process keeps the loaded active version (service.core.polled) and
checks the active head (a cheap query) whenever it scores, so every process follows
activations and rollbacks without restart.

Where drafts get their `adoption_likelihood`: `score_draft(session, draft)` when a draft is
saved or submitted (the workflow calls it), and `rescore_submitted` for every submitted draft
when a new adoption model is activated (retraining, or an admin's activate/rollback).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from models import artifacts
from models.likelihood import SETTLE_DAYS, AdoptionModel, facts_from_row, score_adoption
from service.core.config import Settings
from service.core.polled import Polled
from service.repositories import model_versions as versions
from service.repositories import training as repo

KIND = "adoption"


def _load(session: Session, head: Any) -> AdoptionModel | None:
    row = versions.get_version(session, head[0]) if head is not None else None
    if row is None:
        return None
    return AdoptionModel(artifacts.load(row.artifact, row.sha256), row.version)


# checked in the caller's session at every call (poll 0): a draft is scored by the model that
# is active in the transaction that stores the score
_active = Polled(
    lambda session: versions.active_head(session, KIND), _load, poll_seconds=0.0, empty=None
)


def active_adoption_model(session: Session) -> AdoptionModel | None:
    return _active.get(session)


def score_draft(session: Session, draft: Any) -> None:
    """Set draft.adoption_likelihood from the active adoption model (None when there is none)."""
    draft.adoption_likelihood = score_adoption(active_adoption_model(session), draft)


def rescore_submitted(session: Session, model: AdoptionModel | None) -> int:
    rows = repo.submitted_facts(session)
    if model is None:
        values = [(r.id, None) for r in rows]
    else:
        probs = model.probabilities([facts_from_row(r) for r in rows])
        values = [(r.id, round(float(p), 4)) for r, p in zip(rows, probs, strict=True)]
    repo.set_likelihoods(session, values)
    return len(values)


def settled_before(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) - timedelta(days=SETTLE_DAYS)


def adoption_status(session: Session, settings: Settings) -> dict[str, Any]:
    """Whether likelihoods are shown, and if not, why."""
    outcomes = repo.count_outcomes(session, settled_before())
    head = versions.active_head(session, KIND)
    needed = settings.likelihood_min_outcomes
    reason = None
    kept = repo.newest_candidate_metrics(session, KIND) if head is None else None
    if head is None:
        comparison = (kept or {}).get("comparison") or {}
        auc, floor = comparison.get("candidate_roc_auc"), comparison.get("min_auc")
        if floor is not None and (auc is None or auc < floor):
            shown = "无法计算" if auc is None else f"{auc:.3f}"
            reason = (
                f"最近训练的采用可能性模型 ROC AUC 为 {shown}，低于启用门槛 {floor:.2f}"
                "（GOVBRIEF_LIKELIHOOD_MIN_AUC），预测不够可靠，暂不显示采用可能性"
            )
        elif outcomes < needed:
            reason = f"采用结果不足 {needed} 条（现有 {outcomes} 条），暂不显示采用可能性"
        else:
            reason = "采用结果已足够，管理员在“模型管理”中重训模型后即可显示采用可能性"
    return {
        "available": head is not None,
        "version": head[0] if head else None,
        "outcomes": outcomes,
        "min_outcomes": needed,
        "reason": reason,
    }
