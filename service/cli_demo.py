"""`govbrief demo`: load the demo office into the configured database (once)."""

from __future__ import annotations

import typer
from rich.console import Console

from service.core.config import get_settings
from service.services import office_time

console = Console()


def demo(
    drafts: int = typer.Option(300, min=10, max=5000, help="过去一年的稿件数量"),
    pending: int = typer.Option(40, min=0, max=500, help="另有近两周待审的稿件数量"),
) -> None:
    """Load a demo office: units, users, outlets, a year of drafts, adoptions and 批示."""
    from service.bootstrap import prepare
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.services.demo import DemoExists, load_demo
    from service.services.model_versions import ModelHolder

    settings = get_settings()
    office_time.configure(settings.timezone)
    prepare(settings, console.print)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    try:
        with unit_of_work(factory) as session:
            office = load_demo(
                session,
                settings,
                ModelHolder(factory),
                drafts=drafts,
                pending=pending,
                say=console.print,
            )
    except DemoExists as exc:
        console.print(f"[yellow]{exc.message}[/yellow]")
        raise typer.Exit(1) from exc
    finally:
        engine.dispose()
    c = office.counts
    console.print(
        f"演示数据已载入：{len(office.units)} 个单位，{c['drafts']} 篇稿件"
        f"（{c['pending']} 篇待审），"
        f"{c['adoptions']} 次采用，{c['instructions']} 次批示，{c['solicitations']} 个约稿"
    )
    console.print("账号：信息员 officer01…officer10（各属一个单位），审核员 reviewer1、reviewer2")
    console.print(f"演示账号统一密码：{office.password}")
