"""Model versions in the database: registering, activating (and rolling back), the admin list
with its metrics summary, and the per-process holder that follows the active one (one
service.core.polled.Polled per model kind).

Artifacts live in `model_versions` so several API processes on one database share them; each
process polls the active version's name (a cheap query) and loads a newly activated one.
Activating an adoption model also rescores the submitted drafts, whoever activates it (an
admin's rollback, a retraining job), so the queue always shows the active model's figures.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from models import artifacts
from models.analyze import Analyzer
from models.classify import CategoryModel
from models.likelihood import AdoptionModel
from models.news_style import NewsStyleModel
from service.core.errors import NotFound
from service.core.polled import Polled
from service.repositories import model_versions as repo
from service.repositories import training as training_repo
from service.services import likelihood
from service.services.audit import record
from service.tables import ModelStatus, ModelVersion


def register(
    session: Session,
    bundle: dict[str, Any],
    metrics: dict,
    card: str,
    *,
    kind: str = "category",
    activate_now: bool = False,
    actor_id: int | None = None,
) -> ModelVersion:
    data, sha = artifacts.dump(bundle)
    row = ModelVersion(
        version=repo.next_version_name(session, kind),
        kind=kind,
        artifact=data,
        sha256=sha,
        metrics=metrics,
        card=card,
    )
    session.add(row)
    session.flush()
    record(session, actor_id, "register", "model", row.version, {"kind": kind, "sha256": sha})
    if activate_now:
        activate(session, row.version, actor_id)
    return row


def activate(session: Session, version: str, actor_id: int | None = None) -> ModelVersion:
    row = repo.get_version(session, version)
    if row is None:
        raise NotFound(f"模型版本 {version} 不存在", code="model_not_found")
    session.execute(
        update(ModelVersion)
        .where(
            ModelVersion.kind == row.kind,
            ModelVersion.status == ModelStatus.active,
            ModelVersion.id != row.id,
        )
        .values(status=ModelStatus.retired)
    )
    row.status = ModelStatus.active
    row.activated_at = datetime.now(UTC)
    session.flush()
    record(session, actor_id, "activate", "model", version, {"kind": row.kind})
    if row.kind == likelihood.KIND:
        model = AdoptionModel(artifacts.load(row.artifact, row.sha256), row.version)
        likelihood.rescore_submitted(session, model)
    return row


_LOADED: OrderedDict[tuple[str, str], Analyzer] = OrderedDict()  # (version, sha256) → analyzer
_LOADED_KEEP = 2  # the active version and the one before it: a rollback loads nothing
_loaded_lock = threading.Lock()


def load_analyzer(session: Session, version: str) -> Analyzer:
    """The analyzer of a version. Building one costs about a second of CPU (the artifact's
    37 MB read and unpickled, the models' joint vocabulary), so the last two are kept per
    process, keyed by the artifact's sha256: analyzers are read-only once built."""
    sha = repo.version_sha(session, version)
    if sha is None:
        raise NotFound(f"模型版本 {version} 不存在", code="model_not_found")
    key = (version, sha)
    with _loaded_lock:
        if key in _LOADED:
            _LOADED.move_to_end(key)
            return _LOADED[key]
    row = repo.get_version(session, version)
    if row is None:
        raise NotFound(f"模型版本 {version} 不存在", code="model_not_found")
    analyzer = analyzer_from_bundle(artifacts.load(row.artifact, row.sha256), row.version)
    with _loaded_lock:
        _LOADED[(row.version, row.sha256)] = analyzer
        while len(_LOADED) > _LOADED_KEEP:
            _LOADED.popitem(last=False)
    return analyzer


def analyzer_from_bundle(bundle: dict, version: str) -> Analyzer:
    news = bundle.get("news_style")
    analyzer = Analyzer(
        category=CategoryModel(bundle["category"], version),
        news=NewsStyleModel(news) if news is not None else None,
        version=version,
    )
    analyzer.joint  # noqa: B018  # the models' joint vocabulary, built with the model, not at its first check
    return analyzer


class ModelHolder(Polled[Any]):
    """This process's copy of the active model of a kind (service.core.polled)."""

    def __init__(
        self,
        factory: sessionmaker[Session],
        kind: str = "category",
        poll_seconds: float = 5.0,
        loader: Callable[[Session, str], Any] = load_analyzer,
        on_switch: Callable[[], None] | None = None,
    ) -> None:
        """`on_switch` runs after each version loaded as the active one, the first too (the
        app's `service.core.heap.settle`)."""

        def build(session: Session, head: Any) -> Any:
            model = None if head is None else loader(session, head[0])
            if model is not None and on_switch is not None:
                on_switch()
            return model

        super().__init__(
            lambda session: repo.active_head(session, kind),
            build,
            factory=factory,
            poll_seconds=poll_seconds,
            empty=None,
        )


# -- the admin list: every version with its headline figures ----------------------------------

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
    for row in training_repo.version_rows(session, kind):
        item = dict(row._mapping)
        metrics = item["metrics"] or {}
        summarize = adoption_summary if item["kind"] == likelihood.KIND else category_summary
        item["summary"] = summarize(metrics)
        out.append(item)
    return out
