"""The scoreboard (积分排行/月通报): points, counts, rank and change, by unit or officer.

A unit's points for a period (local dates, both ends included):
  adoption points (its share of every adoption dated in the period, stored points)
+ instruction points (批示 dated in the period)
+ monthly base points (each month of the period in which it met the quota, if the rule in
  force at the month's end, or today, has one)
+ 约稿 penalties (every solicitation due in the period that it answered late or, the due
  date being past, not at all; points from the rule in force on the due date)
In the year view, a unit with at least `zero_year_after_missing` missing 约稿 in the year
(rule in force at the year's end, or today) scores 0 for the year (`zeroed`).

Counts: submitted = drafts submitted in the period (latest submission); adopted = drafts
whose earliest adoption date falls in the period (篇, whatever the order of entry);
adoptions = adoptions in the period (条次); adoption rate (采用率, DOMAIN.md) = of the drafts
submitted in the period, the share adopted so far (`submitted_adopted` / submitted, so
never above 100%; None when nothing was submitted); instructions = 批示 in the period. A joint piece counts for
the lead unit; partner units get their share of the points only.

By officer: the author's adoption (lead share) and instruction points and counts; base
points and penalties belong to units and are left out. Officers see their own unit's rows.

Ranks are competition ranks (1, 2, 2, 4) by points; change is against the previous period
of the same kind (rank_change > 0: moved up).

Sums come from the monthly tallies (score_months), so a year costs at most units x authors
x 12 rows however many adoptions there are; the submitted, adopted-of-submitted and
per-category counts come from the draft tallies (draft_months), likewise bounded.
The previous period only needs points (for the change and the previous rank), so its
submitted counts are not computed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from service.repositories import scoreboard as repo
from service.repositories import scoring_rules as rules_repo
from service.repositories import solicitations as sol_repo
from service.repositories import users as users_repo
from service.schemas.scoring_rules import RulesDoc
from service.services.access import may_see_unit
from service.services.office_time import local_today
from service.services.scoring import ZERO, cents, monthly_base_points, solicitation_penalty
from service.services.scoring_rules import parse
from service.services.solicitations import answers
from service.tables import User
from service.tables.scoreboard import NO_AUTHOR

# -- periods -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | year
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        if self.kind == "quarter":
            return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"
        return f"{self.start.year}年度"

    def previous(self) -> Period:
        return period_of(self.kind, self.start - timedelta(days=1))

    def months(self) -> list[Period]:
        out, day = [], self.start
        while day <= self.end:
            out.append(period_of("month", day))
            day = out[-1].end + timedelta(days=1)
        return out

    def public(self) -> dict[str, Any]:
        return {"kind": self.kind, "label": self.label, "start": self.start, "end": self.end}


def period_of(kind: str, day: date) -> Period:
    if kind == "year":
        return Period(kind, date(day.year, 1, 1), date(day.year, 12, 31))
    first_month = day.month if kind == "month" else (day.month - 1) // 3 * 3 + 1
    start = date(day.year, first_month, 1)
    months = 1 if kind == "month" else 3
    after = first_month - 1 + months  # months since January of start.year, 0-based
    following = date(start.year + after // 12, after % 12 + 1, 1)
    return Period(kind, start, following - timedelta(days=1))


# -- rule versions over a span -------------------------------------------------------------------


class RuleBook:
    """Every rule version up to a date; `on(day)` is the one in force that day."""

    def __init__(self, session: Session, until: date) -> None:
        self._rows = rules_repo.rules_effective_until(session, until)
        self._starts = [r.effective_from for r in self._rows]
        self._docs: dict[int, RulesDoc] = {}

    def on(self, day: date) -> RulesDoc | None:
        i = bisect.bisect_right(self._starts, day) - 1
        if i < 0:
            return None
        row = self._rows[i]
        if row.id not in self._docs:
            self._docs[row.id] = parse(row)
        return self._docs[row.id]


# -- unit scores -------------------------------------------------------------------------------


@dataclass
class Line:
    adoption_points: Decimal = ZERO
    instruction_points: Decimal = ZERO
    base_points: Decimal = ZERO
    penalty_points: Decimal = ZERO
    submitted: int = 0
    submitted_adopted: int = 0
    adopted: int = 0
    adoptions: int = 0
    instructions: int = 0
    missing: int = 0
    late: int = 0
    zeroed: bool = False

    @property
    def points(self) -> Decimal:
        if self.zeroed:
            return ZERO
        total = self.adoption_points + self.instruction_points
        return cents(total + self.base_points + self.penalty_points)

    def take(self, counters: dict[str, Any]) -> None:
        self.adoption_points += counters["adoption_points"]
        self.instruction_points += counters["instruction_points"]
        self.adopted += counters["adopted_drafts"]
        self.adoptions += counters["adoptions"]
        self.instructions += counters["instructions"]


def unit_lines(
    session: Session, period: Period, today: date, book: RuleBook, *, counts: bool = True
) -> dict[int, Line]:
    """Every unit's line; `counts=False` skips the submitted counts (points only)."""
    lines: dict[int, Line] = {}
    for unit_id, counters in repo.tallies(session, period.start, period.end).items():
        lines.setdefault(unit_id, Line()).take(counters)
    if counts:
        for unit_id, n in repo.submitted_counts(session, period.start, period.end).items():
            lines.setdefault(unit_id, Line()).submitted = n
        for unit_id, n in repo.submitted_adopted_counts(session, period.start, period.end).items():
            lines.setdefault(unit_id, Line()).submitted_adopted = n
    _add_penalties(session, period, today, book, lines)
    _add_base_points(session, period, today, book, lines)
    if period.kind == "year":
        rules = book.on(min(period.end, today))
        limit = rules.solicitation.zero_year_after_missing if rules else None
        for line in lines.values():
            line.zeroed = limit is not None and line.missing >= limit
    return lines


