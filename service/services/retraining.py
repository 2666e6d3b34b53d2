"""Retraining jobs: one at a time, with progress and a heartbeat in `training_jobs`.

The API runs a job in a background thread of its own process; `govbrief retrain` runs the same
`run_job` in the foreground. A job goes queued -> running -> succeeded | failed.

Everything a job stores (the new versions, their activation, the likelihoods of submitted
drafts, the job's success) is written in ONE transaction at its end, so a crash or kill before
that changes nothing. A running job beats every HEARTBEAT_SECONDS; a job whose process died
stops beating, and whoever looks next (a new job, the job list, the job's status) marks it
failed once its last beat is older than STALE_AFTER. A job so marked that is in fact still
alive notices it at its next progress step or at the end, and stores nothing.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Engine, Row, text, update
from sqlalchemy.orm import Session, sessionmaker

from models import artifacts, tokenize
from models.likelihood import AdoptionModel, facts_from_row
from service.core.config import Settings
from service.core.db import make_engine, unit_of_work
from service.core.errors import Conflict, NotFound
from service.repositories import model_versions as versions
from service.repositories import training as repo
from service.services import likelihood, model_versions
from service.services.audit import record
from service.tables import TrainingJob
from training import features
from training.cards import retrain_card
from training.dataset import Item, category_items
from training.history import (
    History,
    HistoryStats,
    read_history,
    read_history_ranges,
    read_workers,
)
from training.likelihood import Outcome
from training.retrain import Active, Options, Result, retrain

log = logging.getLogger("govbrief.retraining")
Progress = Callable[[float, str], None]
HEARTBEAT_SECONDS = 2.0
STALE_AFTER = timedelta(seconds=60)
STALE_MESSAGE = "任务中断（进程退出或被终止），现用模型未改变"


class JobLost(Exception):
    """The job was marked failed while it ran (its heartbeat looked dead): store nothing."""


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(at: datetime) -> datetime:
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at


# -- creating and reading jobs -------------------------------------------------------------


def sweep_stale(session: Session) -> int:
    now = _now()
    return repo.fail_stale_jobs(session, now - STALE_AFTER, STALE_MESSAGE, now)


def create_job(session: Session, *, force: bool, actor_id: int | None) -> TrainingJob:
    """Queue a job unless one is queued or running (409), or nothing new could be learnt."""
    repo.lock_jobs(session)
    sweep_stale(session)
    if repo.active_jobs(session):
        raise Conflict("已有重训任务正在进行，请等待其完成", code="job_running")
    if not force:
        _refuse_if_nothing_new(session)
    job = TrainingJob(status="queued", force=force, requested_by=actor_id, message="排队中")
    session.add(job)
    session.flush()
    record(session, actor_id, "retrain", "training_job", job.id, {"force": force})
    return job


def _refuse_if_nothing_new(session: Session) -> None:
    fingerprint = repo.history_fingerprint(session)
    if fingerprint["reviewed"] == 0 and fingerprint["decided"] == 0:
        raise Conflict(
            "还没有审核确认过分类或已有审核结论的稿件，重训不会改变模型（可选择强制重训）",
            code="nothing_to_learn",
        )
    # compared with what the ACTIVE classifier learnt: after a rollback to an older version
    # the newer history is new to it, whatever the newest (now retired) version saw
    # (a candidate kept from the same data would only be trained again: also refused)
    seen = [
        repo.active_metrics(session, "category"),
        repo.newest_candidate_metrics(session, "category"),
    ]
    if any((m or {}).get("data", {}).get("fingerprint") == fingerprint for m in seen):
        raise Conflict("自上次重训以来没有新的审核或采用结果（可选择强制重训）", code="nothing_new")


def get_job(session: Session, job_id: int) -> TrainingJob:
    sweep_stale(session)
    job = repo.get_job(session, job_id)
    if job is None:
        raise NotFound("训练任务不存在", code="job_not_found")
    return job


def list_jobs(session: Session, limit: int = 20) -> list[TrainingJob]:
    sweep_stale(session)
    return repo.list_jobs(session, limit)


def start_in_background(factory: sessionmaker[Session], settings: Settings, job_id: int) -> None:
    thread = threading.Thread(
        target=_run, args=(factory, settings, job_id), name=f"retrain-{job_id}", daemon=True
    )
    thread.start()


# -- running a job -----------------------------------------------------------------------------


class _Heartbeat:
    """Progress and liveness of one running job, each written in its own short transaction."""

    def __init__(self, factory: sessionmaker[Session], job_id: int, echo: Progress | None) -> None:
        self.factory, self.job_id, self.echo = factory, job_id, echo
        self.lost = False
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._written = (0.0, "")

    def begin(self) -> bool:
        with unit_of_work(self.factory) as s:
            started = s.execute(
                update(TrainingJob)
                .where(TrainingJob.id == self.job_id, TrainingJob.status == "queued")
                .values(status="running", heartbeat_at=_now(), progress=0.0, message="开始")
                .execution_options(synchronize_session=False)
            ).rowcount
        if not started:
            return False
        self._thread = threading.Thread(target=self._beat, daemon=True, name="retrain-heartbeat")
        self._thread.start()
        return True

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                with unit_of_work(self.factory) as s:
                    alive = repo.touch_job(s, self.job_id, heartbeat_at=_now())
            except Exception:  # a busy database: try again at the next beat
                log.warning("heartbeat of job %s not written", self.job_id, exc_info=True)
                continue
            if not alive:
                self.lost = True
                return

    def progress(self, fraction: float, message: str) -> None:
        if self.lost:
            raise JobLost(STALE_MESSAGE)
        if self.echo is not None:
            self.echo(fraction, message)
        last_time, last_message = self._written
        if message != last_message or time.monotonic() - last_time >= 0.5:
            with unit_of_work(self.factory) as s:
                alive = repo.touch_job(
                    s,
                    self.job_id,
                    progress=round(fraction, 4),
                    message=message,
                    heartbeat_at=_now(),
                )
            if not alive:
                self.lost = True
                raise JobLost(STALE_MESSAGE)
            self._written = (time.monotonic(), message)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)


@dataclass
class _Inputs:
    force: bool
    actor_id: int | None
    history: History
    stats: HistoryStats
    outcomes: Callable[[], list[Outcome]]  # read after the classifier's fit
    fingerprint: dict[str, int]
    head: tuple[str, str] | None
    adoption_head: tuple[str, str] | None
    active: Active | None
    active_adoption: AdoptionModel | None


def _read(factory: sessionmaker[Session], job_id: int, beat: _Heartbeat) -> _Inputs:
    beat.progress(0.02, "读取审核稿件和采用结果")
    features.unmap_large_arrays()  # freed batch arrays go back to the system at once
    with factory() as session:
        snapshot = _shared_snapshot(session)
        job = repo.get_job(session, job_id)
        assert job is not None
        stats = HistoryStats()
        fingerprint = repo.history_fingerprint(session)
        workers = read_workers(fingerprint["reviewed"])
        url = session.get_bind().url
        if workers > 1 and url.database not in (None, "", ":memory:"):
            # each worker process reads the drafts it counts (an in-memory SQLite database
            # is seen by this process alone: it reads the rows and sends them over)
            reader = _ReviewedRange(url.render_as_string(hide_password=False), snapshot)
            ranges = repo.reviewed_ranges(session, features.BATCH)
            history = read_history_ranges(ranges, reader, stats, workers=workers)
        else:
            history = read_history(repo.reviewed_drafts(session), stats, workers=workers)
        head = versions.active_head(session, "category")
        inputs = _Inputs(
            force=job.force,
            actor_id=job.requested_by,
            history=history,
            stats=stats,
            outcomes=lambda: _outcomes(factory),
            fingerprint=fingerprint,
            head=head,
            adoption_head=versions.active_head(session, likelihood.KIND),
            active=_active(factory, session, head),
            active_adoption=likelihood.active_adoption_model(session),
        )
    features.release_freed_memory()  # the batches' decoded tokens and strings, before the fit
    beat.progress(0.08, "读取内置语料")
    return inputs


def _shared_snapshot(session: Session) -> str | None:
    """On PostgreSQL: make the session's transaction REPEATABLE READ and export its snapshot,
    so that the worker processes reading the drafts see the very rows this session sees (the
    fingerprint, the ranges). SQLite cannot share a snapshot between connections: there each
    worker reads its range in a transaction of its own, bounded by the ids listed here (a
    review committed meanwhile may be seen; no draft is read twice or missed). None there."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    return str(session.scalar(text("SELECT pg_export_snapshot()")))


