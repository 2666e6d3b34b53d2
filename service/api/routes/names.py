"""Display names for clients: the Chinese word for every value the service sends or accepts."""

from __future__ import annotations

from fastapi import APIRouter, Response

from service.display_names import served

router = APIRouter(prefix="/api/v1", tags=["office"])


@router.get("/names", response_model=dict[str, dict[str, str]])
def names(response: Response) -> dict[str, dict[str, str]]:
    """Tables by name (`roles`, `statuses`, `flag_kinds`, ...), each value → its Chinese name.
    No sign-in needed: nothing secret; they change only with a new release."""
    response.headers["Cache-Control"] = "public, max-age=600"
    return served()
