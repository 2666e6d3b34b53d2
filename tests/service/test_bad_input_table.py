"""The catalogue of bad input (issue 12): each kind gets a 4xx with a stable code, never a
500, and nothing is stored. One table, run on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from sqlalchemy import func, select

from service.services.scoring_rules import default_rules
from service.tables import Base
from tests.docs import make_docx, zip_bomb
from tests.factories import login

BODY = "今年以来，云岭县采取三项举措推进春茶产业。一是建设标准化茶园2.3万亩；二是培育区域公用品牌。"
JSON = {"Content-Type": "application/json"}
# stored by design when a request fails: failed-login bookkeeping
NOT_CONTENT = {"login_throttles"}


@dataclass
class Case:
    kind: str
    method: str
    path: str
    status: int
    code: str | tuple[str, ...]
    role: str | None = "officer"
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    files: dict | None = None
    data: dict | None = None


def _raw(value: object) -> bytes:
    return json.dumps(value).encode()  # \u escapes: lone surrogates survive


def _docx_with(extra: dict[str, bytes], document: bytes | None = None) -> bytes:
    """A real .docx with parts added or document.xml replaced."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("标题", [BODY])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml" and document is not None:
                data = document
            z.writestr(info.filename, data)
        for name, data in extra.items():
            z.writestr(name, data)
    return out.getvalue()


XXE = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
)


def _rules(value: str) -> bytes:
    """A rule version whose city/dynamic points are `value`, written as raw JSON."""
    body = {
        "name": "新版",
        "effective_from": "2030-01-01",
        "rules": default_rules().model_dump(mode="json"),
    }
    body["rules"]["points"]["city"]["dynamic"] = "__X__"
    return _raw(body).replace(b'"__X__"', value.encode())


def _none_alg_token(user_id: int) -> str:
    now = datetime.now(UTC)
    claims = {"sub": str(user_id), "iat": now, "exp": now + timedelta(hours=1), "ver": 0}
    return jwt.encode(claims, key=None, algorithm="none")


