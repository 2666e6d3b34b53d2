"""Outlets (刊物/渠道): everyone logged in reads them; admins manage them."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from service.api.deps import AdminUser, OfficerUser, SessionDep
from service.api.params import IdPath
from service.repositories import outlets as repo
from service.schemas.common import ListPublic
from service.schemas.outlets import OutletCreate, OutletPublic, OutletUpdate
from service.services import outlets

router = APIRouter(prefix="/api/v1", tags=["scoring"])


@router.get("/outlets", response_model=ListPublic[OutletPublic])
def list_outlets(session: SessionDep, _: OfficerUser, active_only: bool = False) -> dict:
    """All outlets with their level (national/province/city/county)."""
    rows = repo.list_outlets(session, active_only)
    return {"data": [OutletPublic.model_validate(o) for o in rows], "count": len(rows)}


@router.post("/outlets", response_model=OutletPublic, status_code=status.HTTP_201_CREATED)
def create_outlet(body: OutletCreate, session: SessionDep, admin: AdminUser) -> OutletPublic:
    """Create an outlet."""
    return OutletPublic.model_validate(outlets.create_outlet(session, body, admin.id))


@router.get("/outlets/{outlet_id}", response_model=OutletPublic)
def get_outlet(outlet_id: IdPath, session: SessionDep, _: OfficerUser) -> OutletPublic:
    """One outlet."""
    return OutletPublic.model_validate(outlets.get_outlet(session, outlet_id))


@router.patch("/outlets/{outlet_id}", response_model=OutletPublic)
def update_outlet(
    outlet_id: IdPath, body: OutletUpdate, session: SessionDep, admin: AdminUser
) -> OutletPublic:
    """Rename, change the level, or (de)activate an outlet; past points stay as stored."""
    return OutletPublic.model_validate(outlets.update_outlet(session, outlet_id, body, admin.id))


@router.delete("/outlets/{outlet_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_outlet(outlet_id: IdPath, session: SessionDep, admin: AdminUser) -> Response:
    """Delete an unused outlet (one with adoptions or solicitations: 409, deactivate it)."""
    outlets.delete_outlet(session, outlet_id, admin.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
