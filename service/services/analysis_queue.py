"""One analysis at a time per API process, first come first served, with a bounded queue.

The analysis is CPU-bound Python: two checks running in two threads of one process do not run
twice as fast, they take turns on the GIL, so every check in flight finishes late (16
concurrent checks in one worker each took ~16 checks' time: p99 1 s at 16 clients). One
analysis thread per process runs them in arrival order instead, so a check waits only for
those before it, and the event loop (which parses requests, answers /healthz and sends the
answers) competes with one thread instead of forty. Processes (`serve --workers N`) give the
parallelism.

At most `limit` checks wait or run per process; one more is refused at once with 503 `busy`
and Retry-After rather than queued behind seconds of work (the client, or the UI, retries).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from service.core.errors import Busy

T = TypeVar("T")


class AnalysisQueue:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis")
        self._lock = threading.Lock()
        self._pending = 0  # submitted and not yet finished (or cancelled while waiting)

    @property
    def pending(self) -> int:
        return self._pending

    async def run(self, job: Callable[[], T]) -> T:
        """Run `job` on the analysis thread after the jobs before it; `Busy` when full."""
        with self._lock:
            if self._pending >= self.limit:
                raise Busy()
            self._pending += 1
        try:
            future = self._executor.submit(job)
        except BaseException:
            self._done(None)
            raise
        # counted down when the job ends, or when it is cancelled before it starts (a client
        # that hung up): the count never leaks, whichever thread finishes the future
        future.add_done_callback(self._done)
        return await asyncio.wrap_future(future)

    def _done(self, _: Future[object] | None) -> None:
        with self._lock:
            self._pending -= 1

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
