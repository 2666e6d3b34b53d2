"""Queries for retraining: reviewed drafts, adoption outcomes, training jobs, version lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    Text,
    and_,
    cast,
    exists,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from service.tables import (
    Adoption,
    Draft,
    DraftStatus,
    ModelStatus,
    ModelVersion,
    Review,
    TrainingJob,
)

ACTIVE_JOB = ("queued", "running")
_JOB_LOCK_KEY = 7_306_211  # pg_advisory_xact_lock key: "one training job at a time"


# -- reviewed drafts (labels) ----------------------------------------------------------------


def _confirmed_at(first: int | None = None, last: int | None = None) -> Any:
    """Per draft (with first <= id <= last when given): when a review last set its category."""
    query = select(Review.draft_id, func.max(Review.created_at).label("at")).where(
        Review.confirmed_category.is_not(None)
    )
    if first is not None:
        query = query.where(Review.draft_id >= first)
    if last is not None:
        query = query.where(Review.draft_id <= last)
    return query.group_by(Review.draft_id).subquery()


def reviewed_query(first: int | None = None, last: int | None = None) -> Select[Any]:
    """Every draft whose category a reviewer confirmed or corrected (with first <= id <= last
    when given), by id. `tokens` comes as its JSON text: decoded where the draft is counted
    (training.history, in a worker process for a long history). The range bounds the reviews
    read too: SQLite builds the subquery whole (every review of the table) for each query."""
    at = _confirmed_at(first, last)
    query = (
        select(
            Draft.id,
            Draft.title,
            Draft.body,
            cast(Draft.tokens, Text).label("tokens"),
            Draft.predicted_category,
            Draft.confirmed_category,
            func.coalesce(at.c.at, Draft.updated_at).label("reviewed_at"),
        )
        .outerjoin(at, at.c.draft_id == Draft.id)
        .where(Draft.confirmed_category.is_not(None))
        .order_by(Draft.id)
    )
    if first is not None:
        query = query.where(Draft.id >= first)
    if last is not None:
        query = query.where(Draft.id <= last)
    return query


def reviewed_drafts(session: Session, batch: int = 2000) -> Iterator[Row[Any]]:
    """`reviewed_query`'s rows streamed in batches (Core rows, no ORM objects)."""
    yield from session.connection().execute(reviewed_query().execution_options(yield_per=batch))


def reviewed_ranges(session: Session, size: int) -> list[tuple[int, int]]:
    """The reviewed drafts' ids cut into ranges of `size` drafts each (the last: the rest), as
    (first id, last id): `reviewed_query(first, last)` of each in turn gives its rows."""
    ids = session.scalars(
        select(Draft.id).where(Draft.confirmed_category.is_not(None)).order_by(Draft.id)
    ).all()
    return [(ids[k], ids[min(k + size, len(ids)) - 1]) for k in range(0, len(ids), size)]


def history_fingerprint(session: Session) -> dict[str, int]:
    """What retraining would learn from, in three numbers: changes mean new data."""
    reviewed = session.scalar(
        select(func.count()).select_from(Draft).where(Draft.confirmed_category.is_not(None))
    )
    last = session.scalar(select(func.max(Review.id)).where(Review.confirmed_category.is_not(None)))
    decided = session.scalar(
        select(func.count())
        .select_from(Draft)
        .where(Draft.status.in_((DraftStatus.passed, DraftStatus.returned)))
    )
    adopted = session.scalar(select(func.count(func.distinct(Adoption.draft_id))))
    return {
        "reviewed": int(reviewed or 0),
        "last_review_id": int(last or 0),
        "decided": int(decided or 0),
        "adopted": int(adopted or 0),
    }


# -- adoption outcomes (facts the likelihood model reads) -----------------------------------


def _facts(*extra: Any) -> Select[Any]:
    return select(
        Draft.id,
        Draft.unit_id,
        Draft.predicted_category,
        Draft.confirmed_category,
        Draft.confidence,
        Draft.flag_counts,
        Draft.flags_total,
        func.length(Draft.body).label("body_chars"),
        func.length(Draft.title).label("title_chars"),
        Draft.report["news_style"]["score"].as_float().label("news_score"),
        Draft.solicitation_id,
        *extra,
    )


def _adopted() -> ColumnElement[bool]:
    return exists(select(Adoption.id).where(Adoption.draft_id == Draft.id))


def _decided_at() -> Any:
    return (
        select(Review.draft_id, func.max(Review.created_at).label("at"))
        .group_by(Review.draft_id)
        .subquery()
    )


def _known(adopted: ColumnElement[bool], decided: Any, settled_before: datetime) -> Any:
    """Adopted, returned, or passed long enough ago that no adoption is still to come."""
    passed_long_ago = and_(
        Draft.status == DraftStatus.passed,
        func.coalesce(decided, Draft.updated_at) < settled_before,
    )
    return or_(adopted, Draft.status == DraftStatus.returned, passed_long_ago)


