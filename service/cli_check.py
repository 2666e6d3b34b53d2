"""`govbrief check`: the same report as POST /api/v1/check, from files, in-process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import platformdirs
import typer
from rich.console import Console

from models.files import FileError, read_draft
from models.report import CheckReport
from service.core.config import DEFAULT_VAR_DIR, Settings, get_settings
from service.core.errors import DomainError
from service.services.checking import Checker, validate_text

err = Console(stderr=True)
out = Console()

SEVERITY = {
    "error": "[red]错误[/red]",
    "warning": "[yellow]警告[/yellow]",
    "info": "[blue]提示[/blue]",
}


def check_settings() -> Settings:
    """Where `govbrief check` keeps its files: never a new file in the current directory.

    The configured place when there is one (GOVBRIEF_VAR_DIR, or the ./var/govbrief.db of a
    `govbrief run` started here), else the per-user data directory, so the starter model is
    trained once per user, not once per directory. GOVBRIEF_DATABASE_URL, when set, names the
    database either way; the data directory then only holds the local secret."""
    if os.environ.get("GOVBRIEF_VAR_DIR") or (DEFAULT_VAR_DIR / "govbrief.db").is_file():
        return get_settings()
    data_dir = Path(platformdirs.user_data_dir("govbrief", appauthor=False))
    data_dir.mkdir(parents=True, exist_ok=True)
    return Settings(var_dir=data_dir)


def _load_checker(settings: Settings) -> Checker:
    """The API's checker: the active model plus the admin dictionaries, allow-lists and the
    leaders' table, read from the same database."""
    from service.bootstrap import ensure_starter_model
    from service.core.db import make_engine, make_session_factory
    from service.core.migrate import upgrade
    from service.services.check_context import ContextHolder
    from service.services.model_versions import ModelHolder

    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    ensure_starter_model(settings, factory, lambda m: err.print(m))
    # one command, one snapshot: no polling while a long JSON Lines file is checked
    checker = Checker(
        ModelHolder(factory, poll_seconds=float("inf")),
        ContextHolder(factory, poll_seconds=float("inf")),
    )
    checker.models.get()
    checker.context.get()
    return checker


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


def where(flag: dict, body: str) -> str:
    """标题 or 正文第N段 (paragraphs are the body's non-blank lines), as an officer counts."""
    if flag["field"] == "title":
        return "标题"
    before = body[: flag["start"]].split("\n")
    return f"正文第{sum(1 for line in before[:-1] if line.strip()) + 1}段"


def _print_report(path: str, title: str, body: str, report: CheckReport) -> None:
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
            f"{SEVERITY[f['severity']]} {where(f, body)} "
            f"「{f['text']}」 {f['message']}{fix}  ({f['rule']})",
            soft_wrap=True,
        )
    for h in data["headlines"]:
        out.print(f"标题建议：{h['text']}（{h['score']:.2f}）")


def check(
    file: Path = typer.Argument(..., help=".txt / .docx 文件；--jsonl 时为 JSON Lines 文件"),
    as_json: bool = typer.Option(False, "--json", help="输出 JSON 报告"),
    jsonl: bool = typer.Option(
        False, "--jsonl", help='逐行读取 {"id","title","body"}，逐行输出报告'
    ),
    unit: int | None = typer.Option(
        None, "--unit", help="按该单位（id）的词库和白名单检查；默认为全局词库"
    ),
    annotate: Path | None = typer.Option(
        None, "--annotate", help="另存一份带 Word 批注的 .docx（每处提示一条批注）"
    ),
) -> None:
    """Check a draft file and print the report (the same checker as POST /api/v1/check);
    with --annotate OUT.docx also write the draft with a Word comment at each flag."""
    if annotate is not None and jsonl:
        raise _fail("--annotate 只用于单个 .txt / .docx 文件，不能与 --jsonl 同用")
    if annotate is not None and annotate.suffix.lower() != ".docx":
        raise _fail(f"批注文件须以 .docx 结尾：{annotate}")
    data = _read(file)
    settings = check_settings()
    if jsonl:
        _check_jsonl(data, settings, unit)
        return
    if len(data) > settings.max_upload_bytes:
        raise _fail("文件超过大小限制")
    try:
        draft = read_draft(file.name, data, settings.max_docx_uncompressed_bytes)
    except FileError as exc:
        raise _fail(f"{exc.message}（{exc.code}）") from exc
    try:
        validate_text(settings, draft.title, draft.body)
        report = _load_checker(settings).check(settings, draft.title, draft.body, unit)
    except DomainError as exc:
        raise _fail(f"{exc.message}（{exc.code}）") from exc
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_report(file.name, draft.title, draft.body, report)
    if annotate is not None:
        _write_annotated(annotate, file, data, draft.title, draft.body, report)


def _write_annotated(
    out_path: Path, source: Path, data: bytes, title: str, body: str, report: CheckReport
) -> None:
    """The uploaded .docx with its comments (a .txt becomes a new document), as the API's
    ?annotate=true answers."""
    from models.docx_annotate import annotate

    original = data if source.suffix.lower() == ".docx" else None
    try:
        out_path.write_bytes(annotate(original, title, body, report.flags))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _fail(f"无法写入批注文件：{out_path}（not_writable：{reason}）") from exc
    err.print(f"已写出带批注的 Word 文档：{out_path}（{len(report.flags)} 条批注）", soft_wrap=True)


def _check_jsonl(data: bytes, settings: Settings, unit: int | None) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail("文件不是 UTF-8 编码（not_utf8）") from exc
    checker = _load_checker(settings)
    failed = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            body = row["body"]
            if not isinstance(body, str):
                failed += 1
                result = {
                    "id": _safe_id(line),
                    "error": {
                        "code": "body_not_text",
                        "message": f"第 {n} 行无法检查：body 须为文本（字符串）",
                    },
                }
                sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
                continue
            report = checker.check(settings, str(row.get("title") or ""), body, unit)
            result = {"id": row.get("id"), **report.to_dict()}
        except DomainError as exc:
            failed += 1
            result = {
                "id": _safe_id(line),
                "error": {"code": exc.code, "message": f"第 {n} 行无法检查：{exc.message}"},
            }
        except (ValueError, KeyError, TypeError, AttributeError):
            failed += 1
            result = {
                "id": _safe_id(line),
                "error": {"code": "invalid_line", "message": f"第 {n} 行无法检查"},
            }
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        err.print(f"[yellow]{failed} 行未能检查[/yellow]")
        raise typer.Exit(1)


def _safe_id(line: str) -> object:
    try:
        return json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
