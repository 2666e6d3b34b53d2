"""The UI reads the service's display names over HTTP (ui/names.py keeps no copy)."""

from __future__ import annotations

from service.display_names import served
from ui import names


def test_ui_tables_read_the_service(api) -> None:
    names._served.clear()
    assert dict(names.ROLES) == served()["roles"]
    assert names.FLAG_KINDS["news_style"] == "新闻稿式写法"
    assert list(names.STATUSES) == list(served()["statuses"])
    assert set(names.sort_names()) >= {f"flags.{kind}" for kind in served()["flag_kinds"]}


def test_every_sort_choice_is_accepted_by_the_queue(api) -> None:
    """The queue's sort box offers only values the API's `sort` parameter accepts."""
    from typing import get_args

    from service.schemas.drafts import QueueSort

    names._served.clear()
    assert set(names.sort_names()) <= set(get_args(QueueSort))
