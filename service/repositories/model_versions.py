"""Queries on model versions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.tables import ModelStatus, ModelVersion


def active_head(session: Session, kind: str) -> tuple[str, str] | None:
    """(version, sha256) of the active model of a kind, without loading the artifact."""
    row = session.execute(
        select(ModelVersion.version, ModelVersion.sha256).where(
            ModelVersion.kind == kind, ModelVersion.status == ModelStatus.active
        )
    ).first()
    return (row[0], row[1]) if row else None


def version_sha(session: Session, version: str) -> str | None:
    """The sha256 of a version's artifact, without loading the artifact."""
    return session.scalar(select(ModelVersion.sha256).where(ModelVersion.version == version))


def get_version(session: Session, version: str) -> ModelVersion | None:
    return session.scalar(select(ModelVersion).where(ModelVersion.version == version))


def version_metrics(session: Session, version: str) -> dict[str, Any] | None:
    """A version's metrics, without reading its artifact."""
    metrics = session.scalar(select(ModelVersion.metrics).where(ModelVersion.version == version))
    return dict(metrics) if metrics is not None else None


# Each kind counts its own versions (the first adoption model is a1, not v3 after two
# classifiers, D11); the letter keeps names unique across kinds, as the version column is.
PREFIXES = {"category": "v", "adoption": "a"}


def next_version_name(session: Session, kind: str = "category") -> str:
    """The next free name of a kind: one more than its versions so far, skipping names taken
    (databases from before per-kind numbering named adoption models v3, v5, ...)."""
    prefix = PREFIXES.get(kind, kind[:1])
    count = session.scalar(
        select(func.count()).select_from(ModelVersion).where(ModelVersion.kind == kind)
    )
    n = (count or 0) + 1
    while version_sha(session, f"{prefix}{n}") is not None:  # taken (no artifact read)
        n += 1
    return f"{prefix}{n}"
