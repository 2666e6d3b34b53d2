"""`govbrief retrain`: the API's retraining job, run in the foreground with a progress bar."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from service.core.config import get_settings
from service.services import office_time

console = Console()


def retrain(
    force: bool = typer.Option(
        False, "--force", help="没有新数据也重训，并且不论比较结果都启用新模型"
    ),
) -> None:
    """Retrain from the corpus and reviewed drafts; activate the candidate if it is not worse."""
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.core.errors import DomainError
    from service.core.migrate import upgrade
    from service.services import retraining

    settings = get_settings()
    office_time.configure(settings.timezone)
    upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    try:
        with unit_of_work(factory) as session:
            job_id = retraining.create_job(session, force=force, actor_id=None).id
    except DomainError as exc:
        console.print(f"[red]{exc.message}[/red]")
        engine.dispose()
        raise typer.Exit(1) from exc
    console.print(f"训练任务 #{job_id} 开始")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
    )
    with Progress(*columns, TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("开始", total=1.0)

        def show(fraction: float, message: str) -> None:
            bar.update(task, completed=fraction, description=message)

        job = retraining.run_job(factory, settings, job_id, show)
        if job is not None and job.status == "succeeded":
            bar.update(task, completed=1.0, description="完成")
    engine.dispose()
    if job is None or job.status != "succeeded":
        console.print(f"[red]{job.message if job else '训练任务不存在'}[/red]")
        raise typer.Exit(1)
    console.print(job.message)
