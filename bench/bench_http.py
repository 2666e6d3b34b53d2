"""HTTP load: closed-loop clients against a live `govbrief serve --workers 2` on SQLite.

Issue 15's target: at least 200 checks/s with p99 under 100 ms at 16 clients on 2 cores.

The server is a real subprocess (`govbrief serve --workers 2`) on a fresh SQLite database in a
temporary directory; its first start trains and activates the starter model as any first start
does (the time is reported). Each of 1, 4 and 16 clients sends 1,500-character drafts (200
different ones, from the bootstrap corpus) to `POST /api/v1/check` on its own keep-alive
connection, the next request as soon as the answer is read, for DURATION seconds after a
warm-up. Meanwhile one more client asks `GET /healthz` every 100 ms: its latency shows whether
the analysis blocks the event loop. The load generator runs on the same 2 cores; its own CPU
(user + system, in % of one core) is reported next to each figure, since it competes with the
server. The anonymous rate limit is switched off for the server under test.
GOVBRIEF_BENCH_HTTP_DB names a SQLite database with an active model to start from (copied;
the first-start training is then skipped, e.g. to compare two code versions on one model).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

from bench.corpus_text import draft_of

CLIENTS = (1, 4, 16)
DURATION = float(os.environ.get("GOVBRIEF_BENCH_HTTP_SECONDS", "15"))
WARMUP = 3.0
DRAFTS = 200
TITLE = "某县三举措推进春茶产业提质增效"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(tmp: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "GOVBRIEF_VAR_DIR": str(tmp / "var"),
        "GOVBRIEF_DATABASE_URL": f"sqlite:///{tmp / 'bench.db'}",
        "GOVBRIEF_RATE_LIMIT_ANONYMOUS_PER_MINUTE": "0",
        "GOVBRIEF_LOG_LEVEL": "warning",
    }
    govbrief = Path(sys.executable).with_name("govbrief")
    cmd = [str(govbrief), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    log = (tmp / "server.log").open("wb")
    return subprocess.Popen(
        cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float = 1800.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited before it was ready")
        try:
            if httpx.get(f"{base}/readyz", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError("server not ready")


def _stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the server we started, with its workers
        proc.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _client(base: str, bodies: list[str], offset: int, stop_at: float, out: list, errors: list):
    with httpx.Client(base_url=base, timeout=30.0) as client:
        i = offset
        while True:
            t = time.perf_counter()
            if t >= stop_at:
                return
            r = client.post("/api/v1/check", json={"title": TITLE, "body": bodies[i % len(bodies)]})
            done = time.perf_counter()
            if r.status_code != 200:
                errors.append(r.status_code)
            out.append((t, done - t))
            i += 1


def _health(base: str, stop_at: float, out: list) -> None:
    with httpx.Client(base_url=base, timeout=30.0) as client:
        while time.perf_counter() < stop_at:
            t = time.perf_counter()
            client.get("/healthz")
            out.append((t, time.perf_counter() - t))
            time.sleep(0.1)


def _level(base: str, bodies: list[str], clients: int) -> dict:
    start = time.perf_counter()
    measure_from, stop_at = start + WARMUP, start + WARMUP + DURATION
    samples: list[tuple[float, float]] = []
    health: list[tuple[float, float]] = []
    errors: list[int] = []
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    threads = [
        threading.Thread(
            target=_client, args=(base, bodies, k * 37, stop_at, samples, errors), daemon=True
        )
        for k in range(clients)
    ]
    threads.append(threading.Thread(target=_health, args=(base, stop_at, health), daemon=True))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    wall = time.perf_counter() - start
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    kept = np.array([d for t, d in samples if t >= measure_from]) * 1000
    hkept = np.array([d for t, d in health if t >= measure_from]) * 1000
    return {
        "clients": clients,
        "requests": int(len(kept)),
        "rps": round(len(kept) / DURATION, 1),
        "p50_ms": round(float(np.percentile(kept, 50)), 1),
        "p99_ms": round(float(np.percentile(kept, 99)), 1),
        "errors": len(errors),
        "healthz_p50_ms": round(float(np.percentile(hkept, 50)), 1),
        "healthz_p99_ms": round(float(np.percentile(hkept, 99)), 1),
        "load_generator_cpu_pct": round(100 * cpu / wall, 1),
    }


def run() -> dict:
    bodies = [draft_of(1500, offset=i * 7) for i in range(DRAFTS)]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="govbrief-bench-http-") as tmp:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        template = os.environ.get("GOVBRIEF_BENCH_HTTP_DB")
        if template:
            shutil.copy(template, Path(tmp) / "bench.db")
        t = time.perf_counter()
        proc = _start_server(Path(tmp), port)
        try:
            _wait_ready(base, proc)
            ready_s = time.perf_counter() - t
            how = "model from the template database" if template else "starter model trained"
            print(f"   server ready in {ready_s:.1f} s ({how})")
            out: dict[str, object] = {"server_ready_s": round(ready_s, 1), "levels": []}
            for clients in CLIENTS:
                row = _level(base, bodies, clients)
                out["levels"].append(row)  # type: ignore[union-attr]
                print(
                    f"   {clients:>2} clients: {row['rps']:>6.1f} checks/s  p50 {row['p50_ms']:.1f} ms"
                    f"  p99 {row['p99_ms']:.1f} ms  errors {row['errors']}  |  /healthz p50 "
                    f"{row['healthz_p50_ms']:.1f} ms p99 {row['healthz_p99_ms']:.1f} ms  |  "
                    f"load generator CPU {row['load_generator_cpu_pct']:.0f}% of a core"
                )
        finally:
            _stop(proc)
    out["loadavg_before"] = [round(x, 2) for x in load_before]
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"   load average before {out['loadavg_before']}, after {out['loadavg_after']}")
    return out
