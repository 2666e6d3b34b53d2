"""How a long computation reports progress: a fraction in [0, 1] and a Chinese message."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


def no_progress(_: float, __: str) -> None:
    """The default reporter: report nothing."""
