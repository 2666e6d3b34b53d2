"""service.core.polled: the one cache that follows the database (models, dictionaries, leaders)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.core.polled import Polled
from service.services.accounts import create_unit
from service.tables import Unit


def _factory(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'polled.db'}"
    upgrade(url)
    return make_session_factory(make_engine(url))


def _units(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Unit)) or 0


def test_rebuilt_once_per_change_and_only_after_the_poll_interval(tmp_path: Path) -> None:
    factory = _factory(tmp_path)
    builds: list[int] = []

    def build(session: Session, count) -> str:
        builds.append(count)
        return f"{count} units"

    slow = Polled(_units, build, factory=factory, poll_seconds=3600, empty="")
    eager = Polled(_units, build, factory=factory, poll_seconds=0, empty="")
    assert (slow.get(), eager.get()) == ("0 units", "0 units") and slow.loaded
    assert eager.get() == "0 units" and builds == [0, 0]  # same fingerprint: no rebuild
    with unit_of_work(factory) as s:
        create_unit(s, "第一单位", "county")
    assert eager.get() == "1 units" and builds == [0, 0, 1]
    assert slow.get() == "0 units"  # within its interval it does not even look
    slow.refresh()
    assert slow.get() == "1 units" and builds == [0, 0, 1, 1]


def test_an_empty_value_is_looked_for_at_every_call(tmp_path: Path) -> None:
    factory = _factory(tmp_path)
    polled: Polled[str | None] = Polled(
        _units,
        lambda session, count: f"{count} units" if count else None,
        factory=factory,
        poll_seconds=3600,
        empty=None,
    )
    assert polled.get() is None and not polled.loaded
    with unit_of_work(factory) as s:
        create_unit(s, "第一单位", "county")
    assert polled.get() == "1 units"  # no wait for the interval while there is nothing


def test_the_callers_session_sees_its_own_transaction(tmp_path: Path) -> None:
    factory = _factory(tmp_path)
    polled = Polled(_units, lambda session, count: count, poll_seconds=0, empty=-1)
    with factory() as s:
        create_unit(s, "未提交的单位", "county")
        s.flush()
        assert polled.get(s) == 1  # the uncommitted unit, in the caller's transaction
        s.rollback()
        assert polled.get(s) == 0
