"""Queries behind the scoreboard: monthly tallies, draft tallies, 稿酬 counts; rebuilding.

Aggregates only; the arithmetic of penalties, base points and ranks is in
services/scoreboard.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    Text,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from service.services.office_time import local_date, utc_bounds
from service.tables import (
    Adoption,
    Draft,
    DraftMonth,
    Instruction,
    Outlet,
    RemunerationMonth,
    RemunerationYear,
    Role,
    ScoreMonth,
    User,
)
from service.tables.scoreboard import NO_AUTHOR, NO_CATEGORY, NO_RULE

COUNTERS = ("adoption_points", "adoptions", "adopted_drafts", "instruction_points", "instructions")


def month_start(day: date) -> date:
    return day.replace(day=1)


def year_start(day: date) -> date:
    return day.replace(month=1, day=1)


def add_to_month(session: Session, day: date, unit_id: int, author_id: int, **amounts: Any) -> None:
    """Add to the (month of day, unit, author) tally: one atomic upsert, safe under concurrency."""
    values = {c: amounts.get(c, 0) for c in COUNTERS}
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(ScoreMonth).values(
        month=month_start(day), unit_id=unit_id, author_id=author_id, **values
    )
    table = ScoreMonth.__table__
    stmt = stmt.on_conflict_do_update(
        index_elements=["month", "unit_id", "author_id"],
        set_={c: table.c[c] + stmt.excluded[c] for c in COUNTERS},
    )
    session.execute(stmt)


def add_remuneration(session: Session, adoption: Adoption, author_id: int, step: int) -> None:
    """Count an adoption (+1) or take it off again (-1) in its 稿酬 tallies, the month's and
    the year's: one atomic upsert each."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    key = {
        "unit_id": adoption.unit_id,
        "author_id": author_id,
        "outlet_id": adoption.outlet_id,
        "rule_id": adoption.rule_id if adoption.rule_id is not None else NO_RULE,
    }
    day = adoption.adopted_on
    for table, first in ((RemunerationMonth, ("month", month_start(day))),
                         (RemunerationYear, ("year", year_start(day)))):  # fmt: skip
        stmt = dialect.insert(table).values(**key, **{first[0]: first[1]}, adoptions=step)
        stmt = stmt.on_conflict_do_update(
            index_elements=[first[0], *key],
            set_={"adoptions": table.__table__.c.adoptions + stmt.excluded.adoptions},
        )
        session.execute(stmt)


def tallies(
    session: Session, start: date, end: date, by_author: bool = False
) -> dict[Any, dict[str, Any]]:
    """Summed counters per unit (or per (unit, author)) for the months in [start, end]."""
    keys = [ScoreMonth.unit_id, ScoreMonth.author_id] if by_author else [ScoreMonth.unit_id]
    rows = session.execute(
        select(*keys, *(func.sum(getattr(ScoreMonth, c)).label(c) for c in COUNTERS))
        .where(ScoreMonth.month >= month_start(start), ScoreMonth.month <= end)
        .group_by(*keys)
    ).all()
    out: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = (row.unit_id, row.author_id) if by_author else row.unit_id
        out[key] = {c: _number(getattr(row, c)) for c in COUNTERS}
    return out


def _number(value: Any) -> Any:
    if value is None:
        return 0
    if isinstance(value, int):
        return value
    return Decimal(str(value)).quantize(Decimal("0.01"))


def count_draft(session: Session, draft: Draft, sign: int, adopted: bool | None = None) -> None:
    """Add (+1) or take off (-1) a submitted draft's line in the draft tallies: call with -1
    before a write changes its submission time, category or adoption, +1 after. `adopted`
    (whether it has an adoption) is looked up when not given. One atomic upsert."""
    if draft.submitted_at is None:
        return
    if adopted is None:
        adopted = (
            session.scalar(select(Adoption.id).where(Adoption.draft_id == draft.id).limit(1))
            is not None
        )
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(DraftMonth).values(
        month=month_start(local_date(draft.submitted_at)),
        unit_id=draft.unit_id,
        author_id=draft.author_id,
        category=_category(draft.confirmed_category, draft.predicted_category),
        submitted=sign,
        adopted=sign * int(adopted),
    )
    table = DraftMonth.__table__
    stmt = stmt.on_conflict_do_update(
        index_elements=["month", "unit_id", "author_id", "category"],
        set_={c: table.c[c] + stmt.excluded[c] for c in ("submitted", "adopted")},
    )
    session.execute(stmt)


