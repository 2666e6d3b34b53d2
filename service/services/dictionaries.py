"""Admin dictionaries. Changes reach every process's checks through ContextHolder polling."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.core.errors import Conflict, NotFound
from service.repositories import dictionaries as repo
from service.repositories.users import get_unit
from service.schemas.dictionaries import DictionaryCreate, DictionaryUpdate, TermIn
from service.services.audit import record
from service.tables import Dictionary, DictionaryTerm


def create(session: Session, body: DictionaryCreate, actor_id: int) -> Dictionary:
    if repo.get_by_name(session, body.name):
        raise Conflict(f"词表“{body.name}”已存在", code="dictionary_exists")
    if body.unit_id is not None and get_unit(session, body.unit_id) is None:
        raise NotFound("单位不存在", code="unit_not_found")
    row = Dictionary(name=body.name, kind=body.kind, unit_id=body.unit_id)
    session.add(row)
    session.flush()
    record(session, actor_id, "create", "dictionary", row.id, {"name": row.name, "kind": row.kind})
    return row


def _get(session: Session, dictionary_id: int) -> Dictionary:
    row = repo.get_dictionary(session, dictionary_id)
    if row is None:
        raise NotFound("词表不存在", code="dictionary_not_found")
    return row


def update(
    session: Session, dictionary_id: int, body: DictionaryUpdate, actor_id: int
) -> Dictionary:
    row = _get(session, dictionary_id)
    for key, value in body.model_dump(exclude_none=True).items():
        setattr(row, key, value)
    session.flush()
    record(session, actor_id, "update", "dictionary", row.id, body.model_dump(exclude_none=True))
    return row


def add_terms(session: Session, dictionary_id: int, terms: list[TermIn], actor_id: int) -> int:
    row = _get(session, dictionary_id)
    existing = {t.term for t in repo.list_terms(session, row.id)}
    new: list[TermIn] = []
    for t in terms:  # the first occurrence of a term wins
        if t.term.strip() and t.term.strip() not in existing:
            existing.add(t.term.strip())
            new.append(t)
    session.add_all(
        DictionaryTerm(
            dictionary_id=row.id,
            term=t.term.strip(),
            replacement=t.replacement,
            message=t.message,
            severity=t.severity,
        )
        for t in new
    )
    session.flush()
    record(session, actor_id, "add_terms", "dictionary", row.id, {"added": len(new)})
    return len(new)


def terms(session: Session, dictionary_id: int) -> list[DictionaryTerm]:
    return repo.list_terms(session, _get(session, dictionary_id).id)
