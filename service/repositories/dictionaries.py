"""Queries on admin dictionaries, their terms, and allow-list dismissals."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from service.tables import Dictionary, DictionaryTerm, FlagDismissal


def list_dictionaries(session: Session) -> list[tuple[Dictionary, int]]:
    counts = (
        select(DictionaryTerm.dictionary_id, func.count().label("n"))
        .group_by(DictionaryTerm.dictionary_id)
        .subquery()
    )
    rows = session.execute(
        select(Dictionary, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.dictionary_id == Dictionary.id)
        .order_by(Dictionary.id)
    ).all()
    return [(d, int(n)) for d, n in rows]


def get_dictionary(session: Session, dictionary_id: int) -> Dictionary | None:
    return session.get(Dictionary, dictionary_id)


def get_by_name(session: Session, name: str) -> Dictionary | None:
    return session.scalar(select(Dictionary).where(Dictionary.name == name))


def list_terms(session: Session, dictionary_id: int) -> list[DictionaryTerm]:
    query = select(DictionaryTerm).where(DictionaryTerm.dictionary_id == dictionary_id)
    return list(session.scalars(query.order_by(DictionaryTerm.id)).all())


def active_terms(session: Session, kind: str) -> list[tuple[DictionaryTerm, int | None]]:
    """Terms of active dictionaries of a kind, with the dictionary's unit (None = everyone)."""
    rows = session.execute(
        select(DictionaryTerm, Dictionary.unit_id)
        .join(Dictionary, Dictionary.id == DictionaryTerm.dictionary_id)
        .where(Dictionary.active.is_(True), Dictionary.kind == kind)
        .order_by(DictionaryTerm.id)
    ).all()
    return [(t, u) for t, u in rows]


def fingerprint(session: Session) -> tuple:
    """Changes whenever a dictionary, a term or an allow-list entry changes (cheap to poll)."""
    terms = session.execute(
        select(func.count(DictionaryTerm.id), func.max(DictionaryTerm.id))
    ).one()
    dicts = session.execute(
        select(func.count(Dictionary.id), func.max(Dictionary.updated_at))
    ).one()
    allows = session.execute(
        select(func.count(FlagDismissal.id), func.max(FlagDismissal.id)).where(
            FlagDismissal.scope != "draft"
        )
    ).one()
    return (tuple(terms), tuple(str(x) for x in dicts), tuple(allows))


def allow_entries(session: Session) -> list[tuple[str, str | None, int | None]]:
    """(rule, text, unit_id) of every unit-wide or global dismissal."""
    rows = session.execute(
        select(
            FlagDismissal.rule, FlagDismissal.text, FlagDismissal.scope, FlagDismissal.unit_id
        ).where(or_(FlagDismissal.scope == "global", FlagDismissal.scope == "unit"))
    ).all()
    return [(rule, text, None if scope == "global" else unit) for rule, text, scope, unit in rows]
