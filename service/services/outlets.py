"""Outlets (刊物/渠道) that adopt pieces, each with a level. Changes are audited.

An outlet that has adoptions or solicitations cannot be deleted (deactivate it instead);
changing an outlet's level never rewrites the points stored on past adoptions.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.core.errors import Conflict, NotFound
from service.repositories import outlets as repo
from service.schemas.outlets import OutletCreate, OutletUpdate
from service.services.audit import record
from service.tables import Outlet


def get_outlet(session: Session, outlet_id: int) -> Outlet:
    outlet = repo.get_outlet(session, outlet_id)
    if outlet is None:
        raise NotFound("刊物不存在", code="outlet_not_found")
    return outlet


def _name_free(session: Session, name: str, outlet_id: int | None = None) -> str:
    name = name.strip()
    other = repo.get_outlet_by_name(session, name)
    if other is not None and other.id != outlet_id:
        raise Conflict(f"刊物“{name}”已存在", code="outlet_exists")
    return name


def create_outlet(session: Session, data: OutletCreate, actor_id: int | None) -> Outlet:
    outlet = Outlet(name=_name_free(session, data.name), level=data.level)
    session.add(outlet)
    session.flush()
    detail = {"name": outlet.name, "level": outlet.level}
    record(session, actor_id, "create", "outlet", outlet.id, detail)
    return outlet


def update_outlet(session: Session, outlet_id: int, data: OutletUpdate, actor_id: int) -> Outlet:
    outlet = get_outlet(session, outlet_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "name" in changes:
        changes["name"] = _name_free(session, changes["name"], outlet.id)
    before = {k: getattr(outlet, k) for k in changes}
    for key, value in changes.items():
        setattr(outlet, key, value)
    session.flush()
    record(session, actor_id, "update", "outlet", outlet.id, {"before": before, "after": changes})
    return outlet


def delete_outlet(session: Session, outlet_id: int, actor_id: int) -> None:
    outlet = get_outlet(session, outlet_id)
    if repo.outlet_in_use(session, outlet.id):
        raise Conflict("该刊物已有采用或约稿记录，不能删除，可改为停用", code="outlet_in_use")
    session.delete(outlet)
    session.flush()
    record(session, actor_id, "delete", "outlet", outlet_id, {"name": outlet.name})
