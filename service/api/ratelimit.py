"""Per-client rate limit for the costly endpoints (analysis): a token bucket per client.

A client is a signed-in user (`user:<id>`) or, without a token, the connecting address
(`ip:<host>`); anonymous clients get the smaller budget. Buckets live in the process: with
several API processes each one limits on its own, which is what a guard against one client
starving a worker needs (no state another process needs).
"""

from __future__ import annotations

import math
import threading
import time
from typing import Annotated

from fastapi import Depends, Request

from service.api.deps import OptionalUser, SettingsDep, TokenDep, claims_of
from service.core.config import Settings
from service.core.errors import RateLimited
from service.core.security import TokenClaims

_MAX_CLIENTS = 10_000  # idle buckets are dropped beyond this many clients


class TokenBuckets:
    """`take(key, per_minute)`: 0.0 when allowed, else the seconds until a token is free."""

    def __init__(self, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last time)

    def take(self, key: str, per_minute: int) -> float:
        if per_minute <= 0:
            return 0.0  # 0 switches the limit off
        rate = per_minute / 60.0
        with self._lock:
            now = self._clock()
            tokens, last = self._buckets.get(key, (float(per_minute), now))
            tokens = min(float(per_minute), tokens + (now - last) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / rate

    def _prune(self, now: float) -> None:
        if len(self._buckets) <= _MAX_CLIENTS:
            return
        # a bucket idle for a minute is full again: forgetting it changes nothing
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < 60.0}


def limit_analysis(request: Request, settings: SettingsDep, user: OptionalUser) -> None:
    """Dependency for endpoints that run the analysis: 429 `rate_limited` over the budget."""
    _take(request, settings, user.id if user is not None else None)


async def limited_claims(request: Request, token: TokenDep) -> TokenClaims | None:
    """The check endpoints' one dependency: the caller's verified token claims, charged to the
    same budget, keyed by the signed token's user id (the user row is read later, on the
    analysis thread), on the event loop: no thread, no session. One dependency where there
    were four (settings, claims, the limit, the token): FastAPI's solving was about a third
    of the check's cost outside the analysis."""
    settings: Settings = request.app.state.settings
    claims = claims_of(token, settings) if token else None
    _take(request, settings, claims.user_id if claims is not None else None)
    return claims


def _take(request: Request, settings: Settings, user_id: int | None) -> None:
    if user_id is not None:
        key, per_minute = f"user:{user_id}", settings.rate_limit_user_per_minute
    else:
        host = request.client.host if request.client else "unknown"
        key, per_minute = f"ip:{host}", settings.rate_limit_anonymous_per_minute
    wait = request.app.state.rate_limits.take(key, per_minute)
    if wait > 0:
        raise RateLimited(retry_after=math.ceil(wait))


AnalysisLimit = Annotated[None, Depends(limit_analysis)]
LimitedClaims = Annotated[TokenClaims | None, Depends(limited_claims)]
