"""The last net: an unexpected exception becomes a 500 `internal_error` and stops here.

Starlette's outermost middleware answers 500 and then raises the exception again for the
server to log; uvicorn then closes the connection, so a keep-alive client loses it silently and
the error is logged twice. Caught here (inside the security headers), the exception is logged
once, the answer carries the usual headers and the connection stays open.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.asgi_answer import send_json

log = logging.getLogger("govbrief")

_BODY = json.dumps(
    {"code": "internal_error", "message": "服务器内部错误，请稍后重试"}, ensure_ascii=False
).encode()


class CatchUnhandled:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unhandled error in %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise  # half an answer is out: only closing the connection can say so
            await send_json(send, 500, _BODY)
