"""`govbrief check` and `govbrief users`: exit codes, JSON shape, JSON Lines, bad files."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from service.cli import app
from service.core.config import get_settings
from tests.docs import make_docx

BODY = "今年以来，云岭县采取三项举措推进春茶产业。一是建设标准化茶园2.3万亩；二是培育区域公用品牌；三是拓展线上销售。"


@pytest.fixture
def env(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "cli.db"
    shutil.copy(sqlite_template, db)
    monkeypatch.setenv("GOVBRIEF_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("GOVBRIEF_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_check_txt_readable_and_json(env: Path) -> None:
    path = env / "稿件.txt"
    path.write_text("云岭县三举措推进春茶产业\n" + BODY, encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["check", str(path)])
    assert r.exit_code == 0, r.output
    assert "动态信息" in r.output
    r = runner.invoke(app, ["check", str(path), "--json"])
    data = json.loads(r.stdout)
    assert data["category"]["label"] == "dynamic" and data["stats"]["chars"] == len(BODY)


def test_check_docx(env: Path) -> None:
    path = env / "稿件.docx"
    path.write_bytes(make_docx("云岭县三举措推进春茶产业", [BODY]))
    r = CliRunner().invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["category"]["label"] == "dynamic"


def test_check_jsonl_keeps_ids_and_reports_bad_lines(env: Path) -> None:
    path = env / "batch.jsonl"
    rows = [{"id": "a", "title": "", "body": BODY}, {"id": "b", "body": ""}, "not json"]
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows),
        encoding="utf-8",
    )
    r = CliRunner().invoke(app, ["check", "--jsonl", str(path)])
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x.get("id") for x in lines] == ["a", "b", None]
    assert lines[0]["category"]["label"] == "dynamic"
    assert lines[1]["error"]["code"] == "empty_body"
    assert lines[2]["error"]["code"] == "invalid_line"
    assert r.exit_code == 1


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("a.pdf", b"%PDF", "只支持"),
        ("a.docx", b"broken", "损坏"),
        ("a.txt", "正文".encode("gbk"), "UTF-8"),
        ("a.txt", b"   ", "empty_body"),
    ],
)
def test_check_bad_files_exit_nonzero(env: Path, name: str, content: bytes, needle: str) -> None:
    path = env / name
    path.write_bytes(content)
    r = CliRunner().invoke(app, ["check", str(path)])
    assert r.exit_code == 2
    assert needle in r.output


def test_missing_file(env: Path) -> None:
    r = CliRunner().invoke(app, ["check", str(env / "nope.txt")])
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_directory_is_a_clear_error_not_a_traceback(env: Path) -> None:
    folder = env / "稿件目录"
    folder.mkdir()
    for args in (["check", str(folder)], ["check", "--jsonl", str(folder)]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 2, r.output
        assert "这是一个目录" in r.output and "is_directory" in r.output
        assert r.exception is None or isinstance(r.exception, SystemExit)


def test_unreadable_path_is_a_clear_error(env: Path) -> None:
    # /proc/self/mem exists and is a file, but reading it from the start fails (EIO), even as root
    r = CliRunner().invoke(app, ["check", "/proc/self/mem"])
    assert r.exit_code == 2, r.output
    assert "无法读取文件" in r.output and "not_readable" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_jsonl_body_that_is_not_text_is_not_called_empty(env: Path) -> None:
    path = env / "batch.jsonl"
    path.write_text('{"id": 1, "body": 12345}\n{"id": 2, "body": ["正文"]}\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["check", "--jsonl", str(path)])
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["error"]["code"] for x in lines] == ["body_not_text", "body_not_text"]
    assert "须为文本" in lines[0]["error"]["message"]
    assert r.exit_code == 1


def test_users_create_and_list(env: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        app,
        [
            "users",
            "create",
            "li",
            "--role",
            "officer",
            "--unit",
            "白沙乡",
            "--password",
            "long-enough-1",
        ],
    )
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["users", "create", "li", "--password", "long-enough-1", "--unit", "x"])
    assert r.exit_code == 2 and "已被使用" in r.output
    assert "li" in runner.invoke(app, ["users", "list"]).output


def test_users_passwd_set_unlock(env: Path) -> None:
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.core.usernames import username_digest
    from service.repositories.users import get_by_username
    from service.services import login_throttle
    from service.tables import AuditLog

    runner = CliRunner()
    assert runner.invoke(app, ["users", "create", "Zhao", "--role", "admin"]).exit_code == 0
    assert runner.invoke(app, ["users", "create", "qian", "--role", "admin"]).exit_code == 0
    r = runner.invoke(app, ["users", "passwd", "ZHAO"])  # any case finds the user
    assert r.exit_code == 0 and "新密码：" in r.output, r.output
    r = runner.invoke(app, ["users", "passwd", "zhao", "--password", "short"])
    assert r.exit_code == 2 and "密码至少 8 位" in r.output
    r = runner.invoke(app, ["users", "set", "zhao", "--inactive", "--role", "reviewer"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["users", "set", "qian", "--inactive"])
    assert r.exit_code == 2 and "至少要保留一个启用的管理员" in r.output
    r = runner.invoke(app, ["users", "set", "nobody", "--active"])
    assert r.exit_code == 2 and "不存在" in r.output

    engine = make_engine(get_settings().database_url)
    factory = make_session_factory(engine)
    with unit_of_work(factory) as s:
        settings = get_settings().model_copy(update={"login_max_failures": 1})
        login_throttle.record_failure(
            s, settings, username_digest("zhao"), "10.0.0.1", datetime.now(UTC)
        )
    r = runner.invoke(app, ["users", "unlock", "zhao"])
    assert r.exit_code == 0 and "1 条" in r.output, r.output
    with unit_of_work(factory) as s:
        user = get_by_username(s, "zhao")
        assert (user.role, user.active) == ("reviewer", False)
        actions = [a.action for a in s.query(AuditLog).filter(AuditLog.entity == "user")]
        assert actions.count("reset_password") == 1 and "unlock" in actions
        assert "update" in actions


def _add_terms(db_url: str, kind: str, term: str) -> None:
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.tables import Dictionary, DictionaryTerm

    engine = make_engine(db_url)
    with unit_of_work(make_session_factory(engine)) as session:
        d = Dictionary(name=f"{kind}-{term}", kind=kind)
        session.add(d)
        session.flush()
        session.add(DictionaryTerm(dictionary_id=d.id, term=term, replacement="专项行动"))
    engine.dispose()


def test_api_server_sends_no_server_banner(env: Path) -> None:
    """The command `govbrief run` starts, run for real: no `server: uvicorn` header."""
    import os
    import socket
    import subprocess
    import time

    import httpx

    from service.cli import api_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        api_command("127.0.0.1", port),
        env={**os.environ},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.3)
        assert r.status_code == 200
        assert "server" not in r.headers
        assert r.headers["x-content-type-options"] == "nosniff"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_check_uses_the_admin_dictionaries_and_limits(env: Path) -> None:
    """The API's checker: admin terms raise flags, allow-list terms silence them, same limits."""
    url = f"sqlite:///{env / 'cli.db'}"
    _add_terms(url, "custom_term", "春茶产业")
    path = env / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(path), "--json"])
    assert r.exit_code == 0, r.output
    hits = [f for f in json.loads(r.stdout)["flags"] if f["rule"] == "sensitive.custom_term"]
    assert [h["text"] for h in hits] == ["春茶产业"]
    _add_terms(url, "allow", "春茶产业")
    r = CliRunner().invoke(app, ["check", str(path), "--json"])
    assert "sensitive.custom_term" not in [f["rule"] for f in json.loads(r.stdout)["flags"]]
    lines = env / "in.jsonl"
    lines.write_text(json.dumps({"id": 1, "title": "题" * 201, "body": BODY}, ensure_ascii=False))
    r = CliRunner().invoke(app, ["check", "--jsonl", str(lines)])
    assert json.loads(r.stdout)["error"]["code"] == "title_too_long" and r.exit_code == 1


