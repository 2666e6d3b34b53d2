"""`govbrief serve --workers N`: one shared listening socket, taken by the least busy worker.

uvicorn's `--workers N` hands every worker the same listening socket, and a worker's event
loop, woken for a new connection, accepts every connection waiting: clients that connect
together land on one worker (bench_http: one worker held all 16 keep-alive connections, the
server used one core of two). One SO_REUSEPORT socket per worker spread them by the kernel's
hash of each connection instead, blind to load: 16 connections split 10/6 or 11/5, and the
busier worker's queue set the p99.

Here the workers share one listening socket and a `Board`: a small shared file where each
worker posts how many connections it holds. Every worker is woken for a new connection; one
holding more than another live worker waits up to `DEFER_S` for that one to take it, and
takes it itself only if it is still waiting then (the other is busy, or stuck). So clients
are shared evenly, one connection at a time, and a worker's event loop slowed by its own
work takes fewer. Keep-alive connections carry many requests: the wait, when there is one,
is paid once per connection.

uvicorn still runs the workers (health pings, restarts) and its HTTP protocol serves each
connection: the worker's event loop (uvicorn's `loop` setting, `balanced_loop`) answers
uvicorn's `create_server(sock=...)` with this accept loop instead of the default one.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import mmap
import os
import socket
import struct
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.supervisors import Multiprocess

DEFER_S = 0.05  # how long a busier worker leaves a new connection to a less busy one
POST_EVERY_S = 0.2  # connections that closed reach the board within this
BOARD_ENV = "GOVBRIEF_WORKER_BOARD"  # the board's path, for the workers the supervisor starts
_SLOT = struct.Struct("qq")  # (pid, connections held); pid 0: a free slot
_SLOTS = 256


def can_spread() -> bool:
    """The balanced accept loop needs a loop with `add_reader` on sockets (not Windows)."""
    return os.name == "posix"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Board:
    """Connections held by each accepting worker, in a file every worker maps.

    Each accept loop owns one slot and alone writes it; a slot whose process has died is free
    again (a restarted worker takes one). Values are read without a lock: a count read a
    moment old only makes one connection land less evenly."""

    def __init__(self, path: str | Path) -> None:
        self._file = open(path, "r+b")
        self._map = mmap.mmap(self._file.fileno(), _SLOTS * _SLOT.size)
        self._slot: int | None = None

    @staticmethod
    def create(folder: str | None = None) -> Path:
        """A new empty board file (the caller removes it)."""
        fd, name = tempfile.mkstemp(prefix="govbrief-workers-", dir=folder or _shm())
        with os.fdopen(fd, "wb") as f:
            f.write(bytes(_SLOTS * _SLOT.size))
        return Path(name)

    def _slots(self) -> Iterator[tuple[int, int, int]]:
        for i in range(_SLOTS):
            pid, held = _SLOT.unpack_from(self._map, i * _SLOT.size)
            yield i, pid, held

    def claim(self) -> None:
        """Take a free slot (under a file lock: workers start together)."""
        fcntl.flock(self._file, fcntl.LOCK_EX)
        try:
            for i, pid, _ in self._slots():
                if pid == 0 or not _alive(pid):
                    _SLOT.pack_into(self._map, i * _SLOT.size, os.getpid(), 0)
                    self._slot = i
                    return
        finally:
            fcntl.flock(self._file, fcntl.LOCK_UN)

    def post(self, held: int) -> None:
        if self._slot is not None:
            _SLOT.pack_into(self._map, self._slot * _SLOT.size, os.getpid(), held)

    def fewer_elsewhere(self, held: int) -> bool:
        """Whether another live worker holds fewer connections than `held`."""
        for i, pid, theirs in self._slots():
            if pid and i != self._slot and theirs < held and _alive(pid):
                return True
        return False

    def release(self) -> None:
        if self._slot is not None:
            _SLOT.pack_into(self._map, self._slot * _SLOT.size, 0, 0)
            self._slot = None

    def close(self) -> None:
        self.release()
        self._map.close()
        self._file.close()


def _open_board(path: str | None) -> Board | None:
    """The supervisor's board; without one (gone, or not started by `serve_spread`) a worker
    accepts as it can, unbalanced."""
    if not path:
        return None
    try:
        return Board(path)
    except (OSError, ValueError):
        return None


def _shm() -> str | None:
    return "/dev/shm" if os.path.isdir("/dev/shm") else None


class _BalancedAccept:
    """The accept loop of one worker on the shared listening socket; closes like a Server."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        protocol_factory: Callable[[], asyncio.BaseProtocol],
        sock: socket.socket,
        ssl: Any,
        board: Board | None,
    ) -> None:
        self._loop = loop
        self._factory = protocol_factory
        self._sock = sock
        self._ssl = ssl
        self._board = board
        self._open: set[asyncio.BaseTransport] = set()
        sock.setblocking(False)
        if board is not None:
            board.claim()
        self._tasks = [loop.create_task(self._accept())]
        if board is not None:
            self._tasks.append(loop.create_task(self._keep_posting(board)))

    @property
    def sockets(self) -> tuple[socket.socket, ...]:
        return (self._sock,)

    def held(self) -> int:
        """Open connections this worker serves (closed ones are forgotten here)."""
        self._open = {t for t in self._open if not t.is_closing()}
        return len(self._open)

    async def _readable(self) -> None:
        ready = self._loop.create_future()
        self._loop.add_reader(self._sock, lambda: ready.done() or ready.set_result(None))
        try:
            await ready
        finally:
            self._loop.remove_reader(self._sock)

    async def _accept(self) -> None:
        while True:
            await self._readable()
            board = self._board
            if board is not None:
                held = self.held()
                board.post(held)
                if board.fewer_elsewhere(held):
                    # for the less busy worker to take it; still there after: this one does
                    await asyncio.sleep(DEFER_S)
            try:
                conn, _ = self._sock.accept()
            except (BlockingIOError, InterruptedError):
                continue  # another worker took it
            except OSError:
                # e.g. ECONNABORTED, or out of file descriptors: wait a moment, go on
                await asyncio.sleep(0.05)
                continue
            conn.setblocking(False)
            try:
                transport, protocol = await self._loop.connect_accepted_socket(
                    self._factory, conn, ssl=self._ssl
                )
            except Exception:
                conn.close()  # the client left during a TLS handshake, or the like
                continue
            self._open.add(transport)
            self._on_close(transport, protocol)
            if board is not None:
                board.post(self.held())

    def _on_close(self, transport: asyncio.BaseTransport, protocol: Any) -> None:
        """Post the count again as soon as the connection closes."""
        lost = protocol.connection_lost

        def connection_lost(exc: Exception | None) -> None:
            try:
                lost(exc)
            finally:
                self._open.discard(transport)
                if self._board is not None:
                    self._board.post(self.held())

        protocol.connection_lost = connection_lost

    async def _keep_posting(self, board: Board) -> None:
        while True:
            await asyncio.sleep(POST_EVERY_S)
            board.post(self.held())

    def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._board is not None:
            self._board.close()  # gone from the board: nobody defers to this worker

    async def wait_closed(self) -> None:
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task


