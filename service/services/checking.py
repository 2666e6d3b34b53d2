"""Checking drafts: validate input, run the analysis library with the active model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.files import FileError, read_draft
from models.report import CheckReport
from service.core.config import Settings
from service.core.errors import BadInput, TooLarge, Unavailable, UnsupportedMedia
from service.core.textrules import bad_character, describe, is_blank
from service.services.check_context import ContextHolder
from service.services.model_versions import ModelHolder
from service.services.office_time import local_today


def validate_text(settings: Settings, title: str, body: str) -> None:
    """Text from any source (JSON, .txt, .docx): what the database and exports can hold."""
    if not body or is_blank(body):
        raise BadInput("正文不能为空", code="empty_body")
    for where, value, multiline in (("标题", title, False), ("正文", body, True)):
        char = bad_character(value, multiline=multiline, format_ok=True)
        if char is not None:
            raise BadInput(
                f"{where}含有不允许的字符（{describe(char)}，如空字符或控制字符）",
                code="invalid_characters",
            )
    if len(body) > settings.max_text_chars:
        raise TooLarge(f"正文超过 {settings.max_text_chars} 字的上限", code="text_too_long")
    if len(title) > 200:
        raise BadInput("标题超过 200 字", code="title_too_long")


def check_text(
    settings: Settings,
    holder: ModelHolder,
    title: str,
    body: str,
    context: ContextHolder | None = None,
    unit_id: int | None = None,
) -> CheckReport:
    """Analyze with the active model, the admin dictionaries and the unit's allow-list."""
    validate_text(settings, title, body)
    analyzer = holder.get()
    if analyzer is None:
        raise Unavailable("分类模型尚未就绪，请稍后再试", code="model_not_ready")
    ctx = context.get() if context is not None else None
    custom, allow = ctx.for_unit(unit_id) if ctx is not None else (None, None)
    leaders = ctx.leaders if ctx is not None else None
    # whose term is current is judged on the office's day (GOVBRIEF_TIMEZONE), not the server's
    return analyzer.analyze(
        title, body, custom_terms=custom, allow=allow, leaders=leaders, day=local_today()
    )


@dataclass(frozen=True)
class Checker:
    """The process's way to check a draft: the active model plus dictionaries and allow-lists."""

    models: ModelHolder
    context: ContextHolder | None = None

    def check(
        self, settings: Settings, title: str, body: str, unit_id: int | None = None
    ) -> CheckReport:
        return check_text(settings, self.models, title, body, self.context, unit_id)


def read_upload(settings: Settings, filename: str, data: bytes) -> tuple[str, str]:
    if len(data) > settings.max_upload_bytes:
        raise TooLarge("上传文件超过大小限制", code="file_too_large")
    try:
        draft = read_draft(filename, data, settings.max_docx_uncompressed_bytes)
    except FileError as exc:
        if exc.code == "unsupported_media_type":
            raise UnsupportedMedia(exc.message, code=exc.code) from exc
        if exc.code in {"docx_too_large", "zip_bomb"}:
            raise TooLarge(exc.message, code=exc.code) from exc
        raise BadInput(exc.message, code=exc.code) from exc
    return draft.title, draft.body


def report_json(report: CheckReport, **extra: Any) -> dict[str, Any]:
    return {**report.to_dict(), **extra}