def test_check_writes_nothing_in_the_current_directory(
    tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a configured database the per-user data directory is used, in every directory,
    so nothing lands in the working directory and the model is not trained again."""
    from sqlalchemy import create_engine, func, select

    from service.tables import ModelVersion

    monkeypatch.delenv("GOVBRIEF_DATABASE_URL", raising=False)
    monkeypatch.delenv("GOVBRIEF_VAR_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    data = tmp_path / "data" / "govbrief"
    data.mkdir(parents=True)
    shutil.copy(sqlite_template, data / "govbrief.db")  # a user who checked once before
    draft = tmp_path / "draft.txt"
    draft.write_text(BODY, encoding="utf-8")
    get_settings.cache_clear()
    try:
        for name in ("one", "two"):
            work = tmp_path / name
            work.mkdir()
            monkeypatch.chdir(work)
            r = CliRunner().invoke(app, ["check", str(draft), "--json"])
            assert r.exit_code == 0, r.output
            assert json.loads(r.stdout)["category"]["label"] == "dynamic"
            assert list(work.iterdir()) == []
    finally:
        get_settings.cache_clear()
    engine = create_engine(f"sqlite:///{data / 'govbrief.db'}")
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ModelVersion)) == 1
    engine.dispose()


def test_check_with_only_a_database_url_writes_nothing_here(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A configured database without GOVBRIEF_VAR_DIR: the local secret goes to the per-user
    data directory, not to ./var."""
    monkeypatch.delenv("GOVBRIEF_VAR_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(env / "data"))
    work = env / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    draft = env / "draft.txt"
    draft.write_text(BODY, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(draft), "--json"])
    assert r.exit_code == 0, r.output
    assert list(work.iterdir()) == []
    assert (env / "data" / "govbrief" / "secret_key").is_file()


def test_serve_gives_starting_workers_time(tmp_path: Path) -> None:
    """uvicorn's 5 s worker health ping killed workers that were still importing on a busy
    machine (load 10 on 2 cores), again and again: `serve` passes the configured wait."""
    import inspect

    import uvicorn

    from service.cli import serve_options
    from service.core.config import Settings

    settings = Settings(var_dir=tmp_path / "var", secret_key="k" * 40)
    options = serve_options(settings, "", 0, 2)
    assert options["timeout_worker_healthcheck"] == 60
    assert options["workers"] == 2 and options["server_header"] is False
    assert set(options) <= set(inspect.signature(uvicorn.run).parameters)  # all real options
    slow = Settings(var_dir=tmp_path / "var", secret_key="k" * 40, worker_healthcheck_seconds=120)
    assert serve_options(slow, "", 0, 2)["timeout_worker_healthcheck"] == 120


def _comments(docx_bytes: bytes) -> list[str]:
    import io
    import re
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        xml = z.read("word/comments.xml").decode("utf-8")
    return re.findall(r"<w:comment\b", xml)


FLAGGED = "今年以来，云岭县推进春茶产业。\n联系人电话13812345678，线上销售额同比增长35%。"


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_check_annotate_writes_a_commented_docx(env: Path, suffix: str) -> None:
    path = env / f"稿件{suffix}"
    if suffix == ".txt":
        path.write_text("云岭县三举措推进春茶产业\n" + FLAGGED, encoding="utf-8")
    else:
        path.write_bytes(make_docx("云岭县三举措推进春茶产业", FLAGGED.split("\n")))
    out = env / "批注.docx"
    r = CliRunner().invoke(app, ["check", str(path), "--json", "--annotate", str(out)])
    assert r.exit_code == 0, r.output
    flags = json.loads(r.stdout)["flags"]
    assert any(f["kind"] == "sensitive" for f in flags)
    assert len(_comments(out.read_bytes())) == len(flags)
    assert "已写出带批注的 Word 文档" in r.stderr


def test_check_readable_output_names_the_paragraph(env: Path) -> None:
    path = env / "稿件.txt"
    path.write_text("云岭县三举措推进春茶产业\n" + FLAGGED, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(path)])
    assert r.exit_code == 0, r.output
    assert "正文第2段" in r.output and "body[" not in r.output