def _category(confirmed: str | None, predicted: str | None) -> str:
    if confirmed is not None:
        return confirmed
    return predicted if predicted is not None else NO_CATEGORY


def _draft_sums(
    session: Session, start: date, end: date, keys: list[Any], column: Any
) -> dict[Any, int]:
    """sum(column) over the draft tallies of the months in [start, end], per keys; rows
    summing to 0 are left out (as counting the drafts themselves would)."""
    total = func.sum(column)
    rows = session.execute(
        select(*keys, total)
        .where(DraftMonth.month >= month_start(start), DraftMonth.month <= end)
        .group_by(*keys)
        .having(total != 0)
    ).all()
    return {(tuple(r[:-1]) if len(keys) > 1 else r[0]): int(r[-1]) for r in rows}


def _draft_keys(by_author: bool) -> list[Any]:
    return [DraftMonth.unit_id, DraftMonth.author_id] if by_author else [DraftMonth.unit_id]


def submitted_counts(
    session: Session, start: date, end: date, by_author: bool = False
) -> dict[Any, int]:
    """Drafts submitted in the months of [start, end] (latest submission, office-local) per
    unit (or (unit, author)), from the draft tallies."""
    return _draft_sums(session, start, end, _draft_keys(by_author), DraftMonth.submitted)


def submitted_adopted_counts(
    session: Session, start: date, end: date, by_author: bool = False
) -> dict[Any, int]:
    """Drafts submitted in the months of [start, end] that have been adopted (any date, any
    outlet), per unit (or (unit, author)): the numerator of 采用率."""
    return _draft_sums(session, start, end, _draft_keys(by_author), DraftMonth.adopted)


def category_counts(session: Session, start: date, end: date) -> dict[tuple[int, str | None], int]:
    """Drafts submitted in the months of [start, end] per (unit, category: confirmed, else
    predicted; None when neither)."""
    counts = _draft_sums(
        session, start, end, [DraftMonth.unit_id, DraftMonth.category], DraftMonth.submitted
    )
    return {(unit, cat if cat != NO_CATEGORY else None): n for (unit, cat), n in counts.items()}


def draft_counts(
    session: Session, start: date, end: date
) -> list[tuple[int, int, str | None, int, int]]:
    """(unit, author, category, submitted, adopted) for the months of [start, end] from the
    draft tallies, without all-zero lines (tests compare with draft_counts_from_drafts)."""
    t = DraftMonth
    rows = session.execute(
        select(t.unit_id, t.author_id, t.category, func.sum(t.submitted), func.sum(t.adopted))
        .where(t.month >= month_start(start), t.month <= end)
        .group_by(t.unit_id, t.author_id, t.category)
    ).all()
    return sorted(
        (unit, author, cat if cat != NO_CATEGORY else None, int(n), int(a))
        for unit, author, cat, n, a in rows
        if n or a
    )


def draft_counts_from_drafts(
    session: Session, start: date, end: date
) -> list[tuple[int, int, str | None, int, int]]:
    """The same counts read from every draft submitted in [start, end] (office-local days)."""
    category = func.coalesce(Draft.confirmed_category, Draft.predicted_category)
    adopted = select(Adoption.id).where(Adoption.draft_id == Draft.id).exists()
    first, after = utc_bounds(start, end)
    rows = session.execute(
        select(Draft.unit_id, Draft.author_id, category, func.count(),
               func.sum(case((adopted, 1), else_=0)))
        .where(Draft.submitted_at >= first, Draft.submitted_at < after)
        .group_by(Draft.unit_id, Draft.author_id, category)
    ).all()  # fmt: skip
    return sorted((unit, author, cat, int(n), int(a)) for unit, author, cat, n, a in rows)