def _balanced(base: type[asyncio.AbstractEventLoop]) -> type[asyncio.AbstractEventLoop]:
    class BalancedLoop(base):  # type: ignore[valid-type,misc]
        """An event loop whose servers on a given socket use the balanced accept loop."""

        async def create_server(  # type: ignore[override]
            self, protocol_factory: Any, host: Any = None, port: Any = None, **kwargs: Any
        ) -> Any:
            sock = kwargs.get("sock")
            if sock is None or host is not None or port is not None:
                return await super().create_server(protocol_factory, host, port, **kwargs)
            board = _open_board(os.environ.get(BOARD_ENV))
            return _BalancedAccept(self, protocol_factory, sock, kwargs.get("ssl"), board)

    return BalancedLoop


def _loop_class() -> type[asyncio.AbstractEventLoop]:
    try:
        import uvloop
    except ImportError:  # uvicorn without its [standard] extras
        return _balanced(asyncio.SelectorEventLoop)
    return _balanced(uvloop.Loop)


def balanced_loop() -> asyncio.AbstractEventLoop:
    """uvicorn's loop factory for the workers (`loop="service.workers:balanced_loop"`)."""
    return _loop_class()()


def listening_socket(host: str, port: int, backlog: int) -> socket.socket:
    """The shared listening socket; a port another program holds fails here (OSError)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve_spread(app: str, options: dict[str, Any]) -> None:
    """`uvicorn.run(app, **options)` for workers > 1, connections balanced over the workers."""
    config = uvicorn.Config(app, **{**options, "loop": "service.workers:balanced_loop"})
    sock = listening_socket(config.host, config.port, config.backlog)
    board = Board.create()
    os.environ[BOARD_ENV] = str(board)  # the workers, spawned from here, open it
    try:
        Multiprocess(config, sockets=[sock]).run()
    finally:
        os.environ.pop(BOARD_ENV, None)
        board.unlink(missing_ok=True)
        sock.close()
