"""UI tests run the real API on SQLite and point the Streamlit app at it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.live import live_api


@pytest.fixture
def api(settings, office, monkeypatch) -> Iterator[str]:
    with live_api(settings) as url:
        monkeypatch.setenv("GOVBRIEF_API_URL", url)
        yield url


@pytest.fixture(params=["sqlite"])
def db_url(request, tmp_path, sqlite_template) -> Iterator[str]:
    import shutil

    path = tmp_path / "ui.db"
    shutil.copy(sqlite_template, path)
    yield f"sqlite:///{path}"
