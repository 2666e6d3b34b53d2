"""Leaders' table. Changes reach every process's checks through ContextHolder polling."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models.leaders import Leader as LeaderEntry
from models.leaders import LeaderTable
from service.core.errors import BadInput, NotFound
from service.repositories import leaders as repo
from service.schemas.leaders import LeaderCreate, LeaderUpdate
from service.services.audit import record
from service.tables import Leader


def create(session: Session, body: LeaderCreate, actor_id: int) -> Leader:
    row = Leader(**body.model_dump())
    session.add(row)
    session.flush()
    record(session, actor_id, "create", "leader", row.id, {"name": row.name, "post": row.post})
    return row


def _get(session: Session, leader_id: int) -> Leader:
    row = repo.get_leader(session, leader_id)
    if row is None:
        raise NotFound("领导信息不存在", code="leader_not_found")
    return row


def update(session: Session, leader_id: int, body: LeaderUpdate, actor_id: int) -> Leader:
    row = _get(session, leader_id)
    changes = body.model_dump(exclude_unset=True)
    for key, value in changes.items():
        if value is None and key in {"name", "post", "level", "sort_order"}:
            continue
        setattr(row, key, value)
    if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
        raise BadInput("任期结束日期早于开始日期", code="invalid_term")
    session.flush()
    record(session, actor_id, "update", "leader", row.id, {k: str(v) for k, v in changes.items()})
    return row


def delete(session: Session, leader_id: int, actor_id: int) -> None:
    row = _get(session, leader_id)
    record(session, actor_id, "delete", "leader", row.id, {"name": row.name, "post": row.post})
    session.delete(row)
    session.flush()


def table(session: Session) -> LeaderTable:
    """The analysis library's table, built from every row (terms are judged per check day)."""
    return LeaderTable(
        LeaderEntry(r.name, r.post, r.level, r.sort_order, r.valid_from, r.valid_to)
        for r in repo.list_leaders(session)
    )
