"""One way for a process to follow the database: a value rebuilt when a fingerprint changes.

The active model of a kind, the admin dictionaries and the leaders' table are each built once
per change and shared by the process's requests. Every `poll_seconds` (and at every call while
there is no value yet) one cheap query reads the fingerprint (the active version's name and
time, or the dictionaries' version counters); when it differs from the one the value was built
from, the value is built again. So every process picks up an activation, a rollback or an
edited dictionary within `poll_seconds`, without a restart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")


class Polled(Generic[T]):
    """`build(session, fingerprint)` re-run whenever `fingerprint(session)` changes."""

    def __init__(
        self,
        fingerprint: Callable[[Session], Hashable],
        build: Callable[[Session, Hashable], T],
        *,
        factory: sessionmaker[Session] | None = None,
        poll_seconds: float = 5.0,
        empty: T,
    ) -> None:
        self._fingerprint = fingerprint
        self._build = build
        self._factory = factory
        self._poll = poll_seconds
        self._empty = empty
        self._lock = threading.Lock()
        self._value: T = empty
        self._print: Hashable = None
        self._checked = float("-inf")

    def get(self, session: Session | None = None) -> T:
        """The value, checked against the database when the poll interval has passed (or
        there is no value yet). With `session`, the check runs in the caller's session."""
        if time.monotonic() - self._checked >= self._poll or self._value is self._empty:
            self.refresh(session)
        return self._value

    def refresh(self, session: Session | None = None) -> None:
        with self._lock:
            if session is not None:
                self._follow(session)
            else:
                assert self._factory is not None, "a Polled without a factory needs a session"
                with self._factory() as own:
                    self._follow(own)
            self._checked = time.monotonic()

    def _follow(self, session: Session) -> None:
        current = self._fingerprint(session)
        if current != self._print:
            self._value = self._build(session, current)
            self._print = current

    @property
    def loaded(self) -> bool:
        return self._value is not self._empty
