"""One place that turns errors into `{"code", "message"}` JSON with the right status."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from service.core.errors import DomainError
from service.schemas.text import CUSTOM_CODES

log = logging.getLogger("govbrief")

_HTTP_MESSAGES = {
    400: ("invalid_body", "请求内容无法解析（须为 UTF-8 编码的 JSON 或表单）"),
    401: ("unauthorized", "请先登录"),
    403: ("forbidden", "没有执行该操作的权限"),
    404: ("not_found", "请求的地址不存在"),
    405: ("method_not_allowed", "不支持该请求方法"),
    413: ("too_large", "内容超过大小限制"),
}


def _error(
    status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"code": code, "message": message, **extra}, status, headers=headers)


DATABASE_RETRY_AFTER_SECONDS = 5


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """Every method some route of this path answers (Starlette names only the first route's).

    Each method is tried against the routes' public `matches`, which also sees into included
    routers.
    """
    routes = request.app.router.routes
    allowed = [
        method
        for method in _METHODS
        if any(r.matches({**request.scope, "method": method})[0] is Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        return _error(exc.status_code, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        fields = [".".join(str(p) for p in e.get("loc", ())) for e in errors]
        own = next((e for e in errors if e.get("type") in CUSTOM_CODES), None)
        if own is not None:  # a refusal with a code of its own (invalid_characters ...)
            where = ".".join(str(p) for p in own.get("loc", ()))
            return _error(422, own["type"], f"{where}：{own['msg']}", fields=fields)
        return _error(
            422, "invalid_input", "请求内容不完整或格式不对：" + "、".join(fields), fields=fields
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", str(exc.detail)))
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return _error(exc.status_code, code, message, headers)

    async def database_unavailable(_: Request, exc: Exception) -> JSONResponse:
        # parameters are hidden by the engine (hide_parameters): no hash or draft text here
        log.warning("database unavailable: %s", type(exc).__name__, exc_info=exc)
        return _error(
            503,
            "database_unavailable",
            "数据库暂时无法连接，请稍后重试",
            {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )

    # a server that is down or restarting, a connection that broke, a pool that ran dry,
    # SQLite busy past its timeout: the request may succeed later, so 503 and not 500
    for kind in (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError):
        app.add_exception_handler(kind, database_unavailable)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return _error(500, "internal_error", "服务器内部错误，请稍后重试")
