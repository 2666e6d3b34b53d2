"""The workers' accept loop (service.workers): one shared socket, connections shared evenly."""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest

from service.workers import BOARD_ENV, Board, balanced_loop, can_spread, listening_socket

pytestmark = pytest.mark.skipif(not can_spread(), reason="needs a POSIX event loop")


class Echo(asyncio.Protocol):
    """Answers each message with the worker's tag."""

    def __init__(self, tag: bytes) -> None:
        self.tag = tag

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(self.tag)  # type: ignore[attr-defined]


class Worker(threading.Thread):
    """A stand-in for one `serve --workers N` process: its own loop on the shared socket."""

    def __init__(self, sock: socket.socket, tag: bytes) -> None:
        super().__init__(daemon=True)
        self.sock, self.tag = sock, tag
        self.loop = balanced_loop()
        self.ready = threading.Event()
        self.server: object = None

    def run(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def start() -> None:
            self.server = await self.loop.create_server(
                lambda: Echo(self.tag), sock=self.sock, backlog=128
            )
            self.ready.set()

        self.loop.run_until_complete(start())
        self.loop.run_forever()

    def held(self) -> int:
        """Connections this worker holds, asked on its own loop."""

        async def ask() -> int:
            return self.server.held()  # type: ignore[attr-defined]

        return asyncio.run_coroutine_threadsafe(ask(), self.loop).result(timeout=10)

    def stop(self) -> None:
        async def close() -> None:
            self.server.close()  # type: ignore[attr-defined]
            await self.server.wait_closed()  # type: ignore[attr-defined]

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.join(timeout=10)


def _served_by(conn: socket.socket) -> bytes:
    """The tag of the worker serving the connection (it is accepted by then)."""
    conn.sendall(b"?")
    return conn.recv(100)


@pytest.fixture(autouse=True)
def board(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """The board `serve_spread` makes for its workers (here: threads of one process)."""
    path = Board.create(str(tmp_path))
    monkeypatch.setenv(BOARD_ENV, str(path))
    return path


def test_the_board_forgets_workers_that_died(board) -> None:
    import subprocess
    import sys

    mine = Board(board)
    mine.claim()
    other = Board(board)
    other.claim()
    other.post(0)
    assert mine.fewer_elsewhere(1)  # a live worker holding none: leave the connection to it
    assert not mine.fewer_elsewhere(0)
    other.release()
    assert not mine.fewer_elsewhere(1)
    # a worker killed before it could release its slot
    code = (
        "import os, sys; from service.workers import Board; b = Board(sys.argv[1]); "
        "b.claim(); b.post(0); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(board)], check=True)
    assert not mine.fewer_elsewhere(1)  # its pid runs no more: nobody waits for it
    for b in (mine, other):
        b.close()


def test_two_workers_share_sixteen_connections_evenly() -> None:
    """Clients connecting one after another alternate between the workers (a hash of each
    connection, SO_REUSEPORT's way, split 16 as 10/6 or worse about two times in five), and
    new clients go to the worker that lost some first."""
    sock = listening_socket("127.0.0.1", 0, 128)
    workers = [Worker(sock, b"a"), Worker(sock, b"b")]
    clients: list[tuple[socket.socket, bytes]] = []
    try:
        for w in workers:
            w.start()
            assert w.ready.wait(10)
        for _ in range(16):
            conn = socket.create_connection(sock.getsockname()[:2], timeout=10)
            clients.append((conn, _served_by(conn)))
        assert sorted(w.held() for w in workers) == [8, 8]
        assert sorted(tag for _, tag in clients) == [b"a"] * 8 + [b"b"] * 8
        leaving = [c for c in clients if c[1] == b"a"][:6]  # six of worker a's clients leave
        for conn, _ in leaving:
            conn.close()
        deadline = time.monotonic() + 10
        while workers[0].held() > 2:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        for _ in range(6):
            conn = socket.create_connection(sock.getsockname()[:2], timeout=10)
            clients.append((conn, _served_by(conn)))
        assert [tag for _, tag in clients[16:]] == [b"a"] * 6  # the emptier worker takes them
        assert [w.held() for w in workers] == [8, 8]
    finally:
        for conn, _ in clients:
            conn.close()
        for w in workers:
            w.stop()
        sock.close()


def test_a_worker_alone_takes_every_connection() -> None:
    """No peer to defer to: connections are accepted after at most the bounded wait."""
    sock = listening_socket("127.0.0.1", 0, 128)
    worker = Worker(sock, b"a")
    clients: list[socket.socket] = []
    try:
        worker.start()
        assert worker.ready.wait(10)
        for _ in range(5):
            clients.append(socket.create_connection(sock.getsockname()[:2], timeout=10))
            assert _served_by(clients[-1]) == b"a"
        assert worker.held() == 5
    finally:
        for conn in clients:
            conn.close()
        worker.stop()
        sock.close()
