"""The UI's only way to the service: HTTP through httpx."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import httpx


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def api_url() -> str:
    return os.environ.get("GOVBRIEF_API_URL", "http://127.0.0.1:8000").rstrip("/")


class ApiClient:
    def __init__(
        self,
        token: str | None = None,
        base_url: str | None = None,
        http: httpx.Client | None = None,
        reference: dict[str, tuple[float, Any]] | None = None,
    ) -> None:
        self.base_url = base_url or api_url()
        self.token = token
        self.http = http  # a kept-alive connection pool (one per browser session); None: one-off
        # reference lists (units, outlets, scoring rules) kept for REFERENCE_SECONDS per browser
        # session: every page of every rerun asked for them again; any write through this
        # client forgets them, so one's own change shows at once
        self.reference = reference

    REFERENCE_SECONDS = 60.0

    def _reference(self, key: str, fetch: Callable[[], Any]) -> Any:
        if self.reference is None:
            return fetch()
        now = time.monotonic()
        kept = self.reference.get(key)
        if kept is not None and now - kept[0] < self.REFERENCE_SECONDS:
            return kept[1]
        value = fetch()
        self.reference[key] = (now, value)
        return value

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if method != "GET" and self.reference:
            self.reference.clear()
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            send = self.http.request if self.http is not None else httpx.request
            response = send(method, self.base_url + path, headers=headers, timeout=60, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(0, "connection_error", f"无法连接服务（{self.base_url}）") from exc
        if response.status_code >= 400:
            try:
                body = response.json()
                raise ApiError(
                    response.status_code, body.get("code", "error"), body.get("message", "请求失败")
                )
            except ValueError:
                raise ApiError(response.status_code, "error", "请求失败") from None
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self._request("GET", path, params=params or None).json()

    def post(self, path: str, json: Any = None, **kwargs: Any) -> Any:
        return self._request("POST", path, json=json, **kwargs).json()

    def post_raw(self, path: str, **kwargs: Any) -> httpx.Response:
        return self._request("POST", path, **kwargs)

    def patch(self, path: str, json: Any) -> Any:
        return self._request("PATCH", path, json=json).json()

    # auth
    def login(self, username: str, password: str) -> str:
        data = self._request(
            "POST", "/api/v1/auth/token", data={"username": username, "password": password}
        ).json()
        self.token = data["access_token"]
        return self.token

    def me(self) -> dict[str, Any]:
        return self.get("/api/v1/me")

    def change_password(self, current: str, new: str) -> str:
        """One's own password; earlier tokens stop working, the answer's token goes on."""
        body = {"current_password": current, "new_password": new}
        self.token = self.post("/api/v1/me/password", body)["access_token"]
        return self.token

    # -- helpers for the work pages (one method per endpoint; None params are left out) --------

    def _get(self, path: str, **params: Any) -> Any:
        clean = {k: v for k, v in params.items() if v is not None}
        return self._request("GET", path, params=clean or None).json()

    def get_bytes(self, path: str, **params: Any) -> bytes:
        clean = {k: v for k, v in params.items() if v is not None}
        return self._request("GET", path, params=clean or None).content

    def delete(self, path: str) -> None:
        self._request("DELETE", path)

    # drafts and reviews
    def drafts(
        self,
        status: str | None = None,
        offset: int = 0,
        limit: int = 50,
        title: str | None = None,
    ) -> dict:
        return self._get("/api/v1/drafts", status=status, offset=offset, limit=limit, title=title)

    def draft(self, draft_id: int) -> dict[str, Any]:
        return self.get(f"/api/v1/drafts/{draft_id}")

    def create_draft(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/drafts", payload)

    def create_draft_from_file(
        self, name: str, data: bytes, form: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        fields = {k: str(v) for k, v in (form or {}).items() if v is not None}
        return self.post_raw(
            "/api/v1/drafts/docx", files={"file": (name, data)}, data=fields
        ).json()

    def update_draft(self, draft_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/drafts/{draft_id}", changes)

    def submit_draft(self, draft_id: int) -> dict[str, Any]:
        return self.post(f"/api/v1/drafts/{draft_id}/submit")

    def reviews(self, draft_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/drafts/{draft_id}/reviews")["data"]

    def review(self, draft_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post(f"/api/v1/drafts/{draft_id}/reviews", payload)

    def queue(self, **params: Any) -> dict:
        return self._get("/api/v1/queue", **params)

    # adoptions and instructions
    def draft_adoptions(self, draft_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/drafts/{draft_id}/adoptions")["data"]

    def draft_instructions(self, draft_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/drafts/{draft_id}/instructions")["data"]

    def adopt(self, draft_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post(f"/api/v1/drafts/{draft_id}/adoptions", payload)

    def instruct(self, draft_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post(f"/api/v1/drafts/{draft_id}/instructions", payload)

    def adoptions(self, **params: Any) -> dict:
        return self._get("/api/v1/adoptions", **params)

    # solicitations (约稿)
    def solicitations(self, offset: int = 0, limit: int = 50) -> dict:
        return self._get("/api/v1/solicitations", offset=offset, limit=limit)

    def create_solicitation(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/solicitations", payload)

    # scores
    def scores(self, period: str, day: str, by: str = "unit") -> dict:
        return self._get("/api/v1/scores", period=period, date=day, by=by)

    def scores_xlsx(self, period: str, day: str, by: str = "unit") -> bytes:
        return self.get_bytes("/api/v1/scores.xlsx", period=period, date=day, by=by)

    def remuneration(self, period: str, day: str, by: str = "unit") -> dict:
        return self._get("/api/v1/scores/remuneration", period=period, date=day, by=by)

    # reference data
    def units(self) -> list[dict[str, Any]]:
        return self._reference("units", lambda: self.get("/api/v1/units")["data"])

    def create_unit(self, name: str, kind: str) -> dict[str, Any]:
        return self.post("/api/v1/units", {"name": name, "kind": kind})

    def users(self, offset: int = 0, limit: int = 500) -> dict:
        return self._get("/api/v1/users", offset=offset, limit=limit)

    def create_user(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/users", payload)

    def update_user(self, user_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/users/{user_id}", changes)

    def reset_password(self, user_id: int, new: str | None = None) -> str | None:
        """Set a user's password, or have one generated (returned once)."""
        body = {"new_password": new} if new else {}
        return self.post(f"/api/v1/users/{user_id}/password", body)["generated_password"]

    def unlock_user(self, user_id: int) -> int:
        return self.post(f"/api/v1/users/{user_id}/unlock")["cleared"]

    def outlets(self, active_only: bool = False) -> list[dict[str, Any]]:
        return self._reference(
            f"outlets:{active_only}",
            lambda: self._get("/api/v1/outlets", active_only=active_only)["data"],
        )

    def create_outlet(self, name: str, level: str) -> dict[str, Any]:
        return self.post("/api/v1/outlets", {"name": name, "level": level})

    def update_outlet(self, outlet_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/outlets/{outlet_id}", changes)

    def delete_outlet(self, outlet_id: int) -> bool:
        self.delete(f"/api/v1/outlets/{outlet_id}")
        return True

    def scoring_rules(self) -> list[dict[str, Any]]:
        return self._reference("scoring_rules", lambda: self.get("/api/v1/scoring-rules")["data"])

    def rule_in_force(self, on: str | None = None) -> dict[str, Any]:
        return self._get("/api/v1/scoring-rules/in-force", on=on)

    def create_scoring_rule(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/scoring-rules", payload)

    def dictionaries(self) -> list[dict[str, Any]]:
        return self.get("/api/v1/dictionaries")["data"]

    def create_dictionary(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/dictionaries", payload)

    def update_dictionary(self, dictionary_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/dictionaries/{dictionary_id}", changes)

    def terms(self, dictionary_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/dictionaries/{dictionary_id}/terms")["data"]

    def add_terms(self, dictionary_id: int, terms: list[dict[str, Any]]) -> int:
        return self.post(f"/api/v1/dictionaries/{dictionary_id}/terms", {"terms": terms})["added"]

    # leaders' table (admins)
    def leaders(self) -> list[dict[str, Any]]:
        return self.get("/api/v1/leaders")["data"]

    def create_leader(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self.post("/api/v1/leaders", payload)

    def update_leader(self, leader_id: int, changes: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/leaders/{leader_id}", changes)

    def delete_leader(self, leader_id: int) -> bool:
        self.delete(f"/api/v1/leaders/{leader_id}")
        return True

    # near-duplicates: similar drafts, 合报 / 重复 marks (reviewers)
    def similar(self, draft_id: int, limit: int = 5) -> list[dict[str, Any]]:
        return self._get(f"/api/v1/drafts/{draft_id}/similar", limit=limit)["data"]

    def marks(self, draft_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/drafts/{draft_id}/marks")["data"]

    def mark(self, draft_id: int, other_id: int, kind: str, note: str = "") -> dict[str, Any]:
        payload = {"other_draft_id": other_id, "kind": kind, "note": note}
        return self.post(f"/api/v1/drafts/{draft_id}/marks", payload)

    def withdraw_mark(self, mark_id: int, reason: str) -> dict[str, Any]:
        return self.post(f"/api/v1/marks/{mark_id}/withdraw", {"reason": reason})

    # corrections of adoptions and 批示 (reviewers), a draft's submission history
    def correct_adoption(self, adoption_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/adoptions/{adoption_id}", payload)

    def withdraw_adoption(self, adoption_id: int, reason: str) -> dict[str, Any]:
        return self.post(f"/api/v1/adoptions/{adoption_id}/withdraw", {"reason": reason})

    def correct_instruction(self, instruction_id: int, payload: dict[str, Any]) -> dict[str, Any]:
        return self.patch(f"/api/v1/instructions/{instruction_id}", payload)

    def withdraw_instruction(self, instruction_id: int, reason: str) -> dict[str, Any]:
        return self.post(f"/api/v1/instructions/{instruction_id}/withdraw", {"reason": reason})

    def history(self, draft_id: int) -> list[dict[str, Any]]:
        return self.get(f"/api/v1/drafts/{draft_id}/history")["data"]