_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f-]+")


@dataclass(frozen=True)
class _ReviewedRange:
    """Reads reviewed drafts by id range in a worker process (training.history.RangeReader),
    through an engine of its own, on the reading session's snapshot when there is one."""

    url: str
    snapshot: str | None

    def __call__(self, first: int, last: int) -> list[Row[Any]]:
        engine = _worker_engine(self.url)
        with engine.connect() as conn:
            if self.snapshot is not None:
                if not _SNAPSHOT_ID.fullmatch(self.snapshot):
                    raise ValueError(f"not a snapshot id: {self.snapshot!r}")
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
                conn.execute(text(f"SET TRANSACTION SNAPSHOT '{self.snapshot}'"))
            return list(conn.execute(repo.reviewed_query(first, last)))


@cache
def _worker_engine(url: str) -> Engine:
    """One engine per database for the life of a worker process (no pool kept beyond one
    connection: a worker reads one range at a time)."""
    return make_engine(url)


def _outcomes(factory: sessionmaker[Session]) -> list[Outcome]:
    """Decided drafts with a known adoption outcome (400,000 of them take 400 MiB: read when
    the adoption model is fitted, after the classifier's matrices are freed)."""
    with factory() as session:
        return [
            Outcome(r.id, facts_from_row(r), bool(r.adopted), _aware(r.decided_at))
            for r in repo.outcomes(session, likelihood.settled_before())
        ]


