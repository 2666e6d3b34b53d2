"""Outlets: the publications that adopt drafts, by level."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from service.tables.base import Base, TimestampMixin


class OutletLevel(StrEnum):
    national = "national"  # 国家
    province = "province"  # 省
    city = "city"  # 市
    county = "county"  # 县


class Outlet(TimestampMixin, Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[OutletLevel] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
