"""Issue 12's done-when: an anonymous 100,000-digit `POST /api/v1/check` answers in < 2 s, and
`/healthz` stays < 1 s meanwhile.

A real server (`govbrief serve --workers 2`, as bench_http starts it, anonymous rate limit off)
gets, one after another, anonymous checks whose body is 100,000 digits, 100,000 copies of one rare
CJK character (jieba's HMM on a long unknown run) and 100,000 characters of ordinary draft text.
While each check runs, another connection asks `GET /healthz` every 50 ms, and a third client
sends the same check at the same time on the other worker, so both workers are busy: /healthz
must still answer, from the event loop, while analysis runs in a thread. Wall-clock figures
depend on the load of the 2 cores (shown before and after); the server's own CPU time is read
from /proc for each kind of body.
GOVBRIEF_BENCH_HTTP_DB names a SQLite database with an active model (copied; skips the
first-start training).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.bench_http import _free_port, _start_server, _stop, _wait_ready
from bench.corpus_text import draft_of

ROUNDS = int(os.environ.get("GOVBRIEF_BENCH_ADVERSARIAL_ROUNDS", "3"))
TITLE = "某县三举措推进春茶产业提质增效"


def _bodies() -> dict[str, str]:
    return {
        "digits_100k": "1" * 100_000,
        "mixed_digits_100k": "".join(str(i % 10) for i in range(100_000)),
        "rare_cjk_100k": "\u4e42" * 100_000,  # 乂: rare, unknown to the dictionary
        "draft_100k": draft_of(100_000),
    }


def _server_cpu_seconds(pid: int) -> float:
    """User + system CPU of the server's process group (the master and its workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pid:  # process group id (the server is a session leader)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _health(base: str, stop: threading.Event, out: list[float]) -> None:
    with httpx.Client(base_url=base, timeout=30.0) as client:
        while not stop.is_set():
            t = time.perf_counter()
            client.get("/healthz")
            out.append(time.perf_counter() - t)
            time.sleep(0.05)


def _check(base: str, body: str) -> tuple[int, float]:
    with httpx.Client(base_url=base, timeout=300.0) as client:
        t = time.perf_counter()
        r = client.post("/api/v1/check", json={"title": TITLE, "body": body})
        return r.status_code, time.perf_counter() - t


def _check_into(base: str, body: str, out: list[tuple[int, float]]) -> None:
    out.append(_check(base, body))


def _measure(base: str, pid: int, body: str) -> dict:
    times: list[float] = []
    health: list[float] = []
    statuses: set[int] = set()
    cpu0 = _server_cpu_seconds(pid)
    for _ in range(ROUNDS):
        stop = threading.Event()
        watcher = threading.Thread(target=_health, args=(base, stop, health), daemon=True)
        rival: list[tuple[int, float]] = []
        other = threading.Thread(target=_check_into, args=(base, body, rival), daemon=True)
        watcher.start()
        time.sleep(0.1)
        other.start()
        status, seconds = _check(base, body)
        other.join()
        stop.set()
        watcher.join()
        statuses |= {status, *(s for s, _ in rival)}
        times += [seconds, *(s for _, s in rival)]
    cpu = _server_cpu_seconds(pid) - cpu0
    return {
        "checks": len(times),
        "statuses": sorted(statuses),
        "check_max_s": round(max(times), 3),
        "check_median_s": round(sorted(times)[len(times) // 2], 3),
        "server_cpu_s_per_check": round(cpu / len(times), 3),
        "healthz_requests": len(health),
        "healthz_max_s": round(max(health), 3),
    }


def run() -> dict:
    load_before = os.getloadavg()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="govbrief-bench-adv-") as tmp:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        template = os.environ.get("GOVBRIEF_BENCH_HTTP_DB")
        if template:
            shutil.copy(template, Path(tmp) / "bench.db")
        proc = _start_server(Path(tmp), port)
        try:
            _wait_ready(base, proc)
            for name, body in _bodies().items():
                row = _measure(base, proc.pid, body)
                out[name] = row
                print(
                    f"   {name:<18} status {row['statuses']}  check max {row['check_max_s']:.2f} s"
                    f" median {row['check_median_s']:.2f} s  server CPU "
                    f"{row['server_cpu_s_per_check']:.2f} s/check  |  /healthz max "
                    f"{row['healthz_max_s']:.3f} s over {row['healthz_requests']} requests"
                )
        finally:
            _stop(proc)
    out["loadavg_before"] = [round(x, 2) for x in load_before]
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"   load average before {out['loadavg_before']}, after {out['loadavg_after']}")
    return out


if __name__ == "__main__":
    run()
