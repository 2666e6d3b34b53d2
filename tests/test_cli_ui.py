"""`govbrief ui`: where it listens (GOVBRIEF_UI_HOST) and that SIGTERM stops its Streamlit
child too (D21: the child used to survive with PPID 1)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from service.cli import _ui_address, _ui_command
from service.core.config import Settings


def test_ui_host_comes_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings().ui_host == "127.0.0.1"  # loopback unless asked
    monkeypatch.setenv("GOVBRIEF_UI_HOST", "0.0.0.0")
    office = Settings()
    command = _ui_command(office.ui_host, office.ui_port)
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert "其他电脑" in _ui_address(office)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_sigterm_stops_the_streamlit_child(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GOVBRIEF_VAR_DIR": str(tmp_path), "GOVBRIEF_UI_HOST": "127.0.0.1"}
    command = [sys.executable, "-m", "service.cli", "ui", "--port", str(port)]
    log = (tmp_path / "ui.log").open("wb")
    parent = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).is_success:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail((tmp_path / "ui.log").read_text()[-2000:])
        printed = (tmp_path / "ui.log").read_text(encoding="utf-8")
        assert f"界面: http://127.0.0.1:{port}" in printed  # our address, in Chinese
        assert "You can now view" not in printed  # not Streamlit's English banner
        children = _children(parent.pid)
        assert children, "streamlit runs as a child of govbrief ui"
        parent.send_signal(signal.SIGTERM)
        assert parent.wait(timeout=20) == 0
        assert not [c for c in children if _alive(c)]
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        log.close()


def test_run_hints_at_the_demo_only_while_none_is_loaded(settings: Settings) -> None:
    """Issue 14 point 8: `govbrief run` names `govbrief demo` only on an office without it."""
    from service.bootstrap import prepare
    from service.cli import stop_hint
    from service.core.db import make_engine, make_session_factory, unit_of_work
    from service.services.demo import UNITS
    from service.tables import Unit

    prepare(settings, lambda _: None, terminal=False)
    assert "govbrief demo" in stop_hint(settings)
    engine = make_engine(settings.database_url)
    try:
        with unit_of_work(make_session_factory(engine)) as session:
            session.add(Unit(name=UNITS[0][0], kind="county"))
    finally:
        engine.dispose()
    assert stop_hint(settings) == "按 Ctrl-C 停止"


def test_access_log_is_off_unless_asked_for(tmp_path: Path) -> None:
    """Issue 14 point 8: a quiet terminal; GOVBRIEF_ACCESS_LOG=true brings the request lines back."""
    from service.cli import api_command, serve_options

    quiet = Settings(var_dir=tmp_path / "var", secret_key="k" * 40)
    loud = Settings(var_dir=tmp_path / "var", secret_key="k" * 40, access_log=True)
    assert serve_options(quiet, "", 0, 1)["access_log"] is False
    assert serve_options(loud, "", 0, 1)["access_log"] is True
    assert "--no-access-log" in api_command("127.0.0.1", 8000)
    assert "--no-access-log" not in api_command("127.0.0.1", 8000, access_log=True)
    usage = subprocess.run(
        [sys.executable, "-m", "uvicorn", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "--no-access-log" in usage  # a real uvicorn option


def test_streamlit_terminal_is_quiet_unless_asked_for() -> None:
    """Issue 14 point 8: `govbrief ui`/`run` start Streamlit without its English welcome banner
    and info lines; GOVBRIEF_ACCESS_LOG=true (debugging) gives them back."""
    from streamlit import config

    quiet = _ui_command("127.0.0.1", 8501)
    options = dict(zip(quiet[5::2], quiet[6::2], strict=True))  # after `-m streamlit run FILE`
    assert options["--logger.level"] == "warning"
    assert options["--logger.hideWelcomeMessage"] == "true"
    for flag in options:
        assert flag.removeprefix("--") in config.get_config_options(), flag  # real options
    loud = _ui_command("127.0.0.1", 8501, verbose=True)
    assert "--logger.level" not in loud and "--logger.hideWelcomeMessage" not in loud
