"""Reject request bodies over the configured size with 413 before they are read whole.

A declared Content-Length over the limit is refused before anything is read; a chunked body
(no Content-Length) is counted as it arrives and refused as soon as it passes the limit. The
overflow is raised as an HTTPException(413) from `receive`: FastAPI turns any other exception
raised while it reads a body into 400 "error parsing the body", which is what clients got.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.asgi_answer import send_json

_BODY = json.dumps(
    {"code": "too_large", "message": "请求内容超过大小限制"}, ensure_ascii=False
).encode()


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _reject(send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _reject(send)


class _TooLarge(HTTPException):
    """Raised from `receive`; the app's handler for HTTPException answers 413 `too_large`."""

    def __init__(self) -> None:
        super().__init__(status_code=413)


async def _reject(send: Send) -> None:
    await send_json(send, 413, _BODY)
