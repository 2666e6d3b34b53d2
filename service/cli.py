"""The `govbrief` command line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from service.cli_check import check
from service.cli_demo import demo
from service.cli_retrain import retrain
from service.core.config import Settings, get_settings

app = typer.Typer(help="govbrief：政务信息写作与质量检查", no_args_is_help=True)
db_app = typer.Typer(help="数据库迁移、备份与恢复", no_args_is_help=True)
users_app = typer.Typer(help="用户管理", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
console = Console()
app.command()(check)
app.command()(demo)
app.command()(retrain)

UI_ENTRY = Path(__file__).resolve().parent.parent / "ui" / "streamlit_app.py"


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database up (default: to the newest revision)."""
    from service.core.migrate import upgrade
    from service.services import office_time

    settings = get_settings()
    office_time.configure(settings.timezone)  # the draft tallies' back-fill needs the zone
    upgrade(settings.database_url, revision)
    console.print(f"数据库已升级到 {revision}")


@db_app.command("revision")
def db_revision(
    message: str = typer.Option(..., "-m", "--message", help='英文说明，如 "add outlet codes"'),
    autogenerate: bool = typer.Option(
        False, "--autogenerate", help="按代码中的表与数据库（须先 db upgrade）的差异生成"
    ),
) -> None:
    """Write the next migration file after the current head (service/migrations/versions/)."""
    from alembic.util import CommandError

    from service.core.migrate import new_revision

    try:
        path = new_revision(get_settings().database_url, message, autogenerate=autogenerate)
    except (ValueError, CommandError) as exc:
        console.print(f"[red]未生成迁移：{exc}[/red]")
        raise typer.Exit(2) from exc
    console.print(f"已生成迁移 {path}；请检查内容并运行 ruff format")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument("-1")) -> None:
    """Migrate the database down (default: one revision; `base` removes every table)."""
    from service.core.migrate import downgrade

    downgrade(get_settings().database_url, revision)
    console.print(f"数据库已回退到 {revision}")


@db_app.command("backup")
def db_backup(
    dest: Path = typer.Argument(..., help="新建的备份文件夹（不存在或为空）"),
) -> None:
    """Back up the database and the secret key into a new folder (safe while the server runs)."""
    from service.services.backup import BackupError, backup

    try:
        info = backup(get_settings(), dest)
    except BackupError as exc:
        console.print(f"[red]备份失败：{exc.message}（{exc.code}）[/red]")
        raise typer.Exit(2) from exc
    drafts = info.rows.get("drafts")
    console.print(
        f"已备份到 {info.path}（{info.backend}，版本 {info.revision}"
        + (f"，稿件 {drafts} 篇" if drafts is not None else "")
        + "）"
    )


@db_app.command("restore")
def db_restore(
    src: Path = typer.Argument(..., help="govbrief db backup 生成的文件夹"),
    yes: bool = typer.Option(False, "--yes", help="确认用备份替换当前全部数据"),
) -> None:
    """Replace the database and var/secret_key with a backup. Stop the server first."""
    from service.services.backup import BackupError, restore

    if not yes:
        console.print("[red]恢复会用备份替换当前全部数据；确认请加 --yes[/red]")
        raise typer.Exit(2)
    try:
        info = restore(get_settings(), src)
    except BackupError as exc:
        console.print(f"[red]恢复失败：{exc.message}（{exc.code}）[/red]")
        raise typer.Exit(2) from exc
    drafts = info.rows.get("drafts")
    console.print(f"已从 {src} 恢复（版本 {info.revision}，稿件 {drafts} 篇）")