def outcomes(session: Session, settled_before: datetime, batch: int = 5000) -> Iterator[Row[Any]]:
    """Decided drafts (passed or returned) whose adoption outcome is known, oldest first."""
    at = _decided_at()
    adopted = _adopted()
    decided = func.coalesce(at.c.at, Draft.updated_at)
    query = (
        _facts(adopted.label("adopted"), decided.label("decided_at"))
        .outerjoin(at, at.c.draft_id == Draft.id)
        .where(
            Draft.status.in_((DraftStatus.passed, DraftStatus.returned)),
            _known(adopted, at.c.at, settled_before),
        )
        .order_by(decided, Draft.id)
    )
    yield from session.connection().execute(query.execution_options(yield_per=batch))


def count_outcomes(session: Session, settled_before: datetime) -> int:
    at = _decided_at()
    query = (
        select(func.count())
        .select_from(Draft)
        .outerjoin(at, at.c.draft_id == Draft.id)
        .where(
            Draft.status.in_((DraftStatus.passed, DraftStatus.returned)),
            _known(_adopted(), at.c.at, settled_before),
        )
    )
    return int(session.scalar(query) or 0)


def submitted_facts(session: Session) -> list[Row[Any]]:
    return list(session.execute(_facts().where(Draft.status == DraftStatus.submitted)).all())


def set_likelihoods(session: Session, values: Sequence[tuple[int, float | None]]) -> None:
    if values:
        session.execute(update(Draft), [{"id": i, "adoption_likelihood": p} for i, p in values])


# -- training jobs -----------------------------------------------------------------------------


def lock_jobs(session: Session) -> None:
    """Serialize job creation across processes until this transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _JOB_LOCK_KEY})
    else:  # SQLite: any write takes the database's write lock for the transaction
        session.execute(
            update(TrainingJob)
            .where(text("1 = 0"))
            .values(status="queued")
            .execution_options(synchronize_session=False)
        )


def active_jobs(session: Session) -> list[TrainingJob]:
    query = select(TrainingJob).where(TrainingJob.status.in_(ACTIVE_JOB)).order_by(TrainingJob.id)
    return list(session.scalars(query).all())


def fail_stale_jobs(session: Session, cutoff: datetime, message: str, now: datetime) -> int:
    """Mark failed every queued/running job whose last sign of life is older than cutoff."""
    last_beat = func.coalesce(TrainingJob.heartbeat_at, TrainingJob.created_at)
    result = session.execute(
        update(TrainingJob)
        .where(TrainingJob.status.in_(ACTIVE_JOB), last_beat < cutoff)
        .values(status="failed", message=message, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def touch_job(session: Session, job_id: int, **values: Any) -> bool:
    """Update a running job; False when it is no longer running (declared dead meanwhile)."""
    result = session.execute(
        update(TrainingJob)
        .where(TrainingJob.id == job_id, TrainingJob.status == "running")
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def get_job(session: Session, job_id: int, *, for_update: bool = False) -> TrainingJob | None:
    return session.get(
        TrainingJob, job_id, with_for_update=for_update or None, populate_existing=True
    )


def list_jobs(session: Session, limit: int) -> list[TrainingJob]:
    query = select(TrainingJob).order_by(TrainingJob.id.desc()).limit(limit)
    return list(session.scalars(query).all())


# -- model versions without their artifacts ----------------------------------------------------


def version_rows(session: Session, kind: str | None = None) -> list[Row[Any]]:
    query = select(
        ModelVersion.version,
        ModelVersion.kind,
        ModelVersion.status,
        ModelVersion.sha256,
        ModelVersion.metrics,
        ModelVersion.card,
        ModelVersion.created_at,
        ModelVersion.activated_at,
        func.length(ModelVersion.artifact).label("size_bytes"),
    ).order_by(ModelVersion.id)
    if kind is not None:
        query = query.where(ModelVersion.kind == kind)
    return list(session.execute(query).all())


def latest_metrics(session: Session) -> dict[str, Any] | None:
    """The metrics of the newest version of any kind."""
    query = select(ModelVersion.metrics).order_by(ModelVersion.id.desc()).limit(1)
    return session.scalar(query)


def active_metrics(session: Session, kind: str) -> dict[str, Any] | None:
    """The metrics of the active version of a kind."""
    query = select(ModelVersion.metrics).where(
        ModelVersion.kind == kind, ModelVersion.status == ModelStatus.active
    )
    return session.scalar(query.limit(1))


def newest_candidate_metrics(session: Session, kind: str) -> dict[str, Any] | None:
    """The metrics of the newest version of a kind when it was never activated (a candidate
    kept because it was not better); None when the newest one is or was active."""
    row = session.execute(
        select(ModelVersion.status, ModelVersion.metrics)
        .where(ModelVersion.kind == kind)
        .order_by(ModelVersion.id.desc())
        .limit(1)
    ).first()
    return row[1] if row is not None and row[0] == ModelStatus.candidate else None
