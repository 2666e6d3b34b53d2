"""Queries on drafts, reviews and flag dismissals, including the review queue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Row,
    Select,
    and_,
    asc,
    desc,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from models.classify import UNCERTAIN_BELOW
from service.tables import (
    Draft,
    DraftStatus,
    DraftSubmission,
    FlagDismissal,
    Review,
    Solicitation,
    SolicitationUnit,
    Unit,
)


def get_draft(session: Session, draft_id: int, *, for_update: bool = False) -> Draft | None:
    """A draft; `for_update` locks it (see lock_draft) so concurrent transitions serialize."""
    if for_update:
        return lock_draft(session, draft_id)
    return session.get(Draft, draft_id)


def lock_draft(session: Session, draft_id: int) -> Draft | None:
    """The draft, locked until the end of the transaction, on both back ends: every change of
    one draft (edit, submit, review, adoption) serializes, and the row read is the latest.

    PostgreSQL: SELECT ... FOR UPDATE. SQLite ignores FOR UPDATE and has no row locks: a no-op
    UPDATE first takes the database write lock (other writers wait for this transaction), and
    the SELECT after it reads the latest committed row."""
    if session.get_bind().dialect.name == "sqlite":
        # setting updated_at to itself keeps its onupdate default from firing
        touch = update(Draft).where(Draft.id == draft_id).values(updated_at=Draft.updated_at)
        session.execute(touch.execution_options(synchronize_session=False))
    return session.scalar(
        select(Draft)
        .where(Draft.id == draft_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def unit_name(session: Session, unit_id: int) -> str:
    return session.scalar(select(Unit.name).where(Unit.id == unit_id)) or ""


def solicitation_asks_unit(session: Session, solicitation_id: int, unit_id: int) -> bool:
    """Whether the solicitation exists and names this unit among those asked."""
    found = session.scalar(
        select(SolicitationUnit.solicitation_id).where(
            SolicitationUnit.solicitation_id == solicitation_id,
            SolicitationUnit.unit_id == unit_id,
        )
    )
    return found is not None


# -- lists ---------------------------------------------------------------------------------

_SUMMARY_COLUMNS = (
    Draft.id,
    Draft.unit_id,
    Unit.name.label("unit_name"),
    Draft.author_id,
    Draft.title,
    Draft.status,
    Draft.predicted_category,
    Draft.confidence,
    Draft.confirmed_category,
    Draft.flag_counts,
    Draft.flags_total,
    Draft.solicitation_id,
    Draft.submitted_at,
    Draft.created_at,
    Draft.updated_at,
)


def list_drafts(
    session: Session,
    *,
    unit_id: int | None,
    status: DraftStatus | None,
    offset: int,
    limit: int,
    category: str | None = None,
    title: str | None = None,
) -> tuple[list[Row[Any]], int]:
    """Draft summaries (no body, no report), newest first; `category` filters by the
    category that counts (confirmed, else predicted), `title` by a part of the title."""
    where: list[ColumnElement[bool]] = []
    if title:
        where.append(title_contains(title))
    if category is not None:
        where.append(category_of_draft() == category)
    if unit_id is not None:
        where.append(Draft.unit_id == unit_id)
    if status is not None:
        where.append(Draft.status == status)
    total = session.scalar(select(func.count()).select_from(Draft).where(*where)) or 0
    query = (
        select(*_SUMMARY_COLUMNS)
        .join(Unit, Unit.id == Draft.unit_id)
        .where(*where)
        .order_by(Draft.updated_at.desc(), Draft.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(session.execute(query).all()), total


# -- the review queue ----------------------------------------------------------------------


@dataclass(frozen=True)
class QueueQuery:
    category: str | None = None
    unit_id: int | None = None
    solicitation_id: int | None = None
    min_confidence: float | None = None
    max_confidence: float | None = None
    flag_kind: str | None = None
    uncertain: bool | None = None  # top probability below models.classify.UNCERTAIN_BELOW
    title: str | None = None  # a part of the title
    sort: str = "confidence"
    descending: bool = False
    offset: int = 0
    limit: int = 50


def category_of_draft() -> ColumnElement[str | None]:
    """The category that counts: the reviewer's confirmed one, else the predicted one."""
    return func.coalesce(Draft.confirmed_category, Draft.predicted_category)


