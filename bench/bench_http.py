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
        "GOVBRIEF_LOG_LEVEL": "info",  # each worker logs its startup (_wait_ready counts them)
    }
    govbrief = Path(sys.executable).with_name("govbrief")
    cmd = [str(govbrief), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"]
    log = (tmp / "server.log").open("wb")
    return subprocess.Popen(
        cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )


def _wait_ready(base: str, proc: subprocess.Popen, log: Path, timeout: float = 1800.0) -> None:
    """Ready, and both workers serving: a worker still starting would take no connection, and
    keep-alive clients that all landed on the other one stay there for the whole level."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("server exited before it was ready")
        try:
            ready = httpx.get(f"{base}/readyz", timeout=2.0).status_code == 200
        except httpx.HTTPError:
            ready = False
        if ready and log.read_text(errors="replace").count("Application startup complete") >= 2:
            return
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


def _connections_by_process(port: int, pgid: int) -> list[int]:
    """Established connections to `port` held by each process of the server (Linux /proc),
    most first: how the clients are shared by the workers."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            return []
        for line in lines:
            f = line.split()
            if f[3] == "01" and int(f[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{f[9]}]")
    counts = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            fds = stat.parent / "fd"
            held = sum(os.readlink(fds / fd) in inodes for fd in os.listdir(fds))
        except OSError:
            continue
        if held:
            counts.append(held)
    return sorted(counts, reverse=True)


async def _drive(port: int, pgid: int, requests: list[bytes], clients: int, stop_at: float):
    checks, health = http_load.Samples(), http_load.Samples()
    probe = http_load.get("127.0.0.1", "/healthz")
    split: list[int] = []

    async def count_later() -> None:
        await asyncio.sleep(WARMUP / 2)  # every client connected by then
        loop = asyncio.get_running_loop()
        split.extend(await loop.run_in_executor(None, _connections_by_process, port, pgid))

    await asyncio.gather(
        count_later(),
        *(
            http_load.closed_loop("127.0.0.1", port, requests, k * 37, stop_at, checks)
            for k in range(clients)
        ),
        http_load.every("127.0.0.1", port, probe, 0.1, stop_at, health),
    )
    return checks, health, split


def _level(port: int, pgid: int, requests: list[bytes], clients: int) -> dict:
    start = time.perf_counter()
    measure_from, stop_at = start + WARMUP, start + WARMUP + DURATION
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    server0, load0 = _server_cpu_s(pgid), os.getloadavg()[0]
    checks, health, split = asyncio.run(_drive(port, pgid, requests, clients, stop_at))
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
        "connections_per_worker": split,  # the /healthz probe's connection included
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
            _wait_ready(base, proc, Path(tmp) / "server.log")
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
                    f"load {row['loadavg_1m'][0]:.1f}->{row['loadavg_1m'][1]:.1f}  |  "
                    f"connections per worker {row['connections_per_worker']}"
                )
        finally:
            _stop(proc)
    out["loadavg_before"] = [round(x, 2) for x in load_before]
    out["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"   load average before {out['loadavg_before']}, after {out['loadavg_after']}")
    return out
