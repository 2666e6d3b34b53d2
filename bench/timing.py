"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np


def sample(fn: Callable[[], object], repeat: int = 50, warmup: int = 3) -> dict[str, float]:
    """Median and p99 wall time of fn() in milliseconds."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    arr = np.array(times)
    return {
        "p50_ms": round(float(np.median(arr)), 3),
        "p99_ms": round(float(np.percentile(arr, 99)), 3),
    }
