"""Alembic, driven from code: `govbrief db upgrade`, `govbrief db revision` and the first start
use this (there is no alembic.ini).

The history is one line. Its files sort in chain order: each name starts with the file's place
in the chain (`0001_`, `0002_`, ..., `0004a_`/`0004b_` for two made the same day). The ids of
the first revisions are older than this naming and differ from their file names (the file
0002_scoring.py holds revision "0003"); ids are never renamed, because existing databases store
them. New revisions are named `NNNN_slug` by `new_revision`, and their file is the id.
"""

from __future__ import annotations

import re
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import Script, ScriptDirectory

from service.core.db import normalize_url

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_LEADING_NUMBER = re.compile(r"^(\d+)")


def alembic_config(database_url: str, migrations_dir: Path | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir or MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalize_url(database_url).replace("%", "%%"))
    cfg.set_main_option("file_template", "%%(rev)s")  # the file is named after the new id
    return cfg


def upgrade(database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(database_url), revision)


def downgrade(database_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(database_url), revision)


def chain(migrations_dir: Path | None = None) -> list[Script]:
    """Every revision, base first. ValueError unless the history is one line (one base, one
    head, no branch or merge point)."""
    scripts = ScriptDirectory(str(migrations_dir or MIGRATIONS_DIR))
    heads, bases = scripts.get_heads(), scripts.get_bases()
    if len(heads) != 1 or len(bases) != 1:
        raise ValueError(f"迁移历史应只有一个起点和一个终点：起点 {bases}，终点 {heads}")
    revisions = list(scripts.walk_revisions())  # head first
    for rev in revisions:
        if rev.is_branch_point or rev.is_merge_point:
            raise ValueError(f"迁移 {rev.revision} 处有分支或合并，历史应为一条直线")
    return revisions[::-1]


def next_revision_id(message: str, migrations_dir: Path | None = None) -> str:
    """`NNNN_slug`: one more than the highest number a migration file starts with, and the
    message in lower-case ASCII words (ValueError when it has none)."""
    slug = "_".join(re.findall(r"[a-z0-9]+", message.lower()))[:40].strip("_")
    if not slug:
        raise ValueError('迁移说明需要包含英文单词（用作文件名），例如 -m "add outlet codes"')
    numbers = [
        int(m.group(1))
        for path in ((migrations_dir or MIGRATIONS_DIR) / "versions").glob("*.py")
        if (m := _LEADING_NUMBER.match(path.name))
    ]
    return f"{max(numbers, default=0) + 1:04d}_{slug}"


def new_revision(
    database_url: str,
    message: str,
    *,
    autogenerate: bool = False,
    migrations_dir: Path | None = None,
) -> Path:
    """Write the next migration after the current head and return its file. `autogenerate`
    compares the tables in code with the database, which must be at head (`db upgrade`)."""
    chain(migrations_dir)  # refuse to extend a history that is not one line
    rev_id = next_revision_id(message, migrations_dir)
    script = command.revision(
        alembic_config(database_url, migrations_dir),
        message=message,
        autogenerate=autogenerate,
        rev_id=rev_id,
    )
    assert script is not None and not isinstance(script, list)
    return Path(script.path)
