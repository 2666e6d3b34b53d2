"""Model versions, training jobs and the adoption-likelihood status."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

ModelKind = Literal["category", "adoption"]


class ModelVersionPublic(BaseModel):
    """A version without its artifact; `summary` holds the figures a table or chart shows."""

    version: str
    kind: str
    status: str
    sha256: str
    size_bytes: int
    created_at: datetime
    activated_at: datetime | None
    metrics: dict[str, Any]
    card: str
    summary: dict[str, Any] | None


class RetrainRequest(BaseModel):
    force: bool = False  # retrain even with nothing new, and activate whatever the comparison


class TrainingJobPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    status: str  # queued | running | succeeded | failed
    progress: float
    message: str
    force: bool
    requested_by: int | None
    result_version: str | None
    created_at: datetime
    heartbeat_at: datetime | None
    finished_at: datetime | None


class ActivatedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    version: str
    kind: str
    status: str
    activated_at: datetime | None


class AdoptionStatus(BaseModel):
    available: bool  # an adoption model is active: drafts carry adoption_likelihood
    version: str | None
    outcomes: int  # decided drafts whose adoption outcome is known
    min_outcomes: int
    reason: str | None  # why likelihoods are not shown, when they are not