def _active(
    factory: sessionmaker[Session], session: Session, head: tuple[str, str] | None
) -> Active | None:
    """The active version, its pipelines read from the database only when first used."""
    version = head[0] if head else None
    metrics = versions.version_metrics(session, version) if version else None
    if version is None or metrics is None:
        return None

    def load() -> dict[str, Any]:
        with factory() as s:
            row = versions.get_version(s, version)
            if row is None:
                raise RuntimeError(f"现用模型 {version} 已不在数据库中")
            return dict(artifacts.load(row.artifact, row.sha256))

    return Active(version, load, metrics)


def _corpus() -> tuple[Item, ...]:
    """The corpus items. When this job alone loaded the segmenter (a `govbrief retrain`
    process, not the service's, which checks drafts too), its dictionaries are dropped
    again: the rest of the job never tokenizes, and the solver needs the memory."""
    was_loaded = tokenize.loaded()
    corpus = category_items()
    if not was_loaded:
        tokenize.unload()
    return corpus


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Reading 50,000 drafts makes millions of objects that all survive: the cyclic collector
    rescanned them over and over (5 of 12 s of reading). Reference counting still frees
    everything else; the collector runs again when the job ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_job(
    factory: sessionmaker[Session],
    settings: Settings,
    job_id: int,
    echo: Progress | None = None,
) -> TrainingJob | None:
    """Run a queued job to its end; returns the job row as it finished."""
    _run(factory, settings, job_id, echo)
    with factory() as session:
        return repo.get_job(session, job_id)