def remuneration_counts(
    session: Session, start: date, end: date, by_author: bool = False
) -> list[tuple[int, int, str, int | None, int]]:
    """(lead unit, author or 0, outlet level, rule id, adoptions) adopted in the months of
    [start, end], from the 稿酬 tallies (periods are whole months): the calendar years the
    period covers whole from the yearly rows, its other months from the monthly ones."""
    first = month_start(start)
    years = [y for y in range(first.year, end.year + 1)
             if date(y, 1, 1) >= first and date(y, 12, 1) <= end]  # fmt: skip
    parts = []
    for t, when, since, until in _remuneration_spans(first, end, years):
        author = t.author_id if by_author else literal(NO_AUTHOR)
        parts.append(
            select(t.unit_id, author.label("author"), t.outlet_id, t.rule_id, t.adoptions)
            .where(when >= since, when <= until)
        )  # fmt: skip
    rows = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
    counts = (
        select(rows.c.unit_id, rows.c.author, rows.c.outlet_id, rows.c.rule_id,
               func.sum(rows.c.adoptions).label("n"))
        .group_by(rows.c.unit_id, rows.c.author, rows.c.outlet_id, rows.c.rule_id)
        .subquery()
    )  # fmt: skip
    query = (
        select(counts.c.unit_id, counts.c.author, Outlet.level, counts.c.rule_id,
               func.sum(counts.c.n))
        .join(Outlet, Outlet.id == counts.c.outlet_id)
        .group_by(counts.c.unit_id, counts.c.author, Outlet.level, counts.c.rule_id)
        .having(func.sum(counts.c.n) != 0)
    )  # fmt: skip
    return [
        (unit, author_id, level, None if rule == NO_RULE else rule, int(n))
        for unit, author_id, level, rule, n in session.execute(query)
    ]


def _remuneration_spans(first: date, end: date, years: list[int]) -> list[tuple[Any, ...]]:
    """(tally, its date column, from, to) covering the months first..end: the whole `years`
    (consecutive) from the yearly tally, the months before and after them from the monthly."""
    m, y = RemunerationMonth, RemunerationYear
    if not years:
        return [(m, m.month, first, end)]
    spans = [(y, y.year, date(years[0], 1, 1), date(years[-1], 1, 1))]
    if first < date(years[0], 1, 1):
        spans.append((m, m.month, first, date(years[0] - 1, 12, 1)))
    if end >= date(years[-1] + 1, 1, 1):
        spans.append((m, m.month, date(years[-1] + 1, 1, 1), end))
    return spans


def remuneration_counts_from_adoptions(
    session: Session, start: date, end: date, by_author: bool = False
) -> list[tuple[int, int, str, int | None, int]]:
    """The same counts read from every adoption (what the tallies replace; tests compare)."""
    author = Draft.author_id if by_author else literal(NO_AUTHOR)
    query = (
        select(Adoption.unit_id, author, Outlet.level, Adoption.rule_id, func.count())
        .join(Outlet, Outlet.id == Adoption.outlet_id)
        .join(Draft, Draft.id == Adoption.draft_id)
        .where(Adoption.adopted_on >= start, Adoption.adopted_on <= end)
        .group_by(Adoption.unit_id, author, Outlet.level, Adoption.rule_id)
    )
    return [tuple(r) for r in session.execute(query).all()]  # type: ignore[misc]


# -- rebuilding the tallies from the stored points ------------------------------------------


def _month_of(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("month", column), Date)
    return func.date(column, "start of month")


def _year_of(session: Session, column: Any) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.date_trunc("year", column), Date)
    return func.date(column, "start of year")


def rebuild_score_months(session: Session) -> int:
    """Recompute every tally from drafts, adoptions and instructions; returns the score rows
    written."""
    rebuild_remuneration_months(session)
    rebuild_draft_months(session)
    session.execute(delete(ScoreMonth))
    # each draft's first adoption: the earliest date (then the first entered that day)
    order = func.row_number().over(
        partition_by=Adoption.draft_id, order_by=(Adoption.adopted_on, Adoption.id)
    )
    ranked = select(Adoption.id.label("first_id"), order.label("n")).subquery()
    first = select(ranked.c.first_id).where(ranked.c.n == 1).subquery()
    month = _month_of(session, Adoption.adopted_on)
    session.execute(
        insert(ScoreMonth).from_select(
            ["month", "unit_id", "author_id", *COUNTERS],
            select(
                month,
                Adoption.unit_id,
                Draft.author_id,
                func.sum(Adoption.points),
                func.count(),
                func.count(first.c.first_id),
                literal(0),
                literal(0),
            )
            .join(Draft, Draft.id == Adoption.draft_id)
            .outerjoin(first, first.c.first_id == Adoption.id)
            .group_by(month, Adoption.unit_id, Draft.author_id),
        )
    )
    for adoption, author_id in _joint_adoptions(session):
        _apply_joint(session, adoption, author_id)
    month = _month_of(session, Instruction.instructed_on)
    rows = session.execute(
        select(month, Instruction.unit_id, Draft.author_id, func.sum(Instruction.points),
               func.count())
        .join(Draft, Draft.id == Instruction.draft_id)
        .group_by(month, Instruction.unit_id, Draft.author_id)
    ).all()  # fmt: skip
    for on, unit_id, author_id, points, count in rows:
        day = on if isinstance(on, date) else date.fromisoformat(str(on))
        add_to_month(
            session, day, unit_id, author_id, instruction_points=points, instructions=count
        )
    return session.scalar(select(func.count()).select_from(ScoreMonth)) or 0