@users_app.command("create")
def users_create(
    username: str,
    role: str = typer.Option("officer", help="officer / reviewer / admin"),
    unit: str = typer.Option("", help="单位名称（不存在则创建）"),
    password: str = typer.Option("", help="留空则随机生成并显示一次"),
    full_name: str = typer.Option(""),
) -> None:
    """Create a user (and its unit if needed)."""
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.core.errors import DomainError
    from service.core.security import configure_hashing, generate_password
    from service.repositories.users import get_unit_by_name
    from service.services.accounts import create_unit, create_user
    from service.tables import Role

    settings = get_settings()
    configure_hashing(settings.password_hash_time_cost, settings.password_hash_memory_kib)
    shown = password or generate_password()
    engine = make_engine(settings.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            unit_id = None
            if unit:
                found = get_unit_by_name(session, unit) or create_unit(session, unit)
                unit_id = found.id
            create_user(
                session,
                username=username,
                password=shown,
                role=Role(role),
                unit_id=unit_id,
                full_name=full_name,
            )
    except (DomainError, ValueError) as exc:
        console.print(f"[red]创建失败：{exc}[/red]")
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    console.print(f"已创建用户 {username}（{role}）" + ("" if password else f"，密码：{shown}"))


@users_app.command("list")
def users_list() -> None:
    """List users."""
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.repositories.users import list_users

    engine = make_engine(get_settings().database_url)
    with unit_of_work(make_session_factory(engine)) as session:
        rows, _ = list_users(session, 0, 10_000)
        table = Table("id", "用户名", "姓名", "角色", "单位id", "启用")
        for u in rows:
            table.add_row(
                str(u.id),
                u.username,
                u.full_name,
                str(u.role),
                str(u.unit_id or ""),
                "是" if u.active else "否",
            )
    engine.dispose()
    console.print(table)


def _account_session():
    """A unit of work on the configured database, for the account commands."""
    from contextlib import contextmanager

    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.core.security import configure_hashing

    @contextmanager
    def scope():
        settings = get_settings()
        configure_hashing(settings.password_hash_time_cost, settings.password_hash_memory_kib)
        engine = make_engine(settings.database_url)
        try:
            with unit_of_work(make_session_factory(engine)) as session:
                yield session
        finally:
            engine.dispose()

    return scope()


def _target(session, username: str):
    from service.core.errors import NotFound
    from service.repositories.users import get_by_username

    user = get_by_username(session, username)
    if user is None:
        raise NotFound(f"用户“{username}”不存在", code="user_not_found")
    return user


def _account_failed(exc: Exception) -> typer.Exit:
    console.print(f"[red]操作失败：{exc}[/red]")
    return typer.Exit(2)


@users_app.command("passwd")
def users_passwd(
    username: str,
    password: str = typer.Option("", help="留空则随机生成并显示一次"),
) -> None:
    """Reset a user's password (their sessions end and any login lock is lifted)."""
    from service.core.errors import DomainError
    from service.services.accounts import reset_password

    try:
        with _account_session() as session:
            generated = reset_password(session, _target(session, username), password or None, None)
    except DomainError as exc:
        raise _account_failed(exc) from exc
    console.print(f"已重置 {username} 的密码" + (f"，新密码：{generated}" if generated else ""))


@users_app.command("set")
def users_set(
    username: str,
    role: str = typer.Option("", help="officer / reviewer / admin"),
    active: bool | None = typer.Option(None, "--active/--inactive", help="启用或停用账号"),
    unit: str = typer.Option("", help="单位名称（须已存在）"),
    full_name: str | None = typer.Option(None),
) -> None:
    """Change a user's role, unit or name, or deactivate/reactivate the account."""
    from service.core.errors import DomainError, NotFound
    from service.repositories.users import get_unit_by_name
    from service.services.accounts import update_user
    from service.tables import Role

    changes: dict[str, object] = {}
    try:
        with _account_session() as session:
            if role:
                changes["role"] = Role(role)
            if active is not None:
                changes["active"] = active
            if full_name is not None:
                changes["full_name"] = full_name
            if unit:
                found = get_unit_by_name(session, unit)
                if found is None:
                    raise NotFound(f"单位“{unit}”不存在", code="unit_not_found")
                changes["unit_id"] = found.id
            update_user(session, _target(session, username), changes, None)
    except (DomainError, ValueError) as exc:
        raise _account_failed(exc) from exc
    console.print(f"已更新用户 {username}")


@users_app.command("unlock")
def users_unlock(username: str) -> None:
    """Lift the login locks on a user's name after too many failed logins."""
    from service.core.errors import DomainError
    from service.services.accounts import unlock

    try:
        with _account_session() as session:
            cleared = unlock(session, _target(session, username), None)
    except DomainError as exc:
        raise _account_failed(exc) from exc
    console.print(f"已解除 {username} 的登录锁定（{cleared} 条记录）")


@app.command()
def serve(host: str = "", port: int = 0, workers: int = 1) -> None:
    """Migrate, then serve the API."""
    import uvicorn

    from service.bootstrap import prepare
    from service.workers import can_spread, serve_spread

    settings = get_settings()
    prepare(settings, console.print)
    options = serve_options(settings, host, port, workers)
    if workers > 1 and can_spread():
        serve_spread("service.main:create_app", options)  # one listening socket per worker
    else:
        uvicorn.run("service.main:create_app", **options)


def serve_options(settings: Settings, host: str, port: int, workers: int) -> dict[str, Any]:
    """uvicorn's options for `govbrief serve`.

    With several workers, uvicorn's supervisor kills and restarts a worker that does not
    answer its health ping within `timeout_worker_healthcheck` (5 s by default). A worker
    starting on a busy machine (its imports alone took longer at load 10 on 2 cores) was
    killed again and again and the server never became ready, so the wait is a setting.
    """
    return {
        "factory": True,
        "host": host or settings.api_host,
        "port": port or settings.api_port,
        "workers": workers,
        "log_level": settings.log_level.lower(),
        "server_header": False,  # no "server: uvicorn" banner
        "access_log": settings.access_log,
        "timeout_worker_healthcheck": settings.worker_healthcheck_seconds,
    }


def api_command(host: str, port: int, access_log: bool = False) -> list[str]:
    """The API server as a child process (what `govbrief run` starts)."""
    quiet = [] if access_log else ["--no-access-log"]
    return [
        sys.executable,
        "-m",
        "uvicorn",
        "service.main:create_app",
        "--factory",
        "--host",
        host,
        "--port",
        str(port),
        "--no-server-header",
        *quiet,
    ]


def _ui_command(host: str, port: int, verbose: bool = False) -> list[str]:
    """Streamlit as a child process. Quiet unless `verbose` (GOVBRIEF_ACCESS_LOG): no English
    welcome banner (we print the Chinese address ourselves) and only its warnings and errors."""
    quiet = [] if verbose else ["--logger.level", "warning", "--logger.hideWelcomeMessage", "true"]
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(UI_ENTRY),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        *quiet,
    ]


