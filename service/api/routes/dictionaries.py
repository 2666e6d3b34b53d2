"""Admin: sensitive-term dictionaries and allow-lists."""

from __future__ import annotations

from fastapi import APIRouter, status

from service.api.deps import AdminUser, SessionDep
from service.api.params import IdPath
from service.repositories import dictionaries as repo
from service.schemas.common import ListPublic
from service.schemas.dictionaries import (
    DictionaryCreate,
    DictionaryPublic,
    DictionaryUpdate,
    TermPublic,
    TermsAdd,
)
from service.services import dictionaries as service

router = APIRouter(prefix="/api/v1/dictionaries", tags=["admin"])


def _public(row, count: int) -> DictionaryPublic:
    return DictionaryPublic.model_validate(row).model_copy(update={"terms": count})


@router.get("", response_model=ListPublic[DictionaryPublic])
def list_dictionaries(session: SessionDep, _: AdminUser) -> dict:
    """Every dictionary with its number of terms."""
    rows = repo.list_dictionaries(session)
    return {"data": [_public(d, n) for d, n in rows], "count": len(rows)}


@router.post("", response_model=DictionaryPublic, status_code=status.HTTP_201_CREATED)
def create_dictionary(
    body: DictionaryCreate, session: SessionDep, admin: AdminUser
) -> DictionaryPublic:
    """Create a dictionary: `custom_term` raises flags, `allow` silences terms."""
    return _public(service.create(session, body, admin.id), 0)


@router.patch("/{dictionary_id}", response_model=DictionaryPublic)
def update_dictionary(
    dictionary_id: IdPath, body: DictionaryUpdate, session: SessionDep, admin: AdminUser
) -> DictionaryPublic:
    """Rename, activate or deactivate a dictionary."""
    row = service.update(session, dictionary_id, body, admin.id)
    return _public(row, len(repo.list_terms(session, row.id)))


@router.get("/{dictionary_id}/terms", response_model=ListPublic[TermPublic])
def list_terms(dictionary_id: IdPath, session: SessionDep, _: AdminUser) -> dict:
    """The terms of a dictionary."""
    rows = service.terms(session, dictionary_id)
    return {"data": [TermPublic.model_validate(t) for t in rows], "count": len(rows)}


@router.post("/{dictionary_id}/terms", status_code=status.HTTP_201_CREATED)
def add_terms(dictionary_id: IdPath, body: TermsAdd, session: SessionDep, admin: AdminUser) -> dict:
    """Add terms (duplicates are skipped); checks pick them up within seconds, no restart."""
    return {"added": service.add_terms(session, dictionary_id, body.terms, admin.id)}