def rebuild_remuneration_months(session: Session) -> int:
    """Recompute the 稿酬 tallies from the adoptions, monthly then yearly; returns the
    monthly rows written."""
    session.execute(delete(RemunerationMonth))
    session.execute(delete(RemunerationYear))
    month = _month_of(session, Adoption.adopted_on)
    rule = func.coalesce(Adoption.rule_id, NO_RULE)
    session.execute(
        insert(RemunerationMonth).from_select(
            ["month", "unit_id", "author_id", "outlet_id", "rule_id", "adoptions"],
            select(month, Adoption.unit_id, Draft.author_id, Adoption.outlet_id, rule,
                   func.count())
            .join(Draft, Draft.id == Adoption.draft_id)
            .group_by(month, Adoption.unit_id, Draft.author_id, Adoption.outlet_id, rule),
        )
    )  # fmt: skip
    t = RemunerationMonth
    year = _year_of(session, t.month)
    session.execute(
        insert(RemunerationYear).from_select(
            ["year", "unit_id", "author_id", "outlet_id", "rule_id", "adoptions"],
            select(
                year, t.unit_id, t.author_id, t.outlet_id, t.rule_id, func.sum(t.adoptions)
            ).group_by(year, t.unit_id, t.author_id, t.outlet_id, t.rule_id),
        )
    )
    return session.scalar(select(func.count()).select_from(RemunerationMonth)) or 0


def rebuild_draft_months(session: Session) -> int:
    """Recompute the draft tallies from the drafts, one office-local month at a time (a month's
    UTC bounds depend on the zone, so no SQL date function can find it); returns the rows
    written."""
    session.execute(delete(DraftMonth))
    first, last = session.execute(
        select(func.min(Draft.submitted_at), func.max(Draft.submitted_at))
    ).one()
    if first is None:
        return 0
    category = func.coalesce(Draft.confirmed_category, Draft.predicted_category, NO_CATEGORY)
    adopted = select(Adoption.id).where(Adoption.draft_id == Draft.id).exists()
    month, stop = month_start(local_date(first)), local_date(last)
    while month <= stop:
        following = month_start(month + timedelta(days=31))
        since, before = utc_bounds(month, following - timedelta(days=1))
        session.execute(
            insert(DraftMonth).from_select(
                ["month", "unit_id", "author_id", "category", "submitted", "adopted"],
                select(literal(month, Date), Draft.unit_id, Draft.author_id, category,
                       func.count(), func.sum(case((adopted, 1), else_=0)))
                .where(Draft.submitted_at >= since, Draft.submitted_at < before)
                .group_by(Draft.unit_id, Draft.author_id, category),
            )
        )  # fmt: skip
        month = following
    return session.scalar(select(func.count()).select_from(DraftMonth)) or 0


def _joint_adoptions(session: Session) -> list[tuple[Adoption, int]]:
    """Adoptions with partner shares ({} when solo), found without JSON operators."""
    query = (
        select(Adoption, Draft.author_id)
        .join(Draft, Draft.id == Adoption.draft_id)
        .where(func.length(cast(Adoption.shares, Text)) > 2)
    )
    return [(adoption, author_id) for adoption, author_id in session.execute(query)]


def _apply_joint(session: Session, adoption: Adoption, author_id: int) -> None:
    """Move the partners' shares from the lead unit's tally to theirs."""
    for unit, points in credited_shares(adoption).items():
        if unit == adoption.unit_id:
            continue
        add_to_month(
            session, adoption.adopted_on, adoption.unit_id, author_id, adoption_points=-points
        )
        add_to_month(session, adoption.adopted_on, unit, NO_AUTHOR, adoption_points=points)


def credited_shares(adoption: Adoption) -> dict[int, Decimal]:
    return {int(k): Decimal(str(v)) for k, v in (adoption.shares or {}).items()}


def people(session: Session, extra_ids: Iterable[int] = ()) -> list[tuple[int, str, int | None]]:
    """(user id, display name, unit) of every officer, and of any other user in extra_ids."""
    wanted = set(extra_ids)
    condition = User.role == Role.officer
    if wanted:
        condition = or_(condition, User.id.in_(wanted))
    rows = session.execute(
        select(User.id, User.full_name, User.username, User.unit_id).where(condition)
    )
    return [(uid, full or username, unit_id) for uid, full, username, unit_id in rows]
