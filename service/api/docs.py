"""/docs (Swagger UI) and /redoc served with their assets from an installed package.

FastAPI's own pages load swagger-ui and redoc from a CDN, so they are blank on an office
network without Internet. The assets come from `fastapi-offline` (the self-hosting FastAPI's
documentation describes, packaged); nothing is downloaded at run time. Each page carries a
Content-Security-Policy that allows its own inline script by hash and nothing from elsewhere.
`GOVBRIEF_API_DOCS=false` turns the pages off.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def page_csp(html: str, *, workers: bool = False) -> str:
    """A policy for one documentation page: its inline scripts by sha256, assets from here."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    parts = [
        "default-src 'none'",
        f"script-src 'self' {hashes}".strip(),
        "style-src 'self' 'unsafe-inline'",  # both UIs set style attributes at run time
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if workers:
        parts.append("worker-src blob:")  # redoc searches in a web worker
    return "; ".join(parts)


def _page(response: HTMLResponse, *, workers: bool = False) -> HTMLResponse:
    html = response.body.decode()
    response.headers["Content-Security-Policy"] = page_csp(html, workers=workers)
    return response


def install_docs(app: FastAPI) -> None:
    """Add /docs, its OAuth2 redirect page and /redoc, with the assets under /docs-assets."""
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} 接口文档",
                oauth2_redirect_url=redirect_url,
                swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
                swagger_ui_parameters=app.swagger_ui_parameters,
            )
        )

    @app.get(redirect_url, include_in_schema=False)
    async def swagger_ui_redirect() -> HTMLResponse:
        return _page(get_swagger_ui_oauth2_redirect_html())

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title} 接口文档",
                redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
                redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
                with_google_fonts=False,
            ),
            workers=True,
        )