def title_contains(part: str) -> ColumnElement[bool]:
    """Title holds `part` literally (% and _ are not wildcards; Latin letters in any case)."""
    return func.lower(Draft.title).contains(part.lower(), autoescape=True)


def _flag_count(kind: str) -> ColumnElement[int]:
    return func.coalesce(Draft.flag_counts[kind].as_integer(), 0)


def _sort_column(sort: str) -> ColumnElement[Any]:
    if sort.startswith("flags."):
        return _flag_count(sort.removeprefix("flags."))
    if sort == "unit":  # by the unit's name, as reviewers read it
        return select(Unit.name).where(Unit.id == Draft.unit_id).scalar_subquery()
    if sort == "solicitation":  # the 约稿 due first; drafts answering none last
        due = select(Solicitation.due_on).where(Solicitation.id == Draft.solicitation_id)
        return due.scalar_subquery()
    return {
        "confidence": Draft.confidence,
        "flags_total": Draft.flags_total,
        "age": Draft.submitted_at,
        "adoption_likelihood": Draft.adoption_likelihood,
        "category": category_of_draft(),
    }[sort]


def _queue_filters(q: QueueQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Draft.status == DraftStatus.submitted]
    if q.category is not None:
        where.append(category_of_draft() == q.category)
    if q.unit_id is not None:
        where.append(Draft.unit_id == q.unit_id)
    if q.solicitation_id is not None:
        where.append(Draft.solicitation_id == q.solicitation_id)
    if q.min_confidence is not None:
        where.append(Draft.confidence >= q.min_confidence)
    if q.max_confidence is not None:
        where.append(Draft.confidence <= q.max_confidence)
    if q.flag_kind is not None:
        where.append(_flag_count(q.flag_kind) > 0)
    if q.uncertain is not None:
        below = Draft.confidence < UNCERTAIN_BELOW
        where.append(below if q.uncertain else ~below)
    if q.title:
        where.append(title_contains(q.title))
    return where


def queue_select(q: QueueQuery) -> Select[Any]:
    """One page of submitted drafts with only the columns a queue row shows (no body, no
    report). The page is cut from drafts alone (the default order reads a partial index);
    unit names and solicitations are joined to the page's rows only."""
    direction = desc if q.descending else asc
    key = _sort_column(q.sort).label("sort_key")
    page = (
        select(
            Draft.id,
            Draft.title,
            Draft.unit_id,
            Draft.submitted_at,
            Draft.predicted_category,
            Draft.confidence,
            Draft.confirmed_category,
            Draft.flag_counts,
            Draft.flags_total,
            Draft.adoption_likelihood,
            Draft.solicitation_id,
            key,
        )
        .where(*_queue_filters(q))
        .order_by(direction(key).nulls_last(), Draft.id.asc())
        .offset(q.offset)
        .limit(q.limit)
        .subquery("page")
    )
    shown = [c for c in page.c if c.key != "sort_key"]
    return (
        select(
            *shown,
            Unit.name.label("unit_name"),
            Solicitation.topic.label("solicitation_topic"),
            Solicitation.due_on.label("solicitation_due_on"),
        )
        .join_from(page, Unit, Unit.id == page.c.unit_id)
        .outerjoin(Solicitation, Solicitation.id == page.c.solicitation_id)
        .order_by(direction(page.c.sort_key).nulls_last(), page.c.id.asc())
    )


def queue(session: Session, q: QueueQuery) -> tuple[list[Row[Any]], int]:
    total = session.scalar(select(func.count()).select_from(Draft).where(*_queue_filters(q))) or 0
    rows = list(session.execute(queue_select(q)).all()) if total > q.offset else []
    return rows, total


