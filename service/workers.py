"""`govbrief serve --workers N`: one listening socket per worker process on the one port.

uvicorn's `--workers N` hands every worker the same listening socket. A worker's event loop,
woken for a new connection, accepts every connection waiting (asyncio takes up to `backlog` at
once), so clients that connect together land on one worker: with `python -m bench bench_http`
(16 keep-alive clients, 2 workers) one worker held all 16 connections and the other none, and
the server used one core of two (169 checks/s at 16 clients against 334 at 4). Keep-alive
connections stay where they landed, so the imbalance lasts as long as the clients do.

Here each worker listens on a socket of its own bound with SO_REUSEPORT, and the kernel spreads
new connections over the listening sockets by a hash of each connection. uvicorn's supervisor
still runs the workers (health pings, restarts): the socket it hands each worker is a
`SpreadSocket`, which a worker receives (unpickles) as a fresh socket of its own. The
supervisor's copy is bound, never listening: it holds the port (a taken port fails at once)
and receives no connections. Without SO_REUSEPORT (not Linux/BSD) `serve` keeps uvicorn's way.
"""

from __future__ import annotations

import socket
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess


def can_spread() -> bool:
    return hasattr(socket, "SO_REUSEPORT")


class SpreadSocket(socket.socket):
    """A bound SO_REUSEPORT socket that a worker process receives as a new one of its own."""

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        host, port = self.getsockname()[:2]
        return (reuseport_socket, (host, port))


def reuseport_socket(host: str, port: int) -> SpreadSocket:
    """A TCP socket bound to host:port that other processes of this user may bind too."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = SpreadSocket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _free_port(host: str, port: int) -> int:
    """The port, checked free by a plain bind: SO_REUSEPORT alone would let a second server
    started on a taken port join the first one's sockets and share its clients."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))  # OSError (address in use) when the port is taken
        bound: int = probe.getsockname()[1]
        return bound


def serve_spread(app: str, options: dict[str, Any]) -> None:
    """`uvicorn.run(app, **options)` for workers > 1, each worker listening on its own socket."""
    config = uvicorn.Config(app, **options)
    holder = reuseport_socket(config.host, _free_port(config.host, config.port))
    try:
        Multiprocess(config, sockets=[holder]).run()
    finally:
        holder.close()
