"""Issue 14 point 5: every string a user sees is Chinese. Each page is opened in AppTest for
each role and its visible text (titles, labels, buttons, captions, placeholders, help, options,
messages, table columns, expander and tab labels) is searched for Latin words; technical
tokens (F1, API, JSON, Word, .docx, 10 MB, version names such as v1) are allowed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.ui.support import LiveOffice, live_office, page
from ui.navigation import PAGE_TABLE, RANK

ROLES = {"officer_a": "officer", "reviewer": "reviewer", "admin": "admin"}
# technical tokens an officer meets in Chinese software too
ALLOWED = {"F1", "API", "JSON", "Word", "docx", "txt", "MB", "KB", "ID", "URL", "Excel", "govbrief"}
# 模型管理's model cards (training/cards.py) are the technical record of a training run, for
# whoever audits it; the page's own words around them are checked like every other page's.
RECORDS = ("模型卡",)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
MARKUP = re.compile(
    r"<[^>]*>|&[a-z]+;|\]\([^)]*\)|:[a-z]+\[|:material/[a-z_]+:|\$[a-z]+\b", re.IGNORECASE
)
TEXT_FIELDS = ("label", "placeholder", "help", "body", "caption", "text", "title", "delta")
SKIPPED = {"html", "vega_lite_chart", "arrow_vega_lite_chart", "plotly_chart", "json", "code"}


@pytest.fixture(scope="module")
def live(sqlite_template, tmp_path_factory) -> Iterator[LiveOffice]:
    yield from live_office(sqlite_template, tmp_path_factory.mktemp("ui-chinese"))


def _strings(node) -> Iterator[str]:
    """The visible text of an AppTest node and everything under it."""
    if getattr(node, "type", None) == "expander" and any(r in node.label for r in RECORDS):
        yield node.label
        return
    for child in getattr(node, "children", {}).values():
        yield from _strings(child)
    if getattr(node, "type", None) in SKIPPED:
        return
    if getattr(node, "type", None) == "dataframe":
        yield from (str(c) for c in node.value.columns)
        yield from (str(i) for i in node.value.index.names if i)
        return
    proto = getattr(node, "proto", None)
    if proto is None:
        return
    for field, value in proto.ListFields():
        if field.name in TEXT_FIELDS and isinstance(value, str):
            yield value
        elif field.name == "options" and not isinstance(value, str):
            yield from (v for v in value if isinstance(v, str))


def latin_words(text: str, data: set[str]) -> list[str]:
    bare = MARKUP.sub(" ", text)
    return [w for w in LATIN_WORD.findall(bare) if w not in ALLOWED and w not in data]


def _data_words(live: LiveOffice) -> set[str]:
    """Usernames are data the office chose, not the interface's words."""
    words: set[str] = set()
    for user in live.users.values():
        words |= set(LATIN_WORD.findall(user["username"]))
    return words


def _pages(role: str | None) -> list[tuple[str, str]]:
    if role is None:
        return [("app_pages/login.py", "登录"), ("app_pages/check.py", "自检")]
    rank = RANK[role]
    seen = [("app_pages/home.py", "首页")]
    for file, title, _icon, minimum in PAGE_TABLE:
        if minimum is None or rank >= RANK[minimum]:
            seen.append((f"app_pages/{file}", title))
    return seen


@pytest.mark.parametrize("name", [None, *ROLES])
def test_every_visible_string_is_chinese(live: LiveOffice, name: str | None) -> None:
    live.draft("云岭县春茶产业待审稿件", submit=True)
    live.passed("云岭县春茶产值突破亿元")
    data = _data_words(live)
    found: dict[str, list[str]] = {}
    for path, title in _pages(ROLES.get(name or "")):
        at = page(live, name, path)
        if path.endswith("check.py"):  # the review pane, with flags and headlines
            at.text_area(key="check_body").input(
                "今年以来，云岭县采取三项举措推进春茶产业。一是建设标准化茶园2.3万亩，"
                "同比增长35%；二是培育区域公用品牌。"
            )
            next(b for b in at.button if b.label == "检查").click().run()
        assert not at.exception, (name, path)
        strings = list(_strings(at._tree))
        seen = set(strings)  # the walk reaches the page's title and every button
        assert at.title[0].value in seen and {b.label for b in at.button} <= seen, path
        words = sorted({w for s in strings for w in latin_words(s, data)})
        if words:
            found[title] = words
    assert not found, found


def test_the_walk_finds_latin_words() -> None:
    """The filter itself: markup and allowed tokens pass, English words do not."""
    assert latin_words("<span style='color:red'>数字</span> 下载 Word（.docx）", set()) == []
    assert latin_words("[去审核](app_pages/queue.py) :red[错误]", set()) == []
    assert latin_words("Choose options", set()) == ["Choose", "options"]
    assert latin_words("您好，officer_a", {"officer"}) == []