def last_stages(session: Session, draft_ids: Sequence[int]) -> dict[int, str]:
    """Stage of the latest review since each draft's last submission (None: not reviewed in
    this round, e.g. resubmitted after a return)."""
    if not draft_ids:
        return {}
    rows = session.execute(
        select(Review.draft_id, Review.stage)
        .join(Draft, Draft.id == Review.draft_id)
        .where(Review.draft_id.in_(draft_ids), Review.created_at >= Draft.submitted_at)
        .order_by(Review.id)
    ).all()
    return dict(rows)  # (draft_id, stage) in review order: later reviews overwrite earlier


# -- reviews and dismissals ----------------------------------------------------------------


def count_submissions(session: Session, draft_id: int) -> int:
    query = select(func.count()).where(DraftSubmission.draft_id == draft_id)
    return session.scalar(query) or 0


def list_submissions(session: Session, draft_id: int) -> list[DraftSubmission]:
    query = (
        select(DraftSubmission)
        .where(DraftSubmission.draft_id == draft_id)
        .order_by(DraftSubmission.round, DraftSubmission.id)
    )
    return list(session.scalars(query).all())


def list_reviews(session: Session, draft_id: int) -> list[Review]:
    query = select(Review).where(Review.draft_id == draft_id).order_by(Review.id)
    return list(session.scalars(query).all())


def dismissals_for_draft(session: Session, draft: Draft) -> list[FlagDismissal]:
    """Dismissals in force for a draft: made on it, for its unit, or global."""
    query = (
        select(FlagDismissal)
        .where(
            or_(
                and_(FlagDismissal.scope == "draft", FlagDismissal.draft_id == draft.id),
                and_(FlagDismissal.scope == "unit", FlagDismissal.unit_id == draft.unit_id),
                FlagDismissal.scope == "global",
            )
        )
        .order_by(FlagDismissal.id)
    )
    return list(session.scalars(query).all())


def find_dismissal(
    session: Session, *, rule: str, text: str | None, scope: str, draft_id: int, unit_id: int
) -> FlagDismissal | None:
    """An existing dismissal with the same rule, text and reach (draft, unit or global)."""
    reach = {
        "draft": FlagDismissal.draft_id == draft_id,
        "unit": FlagDismissal.unit_id == unit_id,
        "global": FlagDismissal.scope == "global",
    }[scope]
    same_text = FlagDismissal.text.is_(None) if text is None else FlagDismissal.text == text
    query = select(FlagDismissal).where(
        FlagDismissal.rule == rule, FlagDismissal.scope == scope, same_text, reach
    )
    return session.scalars(query.limit(1)).first()


_RAISED_SQL = {
    "postgresql": """
        SELECT f->>'rule' AS rule, min(f->>'kind') AS kind, count(*) AS n
        FROM drafts CROSS JOIN LATERAL jsonb_array_elements(
            CASE WHEN jsonb_typeof(drafts.report->'flags') = 'array'
                 THEN drafts.report->'flags' ELSE '[]'::jsonb END) AS f
        GROUP BY f->>'rule'
    """,
    "sqlite": """
        SELECT json_extract(f.value, '$.rule') AS rule,
               min(json_extract(f.value, '$.kind')) AS kind, count(*) AS n
        FROM drafts, json_each(drafts.report, '$.flags') AS f
        GROUP BY json_extract(f.value, '$.rule')
    """,
}


def flags_raised_by_rule(session: Session) -> dict[str, tuple[str | None, int]]:
    """rule -> (kind, number of flags) over every stored draft's latest report, in the database."""
    dialect = session.get_bind().dialect.name
    rows = session.execute(text(_RAISED_SQL[dialect])).all()
    return {rule: (kind, int(n)) for rule, kind, n in rows if rule is not None}


def dismissals_by_rule(session: Session) -> dict[str, dict[str, int]]:
    """rule -> {scope: number of dismissals}."""
    rows = session.execute(
        select(FlagDismissal.rule, FlagDismissal.scope, func.count()).group_by(
            FlagDismissal.rule, FlagDismissal.scope
        )
    ).all()
    out: dict[str, dict[str, int]] = {}
    for rule, scope, n in rows:
        out.setdefault(rule, {})[scope] = int(n)
    return out
