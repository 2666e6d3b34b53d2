"""Solicitations (约稿): the office asks named units for a piece on a topic by a date.

A unit answers with a draft that names the solicitation and is submitted. Its answer is
`answered` when submitted on or before the due date (office calendar), `late` after it,
`missing` when nothing was submitted and the due date has passed, `pending` before that.
The submission time is the draft's latest `submitted_at`: a piece returned and submitted
again after the due date counts as late. Missing and late answers cost points in the
scoreboard per the rule in force on the due date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy.orm import Session

from service.core.errors import BadInput, NotFound
from service.repositories import outlets as outlets_repo
from service.repositories import solicitations as repo
from service.repositories import users as users_repo
from service.schemas.solicitations import SolicitationCreate
from service.services.access import sees_every_unit, unit_scope
from service.services.audit import record
from service.services.office_time import local_date, local_today
from service.tables import Solicitation, SolicitationUnit, User


@dataclass(frozen=True)
class Answer:
    unit_id: int
    status: str
    draft_id: int | None
    submitted_on: date | None


def answer_status(due_on: date, submitted_on: date | None, today: date) -> str:
    if submitted_on is not None:
        return "answered" if submitted_on <= due_on else "late"
    return "missing" if today > due_on else "pending"


def answers(
    session: Session, rows: list[tuple[int, date, int]], today: date
) -> dict[tuple[int, int], Answer]:
    """(solicitation, unit) -> Answer for (solicitation id, due date, asked unit) rows."""
    first = repo.first_answers(session, {sid for sid, _, _ in rows})
    out: dict[tuple[int, int], Answer] = {}
    for sid, due_on, unit_id in rows:
        draft_id, submitted_at = first.get((sid, unit_id), (None, None))
        on = local_date(submitted_at) if submitted_at is not None else None
        out[(sid, unit_id)] = Answer(unit_id, answer_status(due_on, on, today), draft_id, on)
    return out


def create(session: Session, user: User, data: SolicitationCreate) -> Solicitation:
    unit_ids = list(dict.fromkeys(data.unit_ids))
    known = users_repo.unit_names(session, unit_ids)
    missing = [u for u in unit_ids if u not in known]
    if missing:
        raise BadInput(f"单位不存在：{missing}", code="unit_not_found")
    if data.outlet_id is not None and outlets_repo.get_outlet(session, data.outlet_id) is None:
        raise BadInput("刊物不存在", code="outlet_not_found")
    row = Solicitation(
        topic=data.topic.strip(),
        outlet_id=data.outlet_id,
        due_on=data.due_on,
        note=data.note,
        created_by=user.id,
    )
    session.add(row)
    session.flush()
    session.add_all(SolicitationUnit(solicitation_id=row.id, unit_id=u) for u in unit_ids)
    session.flush()
    record(
        session,
        user.id,
        "create",
        "solicitation",
        row.id,
        {"topic": row.topic, "due_on": row.due_on.isoformat(), "units": len(unit_ids)},
    )
    return row


def describe(session: Session, rows: list[Solicitation]) -> list[dict]:
    """Public dicts: each solicitation with its asked units' answers."""
    today = local_today()
    asked = repo.asked_units(session, [r.id for r in rows])
    status = answers(
        session, [(r.id, r.due_on, u) for r in rows for u in asked.get(r.id, [])], today
    )
    names = users_repo.unit_names(session, {u for us in asked.values() for u in us})
    outlets = repo.outlet_names(session, [r.outlet_id for r in rows])
    out = []
    for r in rows:
        units = [
            {**asdict(status[(r.id, u)]), "unit_name": names.get(u, "")}
            for u in asked.get(r.id, [])
        ]
        out.append(
            {
                "id": r.id,
                "topic": r.topic,
                "outlet_id": r.outlet_id,
                "outlet_name": outlets.get(r.outlet_id) if r.outlet_id else None,
                "due_on": r.due_on,
                "note": r.note,
                "overdue": any(u["status"] == "missing" for u in units),
                "units": units,
                "created_by": r.created_by,
                "created_at": r.created_at,
            }
        )
    return out


def list_for(session: Session, user: User, offset: int, limit: int) -> tuple[list[dict], int]:
    unit_id = unit_scope(user, None)
    if unit_id is None and not sees_every_unit(user):
        return [], 0
    rows, total = repo.list_page(session, unit_id, offset, limit)
    return describe(session, rows), total


def get_for(session: Session, user: User, solicitation_id: int) -> dict:
    row = repo.get(session, solicitation_id)
    visible = row is not None and (
        sees_every_unit(user) or user.unit_id in repo.asked_units(session, [row.id]).get(row.id, [])
    )
    if not visible:
        raise NotFound("约稿不存在", code="solicitation_not_found")
    return describe(session, [row])[0]  # type: ignore[list-item]
