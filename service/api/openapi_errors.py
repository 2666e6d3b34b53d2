"""Document the error answers of every operation in the OpenAPI, as they are really sent.

Every error is `{"code", "message"}` (422 adds `fields`), made by service.api.errors; FastAPI
documents only its own 422 shape (`{"detail": [...]}`), which the service never sends. Which
errors an operation can give follows from its shape: every operation 401 (a bad or expired
token; failed credentials at login), 404 (a record named in the path, query or body) and 503
(database unavailable); signed-in operations 403; anything with parameters 422; bodies
400/413/415/429; writes 409.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "required": ["code", "message"],
    "properties": {
        "code": {"type": "string", "description": "稳定的错误代码，供程序判断"},
        "message": {"type": "string", "description": "给人看的中文说明"},
        "fields": {
            "type": "array",
            "items": {"type": "string"},
            "description": "422：出错的字段",
        },
    },
}

DESCRIPTIONS = {
    "400": "请求内容无法解析",
    "401": "未登录、令牌无效或已过期",
    "403": "没有执行该操作的权限",
    "404": "记录不存在",
    "409": "与当前状态冲突",
    "413": "内容超过大小限制",
    "415": "不支持的文件或内容类型",
    "422": "输入不符合要求",
    "429": "请求过于频繁或登录失败次数过多",
    "503": "数据库或模型暂不可用，请稍后重试",
}

WRITES = {"post", "put", "patch", "delete"}


def error_codes(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation of this shape can answer."""
    codes = {"401", "404", "503"}  # 401: a bad or expired token, or failed credentials
    if operation.get("security"):
        codes.add("403")
    if operation.get("parameters") or operation.get("requestBody"):
        codes.add("422")
    if operation.get("requestBody"):
        codes |= {"400", "413", "415", "429"}
    if method in WRITES:
        codes.add("409")
    return sorted(codes)


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Add (or replace) the error responses of every operation in `schema`, in place."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for item in schema.get("paths", {}).values():
        for method, operation in item.items():
            if method not in {"get", "head", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in error_codes(method, operation):
                responses[code] = {
                    "description": DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": ref}},
                }
    schemas = schema["components"]["schemas"]
    if "#/components/schemas/HTTPValidationError" not in json.dumps(schema["paths"]):
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
    return schema


def install_error_docs(app: FastAPI) -> None:
    """Wrap app.openapi so the generated (and cached) schema carries the error responses."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_error_responses(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
