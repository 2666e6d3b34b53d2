"""`govbrief check`: the same report as POST /api/v1/check, from files, in-process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer
from rich.console import Console

from models.files import FileError, read_draft
from models.report import CheckReport
from service.core.config import DEFAULT_VAR_DIR, get_settings

err = Console(stderr=True)
out = Console()

SEVERITY = {
    "error": "[red]错误[/red]",
    "warning": "[yellow]警告[/yellow]",
    "info": "[blue]提示[/blue]",
}


def _load_model():
    from service.bootstrap import ensure_starter_model
    from service.core.db import make_engine, make_session_factory
    from service.core.migrate import upgrade
    from service.services.model_registry import ModelHolder

    settings = get_settings()
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    ensure_starter_model(settings, factory, lambda m: err.print(m))
    model = ModelHolder(factory).get()
    engine.dispose()
    return model


def _require_data() -> None:
    """Check with the service's own database and model, never a new one made in whatever
    directory the command runs in (D18): without GOVBRIEF_DATABASE_URL / GOVBRIEF_VAR_DIR
    the relative var/ must already hold a database."""
    if os.environ.get("GOVBRIEF_DATABASE_URL") or os.environ.get("GOVBRIEF_VAR_DIR"):
        return
    if not (DEFAULT_VAR_DIR / "govbrief.db").exists():
        raise _fail(
            "当前目录下没有 govbrief 的数据（var/govbrief.db）：请在 govbrief 的安装目录中运行"
            "（首次使用请先运行 govbrief run），或设置 GOVBRIEF_VAR_DIR 指向服务的数据目录"
            "（no_data_dir）"
        )


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]{message}[/red]")
    return typer.Exit(code)


def _read(file: Path) -> bytes:
    """The file's bytes, or a clear message and exit code 2 (never a traceback)."""
    if not file.exists():
        raise _fail(f"文件不存在：{file}（not_found）")
    if file.is_dir():
        raise _fail(f"这是一个目录，请指定要检查的文件：{file}（is_directory）")
    try:
        return file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _fail(f"无法读取文件：{file}（not_readable：{reason}）") from exc


def _print_report(path: str, title: str, report: CheckReport) -> None:
    data = report.to_dict()
    out.rule(f"{path}  {title}")
    cat = data["category"]
    if cat:
        probs = "  ".join(f"{k} {v:.2f}" for k, v in cat["probabilities"].items())
        out.print(
            f"分类：[bold]{cat['name']}[/bold]（{cat['confidence']:.0%}；{probs}）"
            f"  依据：{'、'.join(cat['evidence'])}  模型 {cat['model_version']}"
        )
    s = data["stats"]
    out.print(f"字数 {s['chars']}，{s['sentences']} 句，{s['paragraphs']} 段")
    ns = data["news_style"]
    if ns["verdict"]:
        out.print(f"[yellow]疑似新闻稿式写法（{ns['score']:.2f}）[/yellow]")
    for f in data["flags"]:
        fix = f"  → {f['suggestion']}" if f["suggestion"] else ""
        out.print(
            f"{SEVERITY[f['severity']]} {f['field']}[{f['start']}:{f['end']}] "
            f"「{f['text']}」 {f['message']}{fix}  ({f['rule']})"
        )
    for h in data["headlines"]:
        out.print(f"标题建议：{h['text']}（{h['score']:.2f}）")


def check(
    file: Path = typer.Argument(..., help=".txt / .docx 文件；--jsonl 时为 JSON Lines 文件"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON 报告"),
    jsonl: bool = typer.Option(
        False, "--jsonl", help='逐行读取 {"id","title","body"}，逐行输出报告'
    ),
) -> None:
    """Check a draft file and print the report."""
    settings = get_settings()
    data = _read(file)
    _require_data()
    if jsonl:
        _check_jsonl(data, settings.max_text_chars)
        return
    if len(data) > settings.max_upload_bytes:
        raise _fail("文件超过大小限制")
    try:
        draft = read_draft(file.name, data, settings.max_docx_uncompressed_bytes)
    except FileError as exc:
        raise _fail(f"{exc.message}（{exc.code}）") from exc
    if not draft.body.strip():
        raise _fail("正文不能为空（empty_body）")
    if len(draft.body) > settings.max_text_chars:
        raise _fail(f"正文超过 {settings.max_text_chars} 字的上限（text_too_long）")
    report = _load_model().analyze(draft.title, draft.body)
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_report(file.name, draft.title, report)


def _check_jsonl(data: bytes, max_chars: int) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail("文件不是 UTF-8 编码（not_utf8）") from exc
    model = _load_model()
    failed = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row["body"]
            if not isinstance(body, str):
                raise ValueError("body_not_text")
            if not body.strip():
                raise ValueError("empty_body")
            if len(body) > max_chars:
                raise ValueError("text_too_long")
            result = model.analyze(str(row.get("title") or ""), body).to_dict()
            result = {"id": row.get("id"), **result}
        except (ValueError, KeyError, TypeError) as exc:
            failed += 1
            code = str(exc) if str(exc) in _LINE_ERRORS else "invalid_line"
            result = {
                "id": _safe_id(line),
                "error": {
                    "code": code,
                    "message": f"第 {n} 行无法检查：{_LINE_ERRORS.get(code, '不是有效的 JSON 对象或缺少 body')}",
                },
            }
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        err.print(f"[yellow]{failed} 行未能检查[/yellow]")
        raise typer.Exit(1)


_LINE_ERRORS = {
    "empty_body": "正文为空",
    "body_not_text": "body 须为文本（字符串）",
    "text_too_long": "正文超过字数上限",
}


def _safe_id(line: str) -> object:
    try:
        return json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
