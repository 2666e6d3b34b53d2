"""Check a draft: pasted text or an uploaded .txt/.docx."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, FastAPI, File, Request, Response, UploadFile
from fastapi.responses import JSONResponse

from models.docx_annotate import annotate as annotate_docx
from service.api.deps import caller_unit
from service.api.ratelimit import LimitedClaims
from service.core.config import Settings
from service.core.errors import Unauthorized
from service.core.security import TokenClaims
from service.schemas.check import CheckRequest
from service.services.checking import read_upload, report_json

router = APIRouter(prefix="/api/v1", tags=["check"])


def _allow(settings: Settings, claims: TokenClaims | None) -> None:
    if claims is None and not settings.anonymous_check:
        raise Unauthorized()


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx_response(data: bytes, filename: str) -> Response:
    name = filename.rsplit(".", 1)[0] + "（批注）.docx"
    disposition = f"attachment; filename=annotated.docx; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=DOCX_TYPE, headers={"Content-Disposition": disposition})


ANNOTATED = {
    200: {
        "description": "检查报告（JSON）；`annotate=true` 时为每处提示带 Word 批注的 .docx",
        "content": {DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.post("/check", response_model=None, responses=ANNOTATED)
async def check(
    body: CheckRequest, request: Request, claims: LimitedClaims, annotate: bool = False
) -> Response:
    """Check pasted text: category, flags, headline suggestions, stats.

    With `?annotate=true` the answer is a .docx of the text with a Word comment at each flag."""
    app = request.app
    settings: Settings = app.state.settings
    _allow(settings, claims)

    def job() -> Response:
        report = app.state.checker.check(settings, body.title, body.body, _unit_of(app, claims))
        if annotate:
            data = annotate_docx(None, body.title, body.body, report.flags)
            return _docx_response(data, "稿件.docx")
        # the report is plain JSON values already: skip FastAPI's recursive jsonable_encoder
        # (measured ~1 ms per 1,500-char draft, more than rendering the JSON itself)
        return JSONResponse(report_json(report))

    return await app.state.analysis_queue.run(job)


@router.post("/check/docx", response_model=None, responses=ANNOTATED)
async def check_file(
    request: Request, claims: LimitedClaims, file: UploadFile = File(...), annotate: bool = False
) -> Response:
    """Check an uploaded .docx or .txt file; the extracted title and body come back too.

    With `?annotate=true` the answer is the uploaded .docx with a Word comment at each flag."""
    app = request.app
    settings: Settings = app.state.settings
    _allow(settings, claims)
    data = await file.read(settings.max_upload_bytes + 1)
    # parsing and analysis are CPU work: on the analysis thread, so /healthz keeps answering
    return await app.state.analysis_queue.run(
        lambda: _check_upload(app, settings, claims, file.filename, data, annotate)
    )


def _unit_of(app: FastAPI, claims: TokenClaims | None) -> int | None:
    """The signed-in caller's unit (its dictionaries and allow-list), read on the analysis
    thread; an inactive account or a revoked token is refused here, as everywhere (401)."""
    if claims is None:
        return None
    return caller_unit(app.state.engine, claims)


def _check_upload(
    app: FastAPI,
    settings: Settings,
    claims: TokenClaims | None,
    filename: str | None,
    data: bytes,
    annotate: bool,
) -> Response:
    title, body = read_upload(settings, filename or "", data)
    report = app.state.checker.check(settings, title, body, _unit_of(app, claims))
    if annotate:
        original = data if (filename or "").lower().endswith(".docx") else None
        annotated = annotate_docx(original, title, body, report.flags)
        return _docx_response(annotated, filename or "稿件.docx")
    source = {"filename": filename, "title": title, "body": body}
    return JSONResponse(report_json(report, source=source))
