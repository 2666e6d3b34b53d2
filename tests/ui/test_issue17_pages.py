"""Pages for issues 13 and 17: leaders in 设置, the queue's 相似 column with 合报/重复 marks,
corrections of adoptions and 批示, a draft's submission history, the office time zone."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from streamlit.testing.v1 import AppTest

from service.core.config import Settings
from service.services import office_time
from tests.live import live_api
from tests.ui.support import BODY, TODAY, LiveOffice, has, live_office, page

NEAR = BODY.replace("2.3万亩", "2.5万亩").replace("三是拓展线上销售，", "")


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    yield from live_office(sqlite_template, tmp_path_factory.mktemp("ui-issue17"))


def test_admin_keeps_the_leaders_table(live: LiveOffice) -> None:
    at = page(live, "admin", "app_pages/settings.py")
    assert has(at, "info", "领导信息表为空")
    at.text_input(key="leader_name").input("李明远")
    at.text_input(key="leader_post").input("县委书记")
    at.selectbox(key="leader_level").set_value("县级")
    at.button(key="leader_add").click().run()
    assert not at.exception and has(at, "success", "已新增领导“县委书记李明远”")
    row = next(x for x in live.client("admin").leaders() if x["name"] == "李明远")
    assert (row["post"], row["level"], row["valid_to"]) == ("县委书记", "县级", None)

    at.selectbox(key="leader_edit").set_value(row["id"]).run()
    at.button(key=f"end_leader_{row['id']}").click().run()  # 今日卸任: the office's today
    assert not at.exception and has(at, "success", f"任期至 {TODAY.isoformat()}")
    row = next(x for x in live.client("admin").leaders() if x["id"] == row["id"])
    assert row["valid_to"] == TODAY.isoformat()

    at.text_input(key="leader_name").input("王")  # too short: the service's message
    at.text_input(key="leader_post").input("县长")
    at.button(key="leader_add").click().run()
    assert not at.exception and at.error


def test_queue_shows_similar_drafts_and_reviewers_mark_them(live: LiveOffice) -> None:
    first = live.draft("云岭县春茶产业提质增效", submit=True)
    officer_b = live.client("officer_b")
    second = officer_b.submit_draft(
        officer_b.create_draft({"title": "云岭县春茶提质增效见成效", "body": NEAR})["id"]
    )
    at = page(live, "reviewer", "app_pages/queue.py")
    frame = at.dataframe[0].value
    cell = frame.loc[frame["编号"] == second["id"], "相似"].iloc[0]
    assert cell.startswith(f"#{first['id']} ") and cell.endswith("%")

    at.selectbox(key="queue_open").set_value(second["id"]).run()
    assert not at.exception
    at.selectbox(key=f"similar_{second['id']}").set_value(first["id"]).run()
    at.radio(key=f"mark_kind_{second['id']}_{first['id']}").set_value("joint")
    at.button(key=f"mark_send_{second['id']}_{first['id']}").click().run()
    assert not at.exception and has(at, "success", f"与 #{first['id']}")
    marks = live.client("reviewer").marks(second["id"])
    assert [(m["kind"], m["other_draft_id"]) for m in marks] == [("joint", first["id"])]
    frame = at.dataframe[0].value
    cell = frame.loc[frame["编号"] == second["id"], "相似"].iloc[0]
    assert cell == f"合报 #{first['id']}"

    at.button(key=f"unmark_{second['id']}_{marks[0]['id']}").click().run()
    at.text_input(key=f"unmark_reason_{marks[0]['id']}").input("并非同一篇")
    at.button(key=f"unmark_send_{marks[0]['id']}").click().run()
    assert not at.exception and has(at, "success", "已撤销标记")
    assert live.client("reviewer").marks(second["id"]) == []
    # the submission history is on the same page
    assert any(s.value == "报送记录" for s in at.subheader)


def test_reviewer_corrects_and_withdraws_adoptions_and_instructions(live: LiveOffice) -> None:
    draft = live.passed("云岭县春茶产业带动茶农增收")
    reviewer = live.client("reviewer")
    adoption = reviewer.adopt(draft["id"], {"outlet_id": live.outlets["province"],
                                            "adopted_on": str(TODAY)})  # fmt: skip
    instruction = reviewer.instruct(draft["id"], {"leader_level": "city",
                                                  "instructed_on": str(TODAY)})  # fmt: skip
    at = page(live, "reviewer", "app_pages/adoptions.py")
    at.selectbox(key="adopt_draft").set_value(draft["id"]).run()
    labels = at.selectbox(key=f"fix_record_{draft['id']}").options
    assert labels[0].startswith("采用") and labels[1].startswith("批示")

    # correct the adoption: it was the city outlet; a reason is required
    key = f"fix_adoption_{adoption['id']}"
    at.selectbox(key=f"{key}_outlet").set_value(live.outlets["city"])
    at.button(key=f"{key}_send").click().run()
    assert not at.exception and at.error  # no reason
    at.text_input(key=f"{key}_reason").input("实为市级刊物")
    at.button(key=f"{key}_send").click().run()
    assert not at.exception and has(at, "success", "已更正采用记录")
    fixed = reviewer.draft_adoptions(draft["id"])[0]
    assert fixed["outlet_id"] == live.outlets["city"] and fixed["points"] < adoption["points"]

    # withdraw the 批示
    at.selectbox(key=f"fix_record_{draft['id']}").set_value(1).run()
    at.radio(key=f"fix_action_{draft['id']}_i{instruction['id']}").set_value("withdraw").run()
    at.text_input(key=f"withdraw_reason_instruction_{instruction['id']}").input("重复登记")
    at.button(key=f"withdraw_send_instruction_{instruction['id']}").click().run()
    assert not at.exception and has(at, "success", "已撤销")
    assert reviewer.draft_instructions(draft["id"]) == []


def test_my_drafts_shows_the_submission_history(live: LiveOffice) -> None:
    draft = live.draft("云岭县春茶采摘进度", submit=True)
    at = page(live, "officer_a", "app_pages/my_drafts.py")
    at.selectbox(key="drafts_open").set_value(draft["id"]).run()
    assert not at.exception
    history = next(d for d in at.dataframe if "事项" in d.value.columns).value
    assert list(history["事项"]) == ["报送"] and list(history["改动"]) == ["首次报送"]


def _show_time() -> None:
    import streamlit as st

    from ui.common import office_today, when

    st.write(when("2026-01-01T00:00:00Z"))
    st.write(office_today().isoformat())


def test_dates_follow_the_service_time_zone(settings, office) -> None:
    """The UI asks the service for its zone (GOVBRIEF_TIMEZONE) instead of assuming UTC+8."""
    zoned = Settings(**{**settings.model_dump(), "timezone": "Pacific/Pago_Pago"})  # UTC-11
    try:
        with live_api(zoned) as url, pytest.MonkeyPatch.context() as mp:
            mp.setenv("GOVBRIEF_API_URL", url)
            at = AppTest.from_function(_show_time, default_timeout=30).run()
            assert not at.exception, at.exception
            shown = [m.value for m in at.markdown]
    finally:
        office_time.configure(office_time.DEFAULT_TIMEZONE)
    zone = ZoneInfo("Pacific/Pago_Pago")
    assert shown == ["2025-12-31 13:00", datetime.now(zone).date().isoformat()]
