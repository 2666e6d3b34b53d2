"""What the first start does: migrate, create the first admin, make sure a model is active."""

from __future__ import annotations

import sys
from collections.abc import Callable

from sqlalchemy.orm import Session

from service.core.config import Settings
from service.core.db import make_engine, make_session_factory, unit_of_work
from service.core.migrate import upgrade
from service.core.private_files import write_private_once
from service.core.security import configure_hashing
from service.services import office_time
from service.services.accounts import ensure_admin
from service.services.scoring_rules import seed_default_rules
from service.tables import ModelVersion
from training.progress import Progress, no_progress

PASSWORD_FILE = "initial_admin_password"


def prepare(
    settings: Settings, say: Callable[[str], None] = print, *, terminal: bool | None = None
) -> None:
    """Migrate, create the first admin, run the extra steps.

    The first admin's password is shown only on an interactive terminal; when the output goes
    to a service log (systemd, docker, a pipe) it is written to var/initial_admin_password
    (0600) instead and the log names the file, never the password.
    """
    office_time.configure(settings.timezone)  # migrations back-fill office-local months
    upgrade(settings.database_url)
    configure_hashing(settings.password_hash_time_cost, settings.password_hash_memory_kib)
    engine = make_engine(settings.database_url)
    try:
        factory = make_session_factory(engine)
        with unit_of_work(factory) as session:
            password = ensure_admin(session)
        if password:
            _announce_admin(
                settings, password, say, sys.stdout.isatty() if terminal is None else terminal
            )
        for step in EXTRA_STEPS:
            step(settings, factory, say)
    finally:
        engine.dispose()


def _announce_admin(
    settings: Settings, password: str, say: Callable[[str], None], tty: bool
) -> None:
    if tty:
        say(f"已创建管理员账号 admin，初始密码：{password}（只显示这一次，请登录后修改）")
        return
    path = settings.var_dir / PASSWORD_FILE
    path.unlink(missing_ok=True)
    write_private_once(path, password + "\n")
    say(
        f"已创建管理员账号 admin，初始密码已写入 {path}（仅本账号可读）；登录修改密码后请删除该文件"
    )


def ensure_starter_model(settings: Settings, factory, say: Callable[[str], None]) -> None:
    """No active classifier yet: train one from training/corpus/ and activate it."""
    from service.repositories.model_versions import active_head

    with unit_of_work(factory) as session:
        if active_head(session, "category") is not None:
            return
        say("首次启动：正在用内置语料训练初始分类模型……")
        row = train_and_register(session, activate_now=True)
        f1 = row.metrics.get("cv", {}).get("macro_f1")
        say(f"已启用分类模型 {row.version}（交叉验证 macro-F1 {f1}）")


def train_and_register(
    session: Session,
    *,
    activate_now: bool,
    actor_id: int | None = None,
    progress: Progress = no_progress,
) -> ModelVersion:
    """Train the starter bundle on the bootstrap corpus and register it as a version."""
    from service.services import model_versions
    from training.starter import train_bundle

    trained = train_bundle(progress=progress)
    return model_versions.register(
        session,
        trained.bundle,
        trained.metrics,
        trained.card,
        activate_now=activate_now,
        actor_id=actor_id,
    )


EXTRA_STEPS: list[Callable] = [ensure_starter_model, seed_default_rules]