def test_check_annotate_refuses_jsonl_and_other_suffixes(env: Path) -> None:
    path = env / "稿件.txt"
    path.write_text(BODY, encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(path), "--annotate", str(env / "out.txt")])
    assert r.exit_code == 2 and ".docx" in r.output
    r = CliRunner().invoke(app, ["check", str(path), "--jsonl", "--annotate", str(env / "o.docx")])
    assert r.exit_code == 2 and "--jsonl" in r.output


def _listening_and_connected(port: int) -> tuple[int, dict[str, int]]:
    """Listening sockets on the port, and established ones by process (Linux /proc)."""
    import os
    import re

    states: dict[str, str] = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            f = line.split()
            if int(f[1].rsplit(":", 1)[1], 16) == port:
                states[f[9]] = f[3]  # inode -> state (0A listen, 01 established)
    listening = sum(state == "0A" for state in states.values())
    by_process: dict[str, int] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            links = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        for link in links:
            m = re.fullmatch(r"socket:\[(\d+)\]", link)
            if m and states.get(m.group(1)) == "01":
                by_process[pid] = by_process.get(pid, 0) + 1
    return listening, by_process


@pytest.mark.heavy  # starts a real two-worker server (~20 s idle, more on a busy machine)
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_serve_spreads_connections_over_the_workers(env: Path) -> None:
    """`govbrief serve --workers 2`, run for real: 16 clients connecting together are shared
    evenly by the two workers (uvicorn's own accept gave one worker all 16 in bench_http and
    the server used one core of two; one SO_REUSEPORT socket per worker split them 10/6)."""
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    govbrief = Path(sys.executable).with_name("govbrief")
    log = env / "serve.log"
    proc = subprocess.Popen(
        [str(govbrief), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env={**os.environ, "GOVBRIEF_LOG_LEVEL": "info"},
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    clients = [httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) for _ in range(16)]
    try:
        deadline = time.monotonic() + 180
        # both workers serving (a worker still starting takes no connection)
        while log.read_text(errors="replace").count("Application startup complete") < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "workers not ready"
            time.sleep(0.3)
        for client in clients:  # one keep-alive connection each, opened together
            assert client.get("/healthz").status_code == 200
        listening, by_process = _listening_and_connected(port)
        assert listening == 1  # one socket, shared by the workers
        server_side = {pid: n for pid, n in by_process.items() if int(pid) != os.getpid()}
        assert len(server_side) == 2 and sum(server_side.values()) == 16, server_side
        assert max(server_side.values()) <= 9, server_side  # even, not a hash's 10/6 or 11/5
    finally:
        for client in clients:
            client.close()
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_refuses_a_port_another_server_holds() -> None:
    """A second server on a taken port fails at once (OSError), whoever holds the port: a
    running server's shared socket, or another program's, even one bound with SO_REUSEPORT."""
    import socket

    from service.workers import can_spread, listening_socket, serve_spread

    if not can_spread():
        pytest.skip("needs a POSIX event loop")
    running = listening_socket("127.0.0.1", 0, 2048)  # a server, listening
    holders = [socket.socket(), socket.socket()]
    try:
        ports = [running.getsockname()[1]]
        if hasattr(socket, "SO_REUSEPORT"):  # could let a careless bind share the port
            holders[0].setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        for holder in holders:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            ports.append(holder.getsockname()[1])
        for port in ports:
            with pytest.raises(OSError):
                serve_spread(
                    "service.main:create_app", {"host": "127.0.0.1", "port": port, "workers": 2}
                )
    finally:
        running.close()
        for holder in holders:
            holder.close()
