"""Check a draft: pasted text or an uploaded .txt/.docx."""

from __future__ import annotations

from fastapi import APIRouter, File, Request, UploadFile

from service.api.deps import OptionalUser, SettingsDep
from service.core.errors import Unauthorized
from service.schemas.check import CheckRequest
from service.services.checking import check_text, read_upload, report_json

router = APIRouter(prefix="/api/v1", tags=["check"])


def _allow(settings, user) -> None:  # noqa: ANN001
    if user is None and not settings.anonymous_check:
        raise Unauthorized()


@router.post("/check")
def check(body: CheckRequest, request: Request, settings: SettingsDep, user: OptionalUser) -> dict:
    """Check pasted text: category, flags, headline suggestions, stats."""
    _allow(settings, user)
    report = check_text(
        settings, request.app.state.category_model, body.title, body.body,
        request.app.state.check_context, user.unit_id if user else None,
    )
    return report_json(report)


@router.post("/check/docx")
async def check_file(
    request: Request, settings: SettingsDep, user: OptionalUser, file: UploadFile = File(...)
) -> dict:
    """Check an uploaded .docx or .txt file; the extracted title and body come back too."""
    _allow(settings, user)
    data = await file.read(settings.max_upload_bytes + 1)
    title, body = read_upload(settings, file.filename or "", data)
    report = check_text(
        settings, request.app.state.category_model, title, body,
        request.app.state.check_context, user.unit_id if user else None,
    )
    return report_json(report, source={"filename": file.filename, "title": title, "body": body})