def stop_hint(settings: Settings) -> str:
    """What `govbrief run` prints last: the demo command only while no demo office is loaded."""
    from service.core.db import make_engine, make_session_factory
    from service.services.demo import demo_exists

    engine = make_engine(settings.database_url)
    try:
        with make_session_factory(engine)() as session:
            loaded = demo_exists(session)
    finally:
        engine.dispose()
    if loaded:
        return "按 Ctrl-C 停止"
    return "按 Ctrl-C 停止；想看有数据的演示单位，另开终端运行 .venv/bin/govbrief demo"


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM/SIGHUP stop the command as Ctrl-C does, so its children are stopped too (D21)."""
    raise KeyboardInterrupt


def _stop(procs: list[subprocess.Popen]) -> None:
    """Ask each child still running to stop; kill it after 10 seconds."""
    for proc in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _ui_address(settings: Settings) -> str:
    if settings.ui_host in ("0.0.0.0", "::"):
        return f"http://本机IP:{settings.ui_port}（GOVBRIEF_UI_HOST={settings.ui_host}：本单位其他电脑也可打开）"
    return f"http://{settings.ui_host}:{settings.ui_port}"


@app.command()
def ui(
    port: int = 0,
    host: str = typer.Option("", help="监听地址；默认 GOVBRIEF_UI_HOST（127.0.0.1）"),
) -> None:
    """Serve the Streamlit UI (it talks to the API at GOVBRIEF_API_URL); SIGTERM stops it."""
    settings = get_settings()
    settings = settings.model_copy(
        update={"ui_host": host or settings.ui_host, "ui_port": port or settings.ui_port}
    )
    command = _ui_command(settings.ui_host, settings.ui_port, settings.access_log)
    web = subprocess.Popen(command)
    console.print(f"界面: {_ui_address(settings)}")
    console.print("按 Ctrl-C 停止")
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    code = 0
    try:
        code = web.wait()
    except KeyboardInterrupt:
        pass
    finally:
        _stop([web])
    raise typer.Exit(code)


@app.command()
def run() -> None:
    """Migrate, then serve the API and the UI together; Ctrl-C or SIGTERM stops both."""
    from service.bootstrap import prepare

    settings = get_settings()
    prepare(settings, console.print)
    env = {**os.environ, "GOVBRIEF_API_URL": f"http://{settings.api_host}:{settings.api_port}"}
    api = subprocess.Popen(
        api_command(settings.api_host, settings.api_port, settings.access_log), env=env
    )
    command = _ui_command(settings.ui_host, settings.ui_port, settings.access_log)
    web = subprocess.Popen(command, env=env)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    console.print(f"API:  http://{settings.api_host}:{settings.api_port}  (文档 /docs)")
    console.print(f"界面: {_ui_address(settings)}")
    console.print(stop_hint(settings))
    try:
        while api.poll() is None and web.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop([web, api])
    console.print("已停止")


if __name__ == "__main__":
    app()
