"""Model versions for admins: the list with a metrics summary, activation and rollback."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import artifacts
from models.likelihood import AdoptionModel
from service.repositories import training as repo
from service.services import likelihood, model_registry
from service.tables import ModelVersion

BASIS_NAMES = {
    "recent": "最近审核稿件留出集",
    "held_out": "语料留出集",
    "cv": "语料交叉验证",
}


def category_summary(metrics: dict[str, Any]) -> dict[str, Any] | None:
    """The version's headline figures: on recent reviewed drafts when it has them."""
    basis = next((k for k in BASIS_NAMES if k in metrics), None)
    if basis is None:
        return None
    m = metrics[basis]
    comparison = metrics.get("comparison") or {}
    return {
        "basis": basis,
        "basis_name": BASIS_NAMES[basis],
        "n": m["n"],
        "macro_f1": m["macro_f1"],
        "accuracy": m["accuracy"],
        "per_class_f1": {lab: v["f1"] for lab, v in m["per_class"].items()},
        "labels": m["labels"],
        "confusion": m["confusion"],
        "active_version": comparison.get("active_version"),
        "active_macro_f1": comparison.get("active_macro_f1"),
        "decision": comparison.get("reason"),
    }


def adoption_summary(metrics: dict[str, Any]) -> dict[str, Any] | None:
    m = metrics.get("recent")
    if m is None:
        return None
    comparison = metrics.get("comparison") or {}
    return {
        "basis": "recent",
        "basis_name": "最近决定的稿件留出集",
        "n": m["n"],
        "roc_auc": m["roc_auc"],
        "brier": m["brier"],
        "ece": m["ece"],
        "base_rate": m["base_rate"],
        "reliability": m["reliability"],
        "decision": comparison.get("reason"),
    }


def list_versions(session: Session, kind: str | None = None) -> list[dict[str, Any]]:
    """Oldest first (the order of a chart over versions)."""
    out = []
    for row in repo.version_rows(session, kind):
        item = dict(row._mapping)
        metrics = item["metrics"] or {}
        summarize = adoption_summary if item["kind"] == likelihood.KIND else category_summary
        item["summary"] = summarize(metrics)
        out.append(item)
    return out


def activate(session: Session, version: str, actor_id: int | None) -> ModelVersion:
    """Activate (or roll back to) a version; a new adoption model rescores the queue."""
    row = model_registry.activate(session, version, actor_id)
    if row.kind == likelihood.KIND:
        model = AdoptionModel(artifacts.load(row.artifact, row.sha256), row.version)
        likelihood.rescore_submitted(session, model)
    return row
