"""A cheap closed-loop HTTP/1.1 load generator: one asyncio loop, raw keep-alive sockets.

httpx costs the client ~1-2 ms of CPU per request (measured: 10-15% of a core at 60-90
requests/s), which on a 2-core machine is CPU taken from the server under test. Here each
request is a pre-built byte string written to the client's own keep-alive connection and the
answer is read by its Content-Length: tens of microseconds per request. Only what the bench
needs is understood (status line, Content-Length; no chunked bodies, no redirects).
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field


def post_json(host: str, path: str, payload: object) -> bytes:
    """One complete `POST path` request carrying `payload` as JSON, ready to write."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


def get(host: str, path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: keep-alive\r\n\r\n".encode()


@dataclass
class Samples:
    """(start time, seconds) of each answered request, and the statuses that were not 200."""

    timings: list[tuple[float, float]] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)

    def note(self, status: int) -> None:
        if status != 200:
            self.statuses[status] = self.statuses.get(status, 0) + 1


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> int:
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
            break
    if length:
        await reader.readexactly(length)
    return status


async def closed_loop(
    host: str, port: int, requests: list[bytes], offset: int, stop_at: float, out: Samples
) -> None:
    """Send `requests` in turn (from `offset`), the next as soon as the answer is read."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        i = offset
        while (t := time.perf_counter()) < stop_at:
            status = await _exchange(reader, writer, requests[i % len(requests)])
            out.timings.append((t, time.perf_counter() - t))
            out.note(status)
            i += 1
    finally:
        writer.close()


async def every(
    host: str, port: int, request: bytes, interval: float, stop_at: float, out: Samples
) -> None:
    """Send `request` every `interval` seconds (e.g. a health probe beside the load)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while (t := time.perf_counter()) < stop_at:
            status = await _exchange(reader, writer, request)
            out.timings.append((t, time.perf_counter() - t))
            out.note(status)
            await asyncio.sleep(interval)
    finally:
        writer.close()
