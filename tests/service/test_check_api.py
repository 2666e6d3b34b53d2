"""POST /api/v1/check and /check/docx: the report contract and every kind of bad input."""

from __future__ import annotations

import pytest

from service.core.config import Settings
from service.main import create_app
from tests.docs import make_docx, zip_bomb
from tests.factories import login

BODY = (
    "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效。一是建设标准化茶园2.3万亩，"
    "二是培育区域公用品牌，三是拓展线上销售渠道，一季度线上销售额同比增长35%。"
)


def test_check_returns_the_contract(client) -> None:
    r = client.post(
        "/api/v1/check", json={"title": "云岭县三举措推进春茶产业提质增效", "body": BODY}
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert set(data) >= {"category", "news_style", "flags", "headlines", "stats"}
    cat = data["category"]
    assert cat["label"] in {"dynamic", "problem", "special"}
    assert cat["name"] in {"动态信息", "问题信息", "专报信息"}
    assert abs(sum(cat["probabilities"].values()) - 1) < 1e-3
    assert cat["confidence"] == max(cat["probabilities"].values())
    assert cat["model_version"] == "v1"
    assert data["stats"] == {"chars": len(BODY), "sentences": 2, "paragraphs": 1}
    for flag in data["flags"]:
        field = BODY if flag["field"] == "body" else "云岭县三举措推进春茶产业提质增效"
        assert field[flag["start"] : flag["end"]] == flag["text"]


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"title": "t", "body": ""}, 422, "empty_body"),
        ({"title": "t", "body": "   \n "}, 422, "empty_body"),
        ({"title": "t"}, 422, "invalid_input"),
        ({"title": "t", "body": 5}, 422, "invalid_input"),
    ],
)
def test_bad_text_input(client, payload, status, code) -> None:
    r = client.post("/api/v1/check", json=payload)
    assert r.status_code == status
    assert r.json()["code"] == code
    assert r.json()["message"]


def test_body_over_limit_is_413(client, settings) -> None:
    r = client.post("/api/v1/check", json={"body": "字" * (settings.max_text_chars + 1)})
    assert r.status_code == 413 and r.json()["code"] == "text_too_long"


def test_not_json_utf8(client) -> None:
    r = client.post(
        "/api/v1/check",
        content=b'{"body": "\xff\xfe"}',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 400 and r.json()["code"] == "invalid_body"


def test_docx_upload(client) -> None:
    data = make_docx("云岭县三举措推进春茶产业提质增效", [BODY])
    r = client.post("/api/v1/check/docx", files={"file": ("稿件.docx", data)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["source"]["title"] == "云岭县三举措推进春茶产业提质增效"
    assert body["source"]["body"] == BODY
    assert body["category"]["label"] == "dynamic"


def test_txt_upload_and_bad_encoding(client) -> None:
    r = client.post(
        "/api/v1/check/docx", files={"file": ("a.txt", ("标题一行\n" + BODY).encode("utf-8"))}
    )
    assert r.status_code == 200 and r.json()["source"]["title"] == "标题一行"
    r = client.post("/api/v1/check/docx", files={"file": ("a.txt", BODY.encode("gbk"))})
    assert r.status_code == 422 and r.json()["code"] == "not_utf8"


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("a.pdf", b"%PDF-1.4", 415, "unsupported_media_type"),
        ("a.doc", b"\xd0\xcf\x11\xe0", 415, "unsupported_media_type"),
        ("a.docx", b"not a zip at all", 422, "broken_docx"),
        ("a.docx", b"PK\x03\x04broken", 422, "broken_docx"),
    ],
)
def test_bad_files(client, name, content, status, code) -> None:
    r = client.post("/api/v1/check/docx", files={"file": (name, content)})
    assert r.status_code == status, r.text
    assert r.json()["code"] == code


def test_zip_bomb_is_refused(client) -> None:
    r = client.post("/api/v1/check/docx", files={"file": ("bomb.docx", zip_bomb())})
    assert r.status_code == 413
    assert r.json()["code"] in {"zip_bomb", "docx_too_large"}


def test_empty_docx(client) -> None:
    r = client.post("/api/v1/check/docx", files={"file": ("e.docx", make_docx("", []))})
    assert r.status_code == 422 and r.json()["code"] == "empty_body"


def test_oversized_upload(client, settings) -> None:
    big = make_docx("t", ["字" * 1000]) + b"\0" * settings.max_upload_bytes
    r = client.post("/api/v1/check/docx", files={"file": ("big.docx", big)})
    assert r.status_code == 413


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_anonymous_check_can_be_switched_off(settings, office) -> None:
    from fastapi.testclient import TestClient

    closed = create_app(Settings(**{**settings.model_dump(), "anonymous_check": False}))
    with TestClient(closed) as c:
        r = c.post("/api/v1/check", json={"body": BODY})
        assert r.status_code == 401 and r.json()["code"] == "unauthorized"
        r = c.post("/api/v1/check", json={"body": BODY}, headers=login(c, "officer_a"))
        assert r.status_code == 200


def test_annotated_docx_has_a_comment_per_flag(client) -> None:
    import io

    import docx

    paragraphs = [
        "3月5日上午，县政府召开全县安全生产工作会议。会议指出，形势严峻。会议强调，压实责任。"
    ]
    data = make_docx("某县召开安全生产会议", paragraphs)
    report = client.post("/api/v1/check/docx", files={"file": ("稿件.docx", data)}).json()
    r = client.post("/api/v1/check/docx?annotate=true", files={"file": ("稿件.docx", data)})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    document = docx.Document(io.BytesIO(r.content))
    comments = list(document.comments)
    assert len(comments) == len(report["flags"]) >= 3
    assert [p.text for p in document.paragraphs][1] == paragraphs[0]  # text unchanged
    r = client.post("/api/v1/check?annotate=true", json={"title": "", "body": paragraphs[0]})
    assert r.status_code == 200 and len(list(docx.Document(io.BytesIO(r.content)).comments)) >= 2