def _run(
    factory: sessionmaker[Session],
    settings: Settings,
    job_id: int,
    echo: Progress | None = None,
) -> None:
    """The job itself. The background thread runs only this: its last database touch is the
    job's final status, so nothing reads the database after a client has seen it finished."""
    beat = _Heartbeat(factory, job_id, echo)
    try:
        if beat.begin():
            with _gc_paused():
                inputs = _read(factory, job_id, beat)
                options = Options(
                    margin=settings.retrain_margin,
                    force=inputs.force,
                    min_outcomes=settings.likelihood_min_outcomes,
                    min_auc=settings.likelihood_min_auc,
                )
                result = retrain(
                    _corpus(),
                    inputs.history,
                    inputs.outcomes,
                    inputs.active,
                    inputs.active_adoption,
                    options,
                    beat.progress,
                )
            with unit_of_work(factory) as session:
                _store(session, job_id, inputs, result)
    except Exception as exc:
        log.exception("training job %s failed", job_id)
        _fail(factory, job_id, exc)
    finally:
        beat.stop()


def _fail(factory: sessionmaker[Session], job_id: int, exc: BaseException) -> None:
    message = str(exc) if isinstance(exc, JobLost) else f"重训失败：{type(exc).__name__}: {exc}"
    try:
        with unit_of_work(factory) as s:
            job = repo.get_job(s, job_id, for_update=True)
            if job is not None and job.status in repo.ACTIVE_JOB:
                job.status, job.message, job.finished_at = "failed", message[:2000], _now()
    except Exception:
        log.exception("could not mark training job %s failed", job_id)


def _store(session: Session, job_id: int, inputs: _Inputs, result: Result) -> None:
    """The job's one transaction: versions, activation, likelihoods, the job's success."""
    job = repo.get_job(session, job_id, for_update=True)
    if job is None or job.status != "running":
        raise JobLost(STALE_MESSAGE)
    category, summary = _store_category(session, job_id, inputs, result)
    adoption, note = _store_adoption(session, job_id, inputs, result)
    job.status, job.progress = "succeeded", 1.0
    job.result_version = category or adoption
    job.message = "；".join(s for s in (summary, note) if s)[:2000]
    job.finished_at = job.heartbeat_at = _now()
    session.flush()


def _store_category(
    session: Session, job_id: int, inputs: _Inputs, result: Result
) -> tuple[str | None, str]:
    candidate = result.category
    if candidate is None:
        return None, f"分类模型：{result.category_note}"
    metrics = dict(candidate.metrics)
    metrics["data"] = {
        **metrics["data"],
        "fingerprint": inputs.fingerprint,
        "retokenized": inputs.stats.retokenized,
    }
    metrics["job_id"] = job_id
    activate = _still_valid(session, "category", inputs.head, candidate.activate, inputs.force)
    if activate != candidate.activate:
        metrics["comparison"] = {
            **metrics["comparison"],
            "activated": False,
            "reason": "训练期间现用模型已被更换，候选模型未启用",
        }
    row = model_versions.register(
        session,
        candidate.bundle,
        metrics,
        retrain_card(metrics),
        activate_now=activate,
        actor_id=inputs.actor_id,
    )
    return row.version, f"分类模型 {row.version}：{metrics['comparison']['reason']}"


def _still_valid(session: Session, kind: str, head_then: Any, activate: bool, force: bool) -> bool:
    """Activate only if the model compared against is still the active one (or forced)."""
    return activate and (force or versions.active_head(session, kind) == head_then)


def _store_adoption(
    session: Session, job_id: int, inputs: _Inputs, result: Result
) -> tuple[str | None, str]:
    candidate = result.adoption
    if candidate is None:
        return None, f"采用可能性：{result.adoption_note}" if result.adoption_note else ""
    activate = _still_valid(
        session, likelihood.KIND, inputs.adoption_head, candidate.activate, inputs.force
    )
    metrics: dict[str, Any] = {
        **candidate.metrics,
        "activated": activate,
        "job_id": job_id,
        "data": {"fingerprint": inputs.fingerprint},
    }
    row = model_versions.register(
        session,
        candidate.bundle,
        metrics,
        candidate.card,
        kind=likelihood.KIND,
        activate_now=activate,
        actor_id=inputs.actor_id,
    )
    return row.version, f"采用可能性模型 {row.version}：{candidate.reason}"
