"""自检 as a review pane (D2, D3, D4, D12, 采纳/忽略) and sessions (D1): helpers and AppTest."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.support import LiveOffice, button, has, live_office, open_address, page
from ui.components.review_pane import apply_item, merge_flags, replacement, summary
from ui.session import token_seconds_left

DRAFT = (
    "本报讯（记者 李华）今年以来，云岭县采取三项举措推进春茶产业提质增效。"
    "全县茶叶种植比例由30%提高到35%，提高了5%。联系电话13912345678。"
)


def flag(start: int, end: int, severity: str = "warning", kind: str = "news_style", **extra):
    return {"kind": kind, "rule": f"r{start}", "severity": severity, "field": "body",
            "start": start, "end": end, "text": DRAFT[start:end], "message": f"m{start}",
            "suggestion": None, **extra}  # fmt: skip


def test_overlapping_flags_are_one_item_led_by_the_most_severe() -> None:  # D12
    items = merge_flags([flag(0, 8), flag(4, 12, "error"), flag(20, 22)], {"body": DRAFT})
    assert [(i["start"], i["end"], i["severity"]) for i in items] == [
        (0, 12, "error"),
        (20, 22, "warning"),
    ]
    assert items[0]["messages"] == ["m4", "m0"] and items[0]["text"] == DRAFT[0:12]
    assert items[0]["replacement"] is None  # a merged item is never applied blindly


def test_literal_suggestions_can_be_applied_and_advice_cannot() -> None:
    assert replacement({"kind": "number", "suggestion": "改为“5个百分点”"}) == "5个百分点"
    masked = {"kind": "sensitive", "suggestion": "删去或脱敏，如“139****5678”"}
    assert replacement(masked) == "139****5678"
    assert replacement({"kind": "number", "suggestion": "核对月份和日期"}) is None


def test_applying_shifts_the_later_flags() -> None:
    start = DRAFT.index("5%。")
    fix = flag(start, start + 2, "error", "number", suggestion="改为“5个百分点”")
    phone = DRAFT.index("139")
    later = flag(phone, phone + 11, "error", "sensitive")
    item = merge_flags([fix], {"body": DRAFT})[0]
    body, report = apply_item(DRAFT, {"flags": [fix, later]}, item)
    assert "提高了5个百分点。" in body
    (moved,) = report["flags"]
    assert body[moved["start"] : moved["end"]] == "13912345678"


def test_summary_counts_by_severity(api) -> None:  # severity names are served
    items = merge_flags([flag(0, 4, "error"), flag(20, 22), flag(30, 31, "error")], {"body": DRAFT})
    assert summary(items) == ("3 处问题：错误 2 · 警告 1", "必须修改后报送")
    assert summary([]) == ("未发现问题", "可以报送")


def test_token_lifetime_is_read_from_the_token() -> None:
    import base64
    import json

    claims = base64.urlsafe_b64encode(json.dumps({"exp": 1000}).encode()).decode().rstrip("=")
    assert token_seconds_left(f"x.{claims}.y", now=400) == 600
    assert token_seconds_left(f"x.{claims}.y", now=2000) == 0
    assert token_seconds_left("garbage") == 0


# -- AppTest against a live API ------------------------------------------------------------


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    yield from live_office(sqlite_template, tmp_path_factory.mktemp("ui-pane"))


def test_review_pane_stale_apply_ignore_and_jump(live: LiveOffice) -> None:
    at = page(live, None, "app_pages/check.py")
    at.text_input(key="check_title").input("云岭县三举措推进春茶产业提质增效")
    at.text_area(key="check_body").input(DRAFT)
    button(at, "检查").click().run()
    assert not at.exception
    assert any("处问题：错误" in m.value for m in at.markdown)  # the summary card comes first
    assert any(e.label.startswith("数字（") for e in at.expander)  # grouped by kind with counts
    assert not [b for b in at.download_button if b.disabled]

    button(at, "采纳").click().run()  # the first literal fix: 5% -> 5个百分点
    assert not at.exception and has(at, "success", "已采纳")
    assert "5个百分点" in at.text_area(key="check_body").value
    assert not at.warning or not has(at, "warning", "已过期")

    before = sum(1 for b in at.button if b.label == "忽略")
    button(at, "忽略").click().run()
    assert not at.exception and sum(1 for b in at.button if b.label == "忽略") == before - 1

    button(at, "定位").click().run()
    assert not at.exception and at.session_state["check_focus"] is not None
    assert any("outline:2px" in m.value for m in at.markdown)

    at.text_area(key="check_body").input(DRAFT + "补充一句。").run()  # D2
    assert has(at, "warning", "结果已过期")
    assert all(b.disabled for b in at.button if b.label in {"采纳", "忽略"})
    assert not at.download_button  # no Word file for text that was not checked


def test_upload_fills_the_boxes_instead_of_competing(live: LiveOffice) -> None:  # D3
    at = page(live, None, "app_pages/check.py")
    at.text_input(key="check_title").input("另一篇粘贴的稿子")
    at.text_area(key="check_body").input("粘贴的正文。").run()
    text = "云岭县春茶产业提质增效\n" + DRAFT
    at.file_uploader[0].upload("茶叶.txt", text.encode(), "text/plain").run()
    assert not at.exception and has(at, "success", "已载入")
    assert at.text_input(key="check_title").value == "云岭县春茶产业提质增效"
    assert at.text_area(key="check_body").value.startswith("本报讯")
    assert not has(at, "warning", "已过期")  # the results are for what the boxes show


def test_logged_out_deep_link_shows_login_then_the_page(live: LiveOffice) -> None:  # D1
    from tests.factories import PASSWORD

    at = open_address(live, None, "my_drafts")  # a hidden page at its own address
    assert has(at, "info", "请先登录，再打开“我的稿件”")
    at.text_input[0].input("officer_a")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "我的稿件"  # same address, now the page itself


def test_one_check_per_click_and_no_word_file_until_asked(live: LiveOffice, monkeypatch) -> None:
    """Item 4 of issue 14: 检查 makes one call to the check; the annotated Word file is built
    only when it is downloaded (the download button's data is a callable, not bytes)."""
    from ui.api_client import ApiClient

    calls: list[str] = []
    real = ApiClient._request

    def counted(self, method, path, **kwargs):
        calls.append(path)
        return real(self, method, path, **kwargs)

    monkeypatch.setattr(ApiClient, "_request", counted)
    at = page(live, None, "app_pages/check.py")
    at.text_area(key="check_body").input(DRAFT)
    calls.clear()
    button(at, "检查").click().run()
    assert not at.exception
    assert [p for p in calls if p.startswith("/api/v1/check")] == ["/api/v1/check"]
    calls.clear()
    button(at, "定位").click().run()  # later reruns of the same result ask nothing again
    assert not [p for p in calls if p.startswith("/api/v1/check")]
    assert [b.label for b in at.download_button] == ["下载带批注的 Word 文档"]
