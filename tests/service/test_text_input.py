"""Text the database or the exports cannot take is refused at the schema with a stable code;
bounded numbers and dates in scoring rules; .xlsx cells sanitised (formula injection)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from service.core.db import unit_of_work
from service.core.textrules import bad_character, is_blank, spreadsheet_cell
from service.services.scoring_rules import default_rules
from service.tables import Draft, Unit
from tests.factories import login

BODY = "今年以来，云岭县采取三项举措推进春茶产业。\n\t一是建设标准化茶园2.3万亩；二是培育区域公用品牌。"


@pytest.mark.parametrize(
    ("value", "multiline", "bad"),
    [
        ("云岭县", False, None),
        ("a\x00b", True, "\x00"),
        ("a\x07b", True, "\x07"),
        ("a\x85b", True, "\x85"),  # C1 control
        ("a\ud800b", True, "\ud800"),
        ("a\u202eb", True, "\u202e"),
        ("a\ufffeb", True, "\ufffe"),
        ("行一\n行二\t", True, None),
        ("行一\n行二", False, "\n"),
        ("a\u200bb", False, "\u200b"),
        ("a\u200bb", True, None),
        # astral non-characters are found apart from the regex: still the first one wins
        ("a\U0001fffeb\x00", True, "\U0001fffe"),
        ("a\x00b\U0001fffe", True, "\x00"),
        ("a\U0010ffffb\U0001fffe", True, "\U0010ffff"),
        ("a😀b\U0002fffe", True, "\U0002fffe"),
        ("a😀b", True, None),
    ],
)
def test_bad_character(value: str, multiline: bool, bad: str | None) -> None:
    assert bad_character(value, multiline=multiline) == bad


def test_bad_character_regex_agrees_with_the_categories_everywhere() -> None:
    """The regex path (multi-line text, or format characters allowed) refuses exactly what
    the Unicode categories say, at every code point."""
    import unicodedata

    from service.core.textrules import BIDI_CONTROLS, LINE_BREAKS

    def by_category(char: str, multiline: bool) -> bool:
        if multiline and char in LINE_BREAKS:
            return False
        category = unicodedata.category(char)
        code = ord(char)
        nonchar = 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
        return category in ("Cc", "Cs") or char in BIDI_CONTROLS or category == "Cn" and nonchar

    for code in range(0x110000):
        char = chr(code)
        for multiline in (True, False):
            refused = bad_character("字" + char, multiline=multiline, format_ok=True) == char
            assert refused == by_category(char, multiline), (hex(code), multiline)


def test_blank_and_cells() -> None:
    assert is_blank(" \u200b\u200d\ufeff\n\u3000") and not is_blank("\u200b字")
    assert spreadsheet_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for risky in ("+1", "-1+2", "@SUM(A1)", "\t=1"):
        assert spreadsheet_cell(risky).startswith("'")
    assert spreadsheet_cell("县\x07办") == "县办" and spreadsheet_cell(-3.5) == -3.5


def send(client, method: str, path: str, body: object, headers: dict):
    """JSON with \\u escapes (lone surrogates cannot be sent as UTF-8)."""
    return client.request(
        method,
        path,
        content=json.dumps(body).encode(),
        headers={**headers, "Content-Type": "application/json"},
    )


def _drafts(app) -> int:
    with app.state.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Draft)) or 0


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("\u200b\u200b \n\t\u3000", "empty_body"),
        ("   ", "empty_body"),
        ("正文\x00里有空字符", "invalid_characters"),
        ("正文\ud800孤立代理", "invalid_characters"),
        ("正文\x1b[31m", "invalid_characters"),
    ],
)
def test_draft_bodies(client, office, app, body: str, code: str) -> None:
    officer = login(client, "officer_a")
    r = send(client, "POST", "/api/v1/drafts", {"title": "标题", "body": body}, officer)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and "body" in r.json()["message"]
    assert _drafts(app) == 0
    r = send(client, "POST", "/api/v1/check", {"body": body}, officer)
    assert (r.status_code, r.json()["code"]) == (422, code)


def test_bodies_keep_newlines_and_tabs_and_patch_is_checked(client, office, app) -> None:
    officer = login(client, "officer_a")
    r = client.post(
        "/api/v1/drafts", json={"title": "云岭县\u200b春茶", "body": BODY}, headers=officer
    )
    assert r.status_code == 201, r.text
    draft = r.json()
    assert draft["body"] == BODY
    for patch, code in (
        ({"body": "\u200b"}, "empty_body"),
        ({"title": "标题\x07"}, "invalid_characters"),
        ({"title": "标题\n第二行"}, "invalid_characters"),
        ({"title": "长" * 201}, "invalid_input"),
    ):
        r = client.patch(f"/api/v1/drafts/{draft['id']}", json=patch, headers=officer)
        assert (r.status_code, r.json()["code"]) == (422, code), (patch, r.text)
    stored = client.get(f"/api/v1/drafts/{draft['id']}", headers=officer).json()
    assert (stored["title"], stored["body"]) == ("云岭县\u200b春茶", BODY)


def test_uploaded_text_with_nul_is_refused(client, office, app) -> None:
    officer = login(client, "officer_a")
    r = client.post(
        "/api/v1/drafts/docx",
        files={"file": ("a.txt", "正文\x00内容".encode(), "text/plain")},
        headers=officer,
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid_characters", r.text
    assert _drafts(app) == 0


@pytest.mark.parametrize(
    ("path", "body", "code"),
    [
        ("/api/v1/units", {"name": "县\x00办"}, "invalid_characters"),
        ("/api/v1/units", {"name": "县\u202e办"}, "invalid_characters"),
        ("/api/v1/units", {"name": "县\u200b办"}, "invalid_characters"),
        ("/api/v1/units", {"name": "县\ud800办"}, "invalid_characters"),
        ("/api/v1/units", {"name": " \u200b "}, "invalid_characters"),
        ("/api/v1/units", {"name": "   "}, "empty_text"),
        ("/api/v1/units", {"name": "县" * 101}, "invalid_input"),
        ("/api/v1/units", {"name": "县办", "kind": "k" * 21}, "invalid_input"),
        (
            "/api/v1/users",
            {
                "username": "li",
                "password": "long-enough-1",
                "role": "admin",
                "full_name": "李" * 51,
            },
            "invalid_input",
        ),
        (
            "/api/v1/users",
            {"username": "li", "password": "long-enough-1", "role": "admin", "full_name": "李\x07"},
            "invalid_characters",
        ),
        ("/api/v1/outlets", {"name": "内参\x0b", "level": "city"}, "invalid_characters"),
        ("/api/v1/leaders", {"name": "张\x00三", "post": "县长"}, "invalid_characters"),
        ("/api/v1/leaders", {"name": "张三", "post": "县长", "sort_order": 2**40}, "invalid_input"),
        (
            "/api/v1/leaders",
            {"name": "张三", "post": "县长", "valid_from": "9999-12-31"},
            "invalid_input",
        ),
        ("/api/v1/dictionaries", {"name": "词\x1f库"}, "invalid_characters"),
    ],
)
def test_names_refused(client, office, app, path: str, body: dict, code: str) -> None:
    admin = login(client, "admin")
    with app.state.session_factory() as s:
        units_before = s.scalar(select(func.count()).select_from(Unit))
    r = send(client, "POST", path, body, admin)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code
    with app.state.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == units_before


def test_review_comment_keeps_lines_refuses_controls(client, office) -> None:
    officer = login(client, "officer_a")
    draft = client.post("/api/v1/drafts", json={"title": "标题", "body": BODY}, headers=officer)
    draft = draft.json()
    r = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", json={"comment": "改了\x00"}, headers=officer
    )
    assert (r.status_code, r.json()["code"]) == (422, "invalid_characters")
    r = client.post(
        f"/api/v1/drafts/{draft['id']}/submit", json={"comment": "第一处\n第二处"}, headers=officer
    )
    assert r.status_code == 200, r.text


# --- scoring rules ---------------------------------------------------------------------------


def _rule_body(**overrides) -> dict:
    body = {
        "name": "2026 版",
        "effective_from": (date.today() + timedelta(days=30)).isoformat(),
        "rules": default_rules().model_dump(mode="json"),
    }
    body.update(overrides)
    return body


def _post_raw(client, headers, text: str):
    return client.post(
        "/api/v1/scoring-rules",
        content=text.encode(),
        headers={**headers, "Content-Type": "application/json"},
    )


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", '"5"', "true", "1e999"])
def test_rule_numbers_are_strict(client, office, bad: str) -> None:
    admin = login(client, "admin")
    body = _rule_body()
    level = next(iter(body["rules"]["points"]))
    info = next(iter(body["rules"]["points"][level]))
    body["rules"]["points"][level][info] = "__BAD__"
    r = _post_raw(client, admin, json.dumps(body).replace('"__BAD__"', bad))
    assert r.status_code == 422, r.text
    assert r.json()["code"] == "invalid_input"
    assert client.get("/api/v1/scoring-rules", headers=admin).json()["count"] == 0


def test_rule_integers_are_strict(client, office) -> None:
    admin = login(client, "admin")
    body = _rule_body()
    body["rules"]["monthly_base"] = {"info_type": "dynamic", "min_pieces": "2", "points": 5}
    r = client.post("/api/v1/scoring-rules", json=body, headers=admin)
    assert r.status_code == 422
    body["rules"]["monthly_base"]["min_pieces"] = 2
    assert client.post("/api/v1/scoring-rules", json=body, headers=admin).status_code == 201


@pytest.mark.parametrize(
    ("effective_from", "code"),
    [
        ("9999-12-31", "invalid_input"),
        (20260101, "invalid_input"),
        ((date.today() + timedelta(days=400)).isoformat(), "rule_too_far_ahead"),
    ],
)
def test_rule_dates_are_sane(client, office, effective_from, code: str) -> None:
    admin = login(client, "admin")
    r = client.post(
        "/api/v1/scoring-rules", json=_rule_body(effective_from=effective_from), headers=admin
    )
    assert (r.status_code, r.json()["code"]) == (422, code), r.text


# --- exports -----------------------------------------------------------------------------------


def test_xlsx_survives_control_characters_and_defuses_formulas(client, office, app) -> None:
    with unit_of_work(app.state.session_factory) as s:  # data from before names were checked
        s.add(Unit(name="坏\x07名字单位", kind="county"))
        s.add(Unit(name='=HYPERLINK("http://evil.example","点我")', kind="county"))
    officer = login(client, "officer_a")
    r = client.get("/api/v1/scores.xlsx?period=month", headers=officer)
    assert r.status_code == 200, r.text
    names = [row[1] for row in load_workbook(BytesIO(r.content)).active.iter_rows(
        min_row=3, values_only=True)]  # fmt: skip
    assert "坏名字单位" in names
    assert '\'=HYPERLINK("http://evil.example","点我")' in names


def test_a_mistaken_future_version_can_be_withdrawn(client, office, app) -> None:
    from service.services.scoring_rules import create_version
    from service.tables import AuditLog

    with unit_of_work(app.state.session_factory) as s:
        create_version(
            s,
            name="现行",
            effective_from=date(2025, 1, 1),
            rules=default_rules(),
            actor_id=None,
            backdate_ok=True,
        )
    admin = login(client, "admin")
    r = client.post("/api/v1/scoring-rules", json=_rule_body(), headers=admin)
    assert r.status_code == 201, r.text
    future = r.json()["id"]
    current = client.get("/api/v1/scoring-rules/in-force", headers=admin).json()["id"]
    r = client.delete(f"/api/v1/scoring-rules/{current}", headers=admin)
    assert (r.status_code, r.json()["code"]) == (409, "rule_in_force")
    assert client.delete(f"/api/v1/scoring-rules/{future}", headers=admin).status_code == 204
    assert client.get(f"/api/v1/scoring-rules/{future}", headers=admin).status_code == 404
    r = client.post(
        "/api/v1/scoring-rules",
        json=_rule_body(effective_from=(date.today() + timedelta(days=10)).isoformat()),
        headers=admin,
    )
    assert r.status_code == 201, r.text  # the earlier date is free again
    with app.state.session_factory() as s:
        (entry,) = s.scalars(
            select(AuditLog).where(AuditLog.action == "delete", AuditLog.entity == "scoring_rule")
        ).all()
        assert entry.entity_id == str(future) and entry.user_id == office.users["admin"]
