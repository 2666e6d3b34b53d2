"""The officer's and reviewer's desk, issue 14 round 2: 我的稿件 in the review pane, the queue's
row click, title search and narrow columns, the diff after a 退回, and D20. AppTest against a
real API on SQLite; the diff helpers without Streamlit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.support import BODY, LiveOffice, button, has, live_office, page
from ui.components.diff_view import diff, returned_and_resubmitted

ERRORS = "今年以来，全县茶叶种植比例由30%提高到35%，提高了5%。2025年2月29日召开推进会。"


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    # no outcomes needed: the likelihood notice is the "ready to retrain" one (D20)
    yield from live_office(
        sqlite_template, tmp_path_factory.mktemp("ui-desk"), likelihood_min_outcomes=0
    )


# -- the diff, without Streamlit ------------------------------------------------------------


def _event(kind: str, round_: int, title: str = "", body: str = "") -> dict:
    return {"kind": kind, "round": round_, "title": title, "body": body, "comment": ""}


def test_returned_and_resubmitted_pairs_the_right_versions() -> None:
    first, second = _event("submit", 1, "t", "旧"), _event("submit", 2, "t", "新")
    back = _event("return", 1)
    assert returned_and_resubmitted([first]) is None
    assert returned_and_resubmitted([first, back]) is None  # returned, not resubmitted yet
    assert returned_and_resubmitted([first, back, second]) == (first, second)
    third = _event("submit", 3, "t", "再改")
    again = _event("return", 2)
    assert returned_and_resubmitted([first, back, second, again, third]) == (second, third)
    passed = _event("review", 2)  # a pass in between does not count as a 退回
    assert returned_and_resubmitted([first, passed, second]) is None


def test_diff_marks_deletions_and_insertions_by_paragraph_then_character() -> None:
    old = "第一段不变。\n产值5.6亿元，同比增长20%。\n删掉的段落。"
    new = "第一段不变。\n产值5.6亿元，同比增长33.3%。\n新增的段落。\n又一段。"
    html, deleted, inserted = diff(old, new)
    assert "第一段不变。" in html and "<del" not in html.split("<br>")[0]
    assert '<del style="background:#ffd6d6;color:#a00">20</del>' in html
    assert ">33.3</ins>" in html
    assert deleted == len("20") + len("删掉的段落。") or deleted > 0
    assert inserted >= len("33.3") + len("又一段。")
    assert diff("<b>", "<b>x")[0].count("&lt;b&gt;") == 1  # text is escaped, never markup
    assert diff("同样", "同样")[1:] == (0, 0)


# -- 我的稿件 in the review pane ------------------------------------------------------------


def test_my_draft_opens_in_the_review_pane_with_apply_and_ignore(live: LiveOffice) -> None:
    draft = live.draft("云岭县茶叶种植比例稳步提高", body=ERRORS)
    did = draft["id"]
    api = live.client("officer_a")
    at = page(live, "officer_a", "app_pages/my_drafts.py")
    at.selectbox(key="drafts_open").set_value(did).run()
    assert not at.exception
    assert any("处问题：错误" in m.value for m in at.markdown)  # the summary card
    assert any(e.label.startswith("数字（") for e in at.expander)  # grouped by kind
    assert not has(at, "subheader", "问题清单")  # the old report view is gone

    button(at, "定位").click().run()
    assert not at.exception and at.session_state[f"draft_{did}_focus"] is not None

    button(at, "采纳").click().run()  # 提高了5% -> 5个百分点, saved and re-checked
    assert not at.exception and has(at, "success", "已采纳")
    assert "提高了5个百分点" in api.draft(did)["body"]
    assert "5个百分点" in at.text_area(key=f"edit_body_{did}").value

    at.selectbox(key=f"ignore_scope_{did}").set_value("unit")
    at.text_input(key=f"ignore_reason_{did}").input("本县统计口径如此")
    before = sum(1 for b in at.button if b.label == "忽略")
    button(at, "忽略").click().run()
    assert not at.exception and has(at, "success", "已忽略该提示（本单位所有稿件）")
    assert sum(1 for b in at.button if b.label == "忽略") == before - 1
    kept = api.draft(did)["dismissals"]
    assert [(d["scope"], d["reason"]) for d in kept] == [("unit", "本县统计口径如此")]

    at.text_area(key=f"edit_body_{did}").input(ERRORS + "补充一句。").run()
    assert has(at, "warning", "以下结果已过期")
    assert all(b.disabled for b in at.button if b.label in {"采纳", "忽略"})
    button(at, "报送审核").click().run()  # unsaved text is never submitted silently
    assert has(at, "error", "有未保存的修改")
    assert api.draft(did)["status"] == "draft"


def test_my_drafts_title_search(live: LiveOffice) -> None:
    wanted = live.draft("白沙乡人居环境积分超市见成效")
    live.draft("云岭县茶叶品牌宣传情况")
    at = page(live, "officer_a", "app_pages/my_drafts.py")
    at.text_input(key="drafts_title").input("积分超市").run()
    assert not at.exception
    assert list(at.dataframe[0].value["编号"]) == [wanted["id"]]
    assert at.selectbox(key="drafts_open").value == wanted["id"]


def test_submitted_draft_shows_the_pane_without_actions(live: LiveOffice) -> None:
    draft = live.draft("云岭县茶叶加工企业情况", submit=True, body=ERRORS)
    at = page(live, "officer_a", "app_pages/my_drafts.py")
    at.selectbox(key="drafts_open").set_value(draft["id"]).run()
    assert not at.exception
    assert any("处问题" in m.value for m in at.markdown)
    assert not [b for b in at.button if b.label in {"采纳", "忽略", "报送审核"}]


# -- 审核队列 ---------------------------------------------------------------------------------


def test_queue_title_search_row_click_and_narrow_columns(live: LiveOffice) -> None:
    wanted = live.draft("桂花村茶叶合作社增收情况", submit=True)
    live.draft("云岭县春茶开采情况", submit=True)
    at = page(live, "reviewer", "app_pages/queue.py")
    at.text_input(key="queue_title").input("桂花村").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["编号"]) == [wanted["id"]]
    assert list(table.columns) == [
        "编号", "标题", "单位", "报送", "分类", "问题", "问题分布", "采用可能", "约稿", "审级", "相似",
    ]  # fmt: skip

    at.text_input(key="queue_title").input("").run()
    ids = list(at.dataframe[0].value["编号"])
    row = ids.index(wanted["id"])
    other = next(i for i in ids if i != wanted["id"])
    at.selectbox(key="queue_open").set_value(other).run()  # another draft is open
    at.session_state["queue_table"] = {"selection": {"rows": [row], "columns": []}}
    at.run()  # a click on the row opens that draft
    assert not at.exception
    assert at.selectbox(key="queue_open").value == wanted["id"]
    assert has(at, "subheader", "桂花村茶叶合作社增收情况")
    at.selectbox(key="queue_open").set_value(other).run()  # the picker still works after it
    assert at.selectbox(key="queue_open").value == other


def test_reviewer_sees_what_changed_after_a_return(live: LiveOffice) -> None:
    draft = live.draft("云岭县茶园病虫害防治情况", submit=True)
    did = draft["id"]
    live.client("reviewer").review(
        did, {"stage": "first", "decision": "return", "comment": "请补充防治面积"}
    )
    officer = live.client("officer_a")
    added = "全年防治病虫害面积1.2万亩。"
    officer.update_draft(did, {"body": BODY + added})
    officer.submit_draft(did)
    at = page(live, "reviewer", "app_pages/queue.py")
    at.selectbox(key="queue_open").set_value(did).run()
    assert not at.exception
    compare = next(e for e in at.expander if e.label.startswith("与退回前版本对比"))
    assert "第 1 次报送 → 第 2 次" in compare.label
    assert any(f"{added}</ins>" in m.value for m in at.markdown)
    assert has(at, "caption", f"正文删去 0 字、增加 {len(added)} 字")

    plain = live.draft("云岭县茶叶出口情况", submit=True)  # never returned: no comparison
    at.run()
    at.selectbox(key="queue_open").set_value(plain["id"]).run()
    assert not [e for e in at.expander if e.label.startswith("与退回前版本对比")]


def test_only_admins_are_sent_to_retrain(live: LiveOffice) -> None:  # D20
    reviewer = page(live, "reviewer", "app_pages/queue.py")
    assert has(reviewer, "caption", "管理员在“模型管理”中重训")
    # the reason is a caption for a reviewer, never the admin's notice (an empty queue's own
    # notice may show: the module's office has drafts only after other tests ran)
    assert not reviewer.get("page_link")
    assert not [i for i in reviewer.info if "重训" in i.value]
    admin = page(live, "admin", "app_pages/queue.py")
    assert [link.label for link in admin.get("page_link")] == ["去重训"]
    assert [i for i in admin.info if "重训" in i.value]


def test_adoption_rate_never_passes_100_percent(live: LiveOffice) -> None:  # D10
    """One piece adopted by two outlets in the month it was submitted: 100%, not 200%."""
    from tests.ui.support import TODAY

    officer_b = live.client("officer_b")
    draft = officer_b.submit_draft(
        officer_b.create_draft({"title": "桐溪县春耕备耕有序推进", "body": BODY})["id"]
    )
    reviewer = live.client("reviewer")
    reviewer.review(
        draft["id"], {"stage": "final", "decision": "pass", "confirmed_category": "dynamic"}
    )
    for level in ("city", "province"):
        reviewer.adopt(draft["id"], {"outlet_id": live.outlets[level], "adopted_on": str(TODAY)})
    at = page(live, "officer_b", "app_pages/scores.py")
    assert not at.exception
    rate = next(m for m in at.metric if m.label == "采用率")
    assert rate.value == "100%"
    table = at.dataframe[0].value
    assert table.loc[table["单位"] == "桐溪县人民政府办公室", "采用率"].tolist() == ["100%"]


def test_uploaded_title_ending_in_an_exclamation_is_the_title(live: LiveOffice) -> None:  # D14
    title = "市农业农村局召开全市春耕生产工作会议，部署春耕备耕工作！"
    at = page(live, None, "app_pages/check.py")
    at.file_uploader[0].upload("会议.txt", f"{title}\n{BODY}".encode(), "text/plain").run()
    assert not at.exception and has(at, "success", "已载入")
    assert at.text_input(key="check_title").value == title
    assert at.text_area(key="check_body").value == BODY
    assert not any("缺少标题" in m.value for m in at.markdown)


def test_growth_with_the_base_in_brackets_is_flagged_in_the_pane(live: LiveOffice) -> None:  # D13
    """The review's sentence: 5.6亿 against 4.2亿 is +33.3%, not 20% (anonymous 自检)."""
    at = page(live, None, "app_pages/check.py")
    at.text_input(key="check_title").input("云岭县茶叶产值稳步增长")
    at.text_area(key="check_body").input(
        "全县茶叶产值达5.6亿元，同比增长20%（去年同期为4.2亿元）。"
    )
    button(at, "检查").click().run()
    assert not at.exception
    assert any(e.label.startswith("数字（") for e in at.expander)
    assert has(at, "caption", "33.3%")
