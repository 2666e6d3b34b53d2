"""HTTP load: closed-loop clients against a live `govbrief serve --workers 2` on SQLite.

Issue 15's target: at least 200 checks/s with p99 under 100 ms at 16 clients on 2 cores.

The server is a real subprocess (`govbrief serve --workers 2`) on a fresh SQLite database in a
temporary directory; its first start trains and activates the starter model as any first start
does (the time is reported). Each of 1, 4 and 16 clients sends 1,500-character drafts (200
different ones, from the bootstrap corpus) to `POST /api/v1/check` on its own keep-alive
connection, the next request as soon as the answer is read, for DURATION seconds after a
warm-up. Meanwhile one more client asks `GET /healthz` every 100 ms: its latency shows whether
the analysis blocks the event loop. The load generator (bench.http_load: one asyncio loop, raw
keep-alive sockets, pre-built requests) runs on the same 2 cores; its own CPU (in % of one core
and per check) is reported next to each figure, since it competes with the server, and so are
the server's CPU per check (supervisor and workers, from /proc) and the 1-minute load average
before and after each level (other work on the machine shows there). Non-200 answers are
counted by status (503 `busy`: the bounded analysis queue refusing). The anonymous rate limit
is switched off for the server under test. GOVBRIEF_BENCH_HTTP_CLIENTS (e.g. "16") picks the levels;
GOVBRIEF_BENCH_HTTP_DB names a SQLite database with an active model to start from (copied;
the first-start training is then skipped, e.g. to compare two code versions on one model).
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

from bench import http_load
from bench.corpus_text import draft_of

CLIENTS = tuple(int(n) for n in os.environ.get("GOVBRIEF_BENCH_HTTP_CLIENTS", "1,4,16").split(","))
DURATION = float(os.environ.get("GOVBRIEF_BENCH_HTTP_SECONDS", "15"))
WARMUP = 3.0
DRAFTS = 200
TITLE = "某县三举措推进春茶产业提质增效"
PATH = "/api/v1/check"


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


def _server_cpu_s(pgid: int) -> float:
    """User + system CPU seconds of every process in the server's process group (supervisor
    and workers), from /proc."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        if int(fields[2]) == pgid:  # fields[0] is the state: pgrp is the 5th field overall
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


async def _drive(port: int, requests: list[bytes], clients: int, stop_at: float):
    checks, health = http_load.Samples(), http_load.Samples()
    probe = http_load.get("127.0.0.1", "/healthz")
    await asyncio.gather(
        *(
            http_load.closed_loop("127.0.0.1", port, requests, k * 37, stop_at, checks)
            for k in range(clients)
        ),
        http_load.every("127.0.0.1", port, probe, 0.1, stop_at, health),
    )
    return checks, health


def _level(port: int, pgid: int, requests: list[bytes], clients: int) -> dict:
    start = time.perf_counter()
    measure_from, stop_at = start + WARMUP, start + WARMUP + DURATION
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    server0, load0 = _server_cpu_s(pgid), os.getloadavg()[0]
    checks, health = asyncio.run(_drive(port, requests, clients, stop_at))
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    server_cpu = _server_cpu_s(pgid) - server0
    wall = time.perf_counter() - start
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    kept = np.array([d for t, d in checks.timings if t >= measure_from]) * 1000
    hkept = np.array([d for t, d in health.timings if t >= measure_from]) * 1000
    answered = len(checks.timings)
    return {
        "clients": clients,
        "requests": int(len(kept)),
        "rps": round(len(kept) / DURATION, 1),
        "p50_ms": round(float(np.percentile(kept, 50)), 1),
        "p99_ms": round(float(np.percentile(kept, 99)), 1),
        "errors": sum(checks.statuses.values()),
        "statuses": {str(k): v for k, v in sorted(checks.statuses.items())},
        "healthz_p50_ms": round(float(np.percentile(hkept, 50)), 1),
        "healthz_p99_ms": round(float(np.percentile(hkept, 99)), 1),
        "server_cpu_ms_per_check": round(1000 * server_cpu / max(answered, 1), 2),
        "load_generator_cpu_pct": round(100 * cpu / wall, 1),
        "load_generator_cpu_ms_per_check": round(1000 * cpu / max(answered, 1), 3),
        "loadavg_1m": [round(load0, 2), round(os.getloadavg()[0], 2)],
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
            payloads = [{"title": TITLE, "body": body} for body in bodies]
            requests = [http_load.post_json(f"127.0.0.1:{port}", PATH, p) for p in payloads]
            for clients in CLIENTS:
                row = _level(port, proc.pid, requests, clients)
                out["levels"].append(row)  # type: ignore[union-attr]
                print(
                    f"   {clients:>2} clients: {row['rps']:>6.1f} checks/s  p50 {row['p50_ms']:.1f} ms"
                    f"  p99 {row['p99_ms']:.1f} ms  errors {row['errors']}  |  /healthz p50 "
                    f"{row['healthz_p50_ms']:.1f} ms p99 {row['healthz_p99_ms']:.1f} ms  |  "
                    f"server CPU {row['server_cpu_ms_per_check']:.1f} ms/check  |  load generator "
                    f"CPU {row['load_generator_cpu_pct']:.0f}% of a core "
                    f"({row['load_generator_cpu_ms_per_check']:.2f} ms/check)  |  "
                    f"load {row['loadavg_1m'][0]:.1f}->{row['loadavg_1m'][1]:.1f}"
                )
        finally:
            _stop(proc)
    out["loadavg_before"] = [round(x, 2) for x in load_before]
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"   load average before {out['loadavg_before']}, after {out['loadavg_after']}")
    return out