def _add_penalties(
    session: Session, period: Period, today: date, book: RuleBook, lines: dict[int, Line]
) -> None:
    rows = sol_repo.due_between(session, period.start, period.end)
    due = {sid: due_on for sid, due_on, _ in rows}
    for (sid, unit_id), answer in answers(session, rows, today).items():
        rules = book.on(due[sid])
        if rules is None or answer.status not in ("missing", "late"):
            continue
        line = lines.setdefault(unit_id, Line())
        line.penalty_points += solicitation_penalty(rules, answer.status)
        if answer.status == "missing":
            line.missing += 1
        else:
            line.late += 1


def _add_base_points(
    session: Session, period: Period, today: date, book: RuleBook, lines: dict[int, Line]
) -> None:
    for month in period.months():
        if month.start > today:
            break
        rules = book.on(min(month.end, today))
        if rules is None or rules.monthly_base is None:
            continue
        wanted = rules.monthly_base.info_type
        pieces: dict[int, int] = {}
        for (unit_id, category), n in repo.category_counts(session, month.start, month.end).items():
            if wanted is None or category == wanted:
                pieces[unit_id] = pieces.get(unit_id, 0) + n
        for unit_id, n in pieces.items():
            points = monthly_base_points(rules, n)
            if points:
                lines.setdefault(unit_id, Line()).base_points += points


# -- officer scores ----------------------------------------------------------------------------


def officer_lines(
    session: Session, period: Period, *, counts: bool = True
) -> dict[tuple[int, int], Line]:
    lines: dict[tuple[int, int], Line] = {}
    for key, counters in repo.tallies(session, period.start, period.end, by_author=True).items():
        if key[1] != NO_AUTHOR:
            lines.setdefault(key, Line()).take(counters)
    if counts:
        start, end = period.start, period.end
        for key, n in repo.submitted_counts(session, start, end, by_author=True).items():
            lines.setdefault(key, Line()).submitted = n
        for key, n in repo.submitted_adopted_counts(session, start, end, by_author=True).items():
            lines.setdefault(key, Line()).submitted_adopted = n
    return lines


# -- the board ---------------------------------------------------------------------------------


def ranks(points: dict[Any, Decimal]) -> dict[Any, int]:
    """Competition ranking by points, highest first: 1, 2, 2, 4."""
    ordered = sorted(points.values(), reverse=True)
    first = {}
    for i, value in enumerate(ordered, 1):
        first.setdefault(value, i)
    return {key: first[value] for key, value in points.items()}


