"""The UI's only way to the service: HTTP through httpx."""

from __future__ import annotations

import os
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
    def __init__(self, token: str | None = None, base_url: str | None = None) -> None:
        self.base_url = base_url or api_url()
        self.token = token

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = httpx.request(
                method, self.base_url + path, headers=headers, timeout=60, **kwargs
            )
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
