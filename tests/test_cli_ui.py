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
