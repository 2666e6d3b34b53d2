"""Outlets: the publications that adopt drafts, by level."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from service.schemas.common import Input
from service.schemas.text import Name, bounded
from service.tables import Outlet, OutletLevel

OutletName = bounded(Name, Outlet.name, min_length=1)


class OutletCreate(Input):
    name: OutletName
    level: OutletLevel


class OutletUpdate(Input):
    name: OutletName | None = None
    level: OutletLevel | None = None
    active: bool | None = None


class OutletPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str
    level: OutletLevel
    active: bool