def cases(submitted: int, admin_id: int) -> list[Case]:
    u = "/api/v1"
    return [
        Case("empty JSON object", "POST", f"{u}/drafts", 422, "invalid_input", json={}),
        Case("no body at all", "POST", f"{u}/drafts", 422, "invalid_input", content=b"", headers=JSON),
        Case("malformed JSON", "POST", f"{u}/drafts", 422, "invalid_input", content=b'{"body": ', headers=JSON),
        Case("invalid UTF-8", "POST", f"{u}/drafts", (400, 422), ("invalid_body", "invalid_input"),
             content=b'{"body": "\xff\xfe\xfa"}', headers=JSON),
        Case("deeply nested JSON", "POST", f"{u}/drafts", (400, 422), ("invalid_body", "invalid_input"),
             content=b"[" * 100_000 + b"]" * 100_000, headers=JSON),
        Case("array instead of object", "POST", f"{u}/drafts", 422, "invalid_input", json=[BODY]),
        Case("wrong type (number body)", "POST", f"{u}/drafts", 422, "invalid_input", json={"body": 123}),
        Case("wrong content type", "POST", f"{u}/drafts", 422, "invalid_input",
             content=_raw({"body": BODY}), headers={"Content-Type": "text/plain"}),
        Case("NUL in body", "POST", f"{u}/drafts", 422, "invalid_characters", content=_raw({"body": "正文\x00"}), headers=JSON),
        Case("lone surrogate in title", "POST", f"{u}/drafts", 422, "invalid_characters",
             content=_raw({"title": "标\udc80题", "body": BODY}), headers=JSON),
        Case("whitespace-only body", "POST", f"{u}/drafts", 422, "empty_body", json={"body": " \n\t\u3000"}),
        Case("zero-width-only body", "POST", f"{u}/drafts", 422, "empty_body", json={"body": "\u200b\u200c\u2060"}),
        Case("oversize text", "POST", f"{u}/drafts", 413, "text_too_long", json={"body": "字" * 100_001}),
        Case("over-long title", "POST", f"{u}/drafts", 422, "invalid_input", json={"title": "题" * 201, "body": BODY}),
        Case("control character in a unit name", "POST", f"{u}/units", 422, "invalid_characters", role="admin",
             json={"name": "县\x1b办"}),
        Case("over-long unit kind", "POST", f"{u}/units", 422, "invalid_input", role="admin",
             json={"name": "新单位", "kind": "k" * 21}),
        Case("confusable username", "POST", f"{u}/users", 422, "username_invalid", role="admin",
             json={"username": "аdmin", "password": "long-enough-1", "role": "admin"}),
        Case("password of spaces", "POST", f"{u}/users", 422, "password_too_weak", role="admin",
             json={"username": "kong", "password": " " * 12, "role": "admin"}),
        Case("id above int64 in path", "GET", f"{u}/drafts/9223372036854775808", 422, "invalid_input"),
        Case("negative limit", "GET", f"{u}/users?limit=-1", 422, "invalid_input", role="admin"),
        Case("id above int32 in body", "POST", f"{u}/drafts", 422, "invalid_input",
             json={"body": BODY, "solicitation_id": 2**31}),
        Case("NaN in a scoring rule", "POST", f"{u}/scoring-rules", 422, "invalid_input", role="admin",
             content=_rules(value="NaN"), headers=JSON),
        Case("number as text in a scoring rule", "POST", f"{u}/scoring-rules", 422, "invalid_input",
             role="admin", content=_rules(value='"5"'), headers=JSON),
        Case("effective date 9999-12-31", "POST", f"{u}/scoring-rules", 422, "invalid_input", role="admin",
             json={"name": "远期", "effective_from": "9999-12-31", "rules": default_rules().model_dump(mode="json")}),
        Case("broken .docx", "POST", f"{u}/drafts/docx", 422, "broken_docx",
             files={"file": ("a.docx", b"PK\x03\x04 not really a zip")}),
        Case("zip-bomb .docx", "POST", f"{u}/drafts/docx", 413, ("zip_bomb", "docx_too_large"),
             files={"file": ("bomb.docx", zip_bomb())}),
        Case("XXE .docx", "POST", f"{u}/drafts/docx", 422, "docx_unsafe",
             files={"file": ("x.docx", _docx_with({}, document=XXE))}),
        Case("macro .docx", "POST", f"{u}/drafts/docx", 422, "docx_macro",
             files={"file": ("m.docx", _docx_with({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}))}),
        Case("wrong file type", "POST", f"{u}/drafts/docx", 415, "unsupported_media_type",
             files={"file": ("run.exe", b"MZ\x90\x00")}),
        Case("text file not UTF-8", "POST", f"{u}/drafts/docx", 422, "not_utf8",
             files={"file": ("gbk.txt", BODY.encode("gbk"))}),
        Case("SQL injection as username", "POST", f"{u}/auth/token", 401, "bad_credentials", role=None,
             data={"username": "admin' OR '1'='1' --", "password": "x' OR '1'='1"}),
        Case("injection in a sort key", "GET", f"{u}/queue?sort=id;DROP TABLE drafts", 422, "invalid_input",
             role="reviewer"),
        Case("path traversal in a path", "GET", f"{u}/drafts/..%2F..%2Fetc%2Fpasswd", (404, 422),
             ("not_found", "invalid_input")),
        Case("NUL in a path segment", "POST", f"{u}/models/v1%00x/activate", 422, "invalid_input",
             role="admin"),
        Case("unsigned ('none') token", "GET", f"{u}/me", 401, "invalid_token", role=None,
             headers={"Authorization": f"Bearer {_none_alg_token(admin_id)}"}),
        Case("duplicate submission", "POST", f"{u}/drafts/{submitted}/submit", 409, "already_submitted",
             json={}),
    ]  # fmt: skip


def _counts(app) -> dict[str, int]:
    with app.state.session_factory() as s:
        return {
            t.name: s.scalar(select(func.count()).select_from(t)) or 0
            for t in Base.metadata.sorted_tables
            if t.name not in NOT_CONTENT
        }


def test_bad_input_catalogue(client, office, app) -> None:
    tokens = {
        "officer": login(client, "officer_a"),
        "reviewer": login(client, "reviewer"),
        "admin": login(client, "admin"),
    }
    draft = client.post(
        "/api/v1/drafts",
        json={"title": "云岭县推进春茶产业", "body": BODY},
        headers=tokens["officer"],
    ).json()
    r = client.post(f"/api/v1/drafts/{draft['id']}/submit", json={}, headers=tokens["officer"])
    assert r.status_code == 200, r.text
    table = cases(draft["id"], office.users["admin"])
    assert len(table) >= 30
    before = _counts(app)
    wrong = []
    for case in table:
        headers = {**(tokens[case.role] if case.role else {}), **case.headers}
        r = client.request(
            case.method,
            case.path,
            json=case.json,
            content=case.content,
            files=case.files,
            data=case.data,
            headers=headers,
        )
        statuses = case.status if isinstance(case.status, tuple) else (case.status,)
        codes = case.code if isinstance(case.code, tuple) else (case.code,)
        body = r.json() if r.headers.get("content-type", "").startswith("application/json") else {}
        if r.status_code not in statuses or body.get("code") not in codes:
            wrong.append((case.kind, r.status_code, r.text[:200]))
        elif not body.get("message"):
            wrong.append((case.kind, "no message", r.text[:200]))
    assert wrong == []
    assert _counts(app) == before  # nothing stored by any of them
