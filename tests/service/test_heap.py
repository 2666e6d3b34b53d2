"""A served app freezes its loaded model out of the cyclic GC's walks (service.core.heap)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.core import heap
from service.core.db import unit_of_work
from service.main import create_app
from service.services.model_versions import ModelHolder, register

BODY = "今年以来，某县新增市场主体2100户，同比增长12%。"


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """The suite runs with GOVBRIEF_GC_FREEZE off: leave the process as it was found."""
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.usefixtures("unfrozen")
def test_the_started_app_freezes_what_it_loaded(settings) -> None:
    app = create_app(settings.model_copy(update={"gc_freeze": True}))
    with TestClient(app) as client:
        # the model, jieba's dictionary, the rules: hundreds of thousands of objects
        assert gc.get_freeze_count() > 100_000
        assert client.post("/api/v1/check", json={"body": BODY}).status_code == 200


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_start_settles_after_the_warm_up_too(settings, monkeypatch) -> None:
    """What the warm-up loads lazily (jieba, the POS table, the gazetteer) is frozen too."""
    import service.main

    calls: list[str] = []
    monkeypatch.setattr(heap, "settle", lambda: calls.append("settle"))
    warm_up = service.main.warm_up
    monkeypatch.setattr(service.main, "warm_up", lambda a: (calls.append("warm_up"), warm_up(a)))
    with TestClient(create_app(settings.model_copy(update={"gc_freeze": True}))):
        assert calls == ["settle", "warm_up", "settle"]  # the model as it loaded, then all


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.usefixtures("unfrozen")
def test_off_freezes_nothing(settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"gc_freeze": False}))):
        assert gc.get_freeze_count() == 0


@pytest.mark.heavy
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_each_newly_loaded_version_settles_the_heap(app, starter) -> None:
    """The first one (also when a process started without a model) and each switch after it,
    not every poll."""
    switches: list[str] = []
    holder = ModelHolder(
        app.state.session_factory, poll_seconds=0.0, on_switch=lambda: switches.append("x")
    )
    assert holder.get().version == "v1"
    assert holder.get().version == "v1"
    assert switches == ["x"]
    with unit_of_work(app.state.session_factory) as s:
        register(s, starter.bundle, starter.metrics, "again", activate_now=True)
    assert holder.get().version == "v2"
    assert holder.get().version == "v2"  # polled again, nothing new
    assert switches == ["x", "x"]