def scoreboard(
    session: Session,
    kind: str,
    day: date,
    *,
    by: str = "unit",
    viewer: User | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    today = today or local_today()
    period = period_of(kind, day)
    previous = period.previous()
    units = users_repo.unit_names(session)
    names: dict[int, str] = {}
    if by == "officer":
        lines, before, keys, names = _officer_keys(session, period, previous)
    else:
        book = RuleBook(session, period.end)
        lines = unit_lines(session, period, today, book)
        before = unit_lines(session, previous, today, book, counts=False)
        keys = users_repo.active_unit_ids(session) | set(lines) | set(before)
    now_points = {k: lines.get(k, Line()).points for k in keys}
    then_points = {k: before.get(k, Line()).points for k in keys}
    rank_now, rank_then = ranks(now_points), ranks(then_points)
    rows = []
    for key in keys:
        unit_id = key[0] if by == "officer" else key
        if by == "officer" and not may_see_unit(viewer, unit_id):
            continue
        row = _row(lines.get(key, Line()), rank_now[key], then_points[key], rank_then[key])
        row.update(unit_id=unit_id, unit_name=units.get(unit_id, ""))
        if by == "officer":
            row.update(user_id=key[1], user_name=names.get(key[1], ""))
        rows.append(row)
    rows.sort(key=lambda r: (r["rank"], r["unit_name"], r.get("user_name") or ""))
    return {
        "period": period.public(),
        "previous": previous.public(),
        "by": by,
        "data": rows,
        "count": len(rows),
    }


def _officer_keys(session: Session, period: Period, previous: Period) -> tuple[Any, ...]:
    """Officer lines now and before, every (unit, officer) key to show, and their names."""
    lines = officer_lines(session, period)
    before = officer_lines(session, previous, counts=False)
    people = repo.people(session, {k[1] for k in (*lines, *before)})
    keys = {(unit, uid) for uid, _, unit in people if unit is not None} | set(lines) | set(before)
    return lines, before, keys, {uid: name for uid, name, _ in people}


def _row(line: Line, rank: int, previous_points: Decimal, previous_rank: int) -> dict[str, Any]:
    rate = round(line.submitted_adopted / line.submitted, 4) if line.submitted else None
    return {
        "rank": rank,
        "points": float(line.points),
        "adoption_points": float(cents(line.adoption_points)),
        "instruction_points": float(cents(line.instruction_points)),
        "base_points": float(line.base_points),
        "penalty_points": float(line.penalty_points),
        "submitted": line.submitted,
        "adopted": line.adopted,
        "adoptions": line.adoptions,
        "adoption_rate": rate,
        "submitted_adopted": line.submitted_adopted,
        "instructions": line.instructions,
        "missing": line.missing,
        "late": line.late,
        "zeroed": line.zeroed,
        "previous_points": float(previous_points),
        "previous_rank": previous_rank,
        "points_change": float(cents(line.points - previous_points)),
        "rank_change": previous_rank - rank,
    }


# -- 稿酬 ----------------------------------------------------------------------------------------


def remuneration_report(
    session: Session, kind: str, day: date, *, by: str = "unit", viewer: User | None = None
) -> dict[str, Any]:
    """稿酬 per unit (or officer): adoptions by the adopting outlet's level x the amount in
    the rule version each adoption was scored with. A joint piece pays its lead unit."""
    period = period_of(kind, day)
    counts = repo.remuneration_counts(session, period.start, period.end, by == "officer")
    versions = rules_repo.rules_by_id(session, {c[3] for c in counts if c[3] is not None})
    rules = {rule_id: parse(row) for rule_id, row in versions.items()}
    units = users_repo.unit_names(session)
    names = {uid: name for uid, name, _ in repo.people(session, {c[1] for c in counts})}
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for unit_id, author_id, level, rule_id, n in counts:
        if not may_see_unit(viewer, unit_id) and by == "officer":
            continue
        doc = rules.get(rule_id) if rule_id is not None else None
        amount = cents(Decimal(str(doc.remuneration.get(level, 0))) * n) if doc else ZERO
        row = rows.setdefault((unit_id, author_id), _remuneration_row(unit_id, author_id, by))
        row["unit_name"], row["user_name"] = units.get(unit_id, ""), names.get(author_id)
        level_row = row["levels"].setdefault(level, {"count": 0, "amount": ZERO})
        level_row["count"] += n
        level_row["amount"] += amount
        row["count"] += n
        row["amount"] += amount
    data = sorted(rows.values(), key=lambda r: (-r["amount"], r["unit_name"]))
    for row in data:
        row["amount"] = float(row["amount"])
        for level_row in row["levels"].values():
            level_row["amount"] = float(level_row["amount"])
    return {
        "period": period.public(),
        "by": by,
        "data": data,
        "count": len(data),
        "total_amount": float(sum((Decimal(str(r["amount"])) for r in data), ZERO)),
    }


def _remuneration_row(unit_id: int, author_id: int, by: str) -> dict[str, Any]:
    return {
        "unit_id": unit_id,
        "unit_name": "",
        "user_id": author_id if by == "officer" else None,
        "user_name": None,
        "levels": {},
        "count": 0,
        "amount": ZERO,
    }
