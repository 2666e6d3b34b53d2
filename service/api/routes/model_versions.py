"""Admin: model versions, retraining jobs, activation and rollback; the likelihood status."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Query, Request, status

from service.api.deps import AdminUser, ReviewerUser, SessionDep, SettingsDep
from service.api.params import IdPath
from service.schemas.common import ListPublic
from service.schemas.model_versions import (
    ActivatedPublic,
    AdoptionStatus,
    ModelKind,
    ModelVersionPublic,
    RetrainRequest,
    TrainingJobPublic,
)
from service.services import likelihood, model_versions, retraining

router = APIRouter(prefix="/api/v1", tags=["models"])
# version names are short ASCII labels (model_versions.version is String(40))
VersionPath = Annotated[str, Path(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._\-]+$")]


@router.get("/models", response_model=ListPublic[ModelVersionPublic])
def list_models(session: SessionDep, _: AdminUser, kind: ModelKind | None = None) -> dict:
    """Every model version (oldest first) with its metrics, card and a summary."""
    rows = model_versions.list_versions(session, kind)
    return {"data": rows, "count": len(rows)}


@router.post(
    "/models/retrain", response_model=TrainingJobPublic, status_code=status.HTTP_202_ACCEPTED
)
def retrain(
    body: RetrainRequest,
    request: Request,
    background: BackgroundTasks,
    session: SessionDep,
    settings: SettingsDep,
    admin: AdminUser,
) -> TrainingJobPublic:
    """Start retraining in the background (one job at a time); poll the job for progress."""
    job = retraining.create_job(session, force=body.force, actor_id=admin.id)
    # runs after the request's unit of work has committed the job
    background.add_task(
        retraining.start_in_background, request.app.state.session_factory, settings, job.id
    )
    return TrainingJobPublic.model_validate(job)


@router.get("/models/jobs", response_model=ListPublic[TrainingJobPublic])
def list_jobs(
    session: SessionDep, _: AdminUser, limit: Annotated[int, Query(ge=1, le=100)] = 20
) -> dict:
    """Recent training jobs, newest first."""
    rows = retraining.list_jobs(session, limit)
    return {"data": [TrainingJobPublic.model_validate(j) for j in rows], "count": len(rows)}


@router.get("/models/jobs/{job_id}", response_model=TrainingJobPublic)
def get_job(job_id: IdPath, session: SessionDep, _: AdminUser) -> TrainingJobPublic:
    """A training job's status and progress (a job whose process died is reported failed)."""
    return TrainingJobPublic.model_validate(retraining.get_job(session, job_id))


@router.post("/models/{version}/activate", response_model=ActivatedPublic)
def activate(version: VersionPath, session: SessionDep, admin: AdminUser) -> ActivatedPublic:
    """Activate a version (or roll back to an older one); every process follows within seconds."""
    return ActivatedPublic.model_validate(model_versions.activate(session, version, admin.id))


@router.get("/adoption/status", response_model=AdoptionStatus)
def adoption_status(session: SessionDep, settings: SettingsDep, _: ReviewerUser) -> dict:
    """Whether drafts carry an adoption likelihood, and if not, why."""
    return likelihood.adoption_status(session, settings)
