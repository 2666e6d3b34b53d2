"""The scoreboard (积分排行), its .xlsx export (月通报) and the 稿酬 report."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Response

from service.api.deps import OfficerUser, SessionDep
from service.api.params import DateQuery
from service.schemas.scoreboard import PeriodKind, RemunerationPublic, ScoreboardPublic, ScoreBy
from service.services import scoreboard
from service.services.office_time import local_today
from service.services.scoreboard_xlsx import title, workbook_bytes

router = APIRouter(prefix="/api/v1", tags=["scoring"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/scores", response_model=ScoreboardPublic)
def scores(
    session: SessionDep,
    user: OfficerUser,
    period: PeriodKind = "month",
    day: DateQuery = None,
    by: ScoreBy = "unit",
) -> dict:
    """Points, counts, adoption rate, 批示, rank and change by unit (or officer) for a period."""
    return scoreboard.scoreboard(session, period, day or local_today(), by=by, viewer=user)


@router.get(
    "/scores.xlsx",
    response_class=Response,
    responses={
        200: {
            "description": "积分排行 .xlsx（月通报表格）",
            "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def scores_xlsx(
    session: SessionDep,
    user: OfficerUser,
    period: PeriodKind = "month",
    day: DateQuery = None,
    by: ScoreBy = "unit",
) -> Response:
    """The scoreboard as an .xlsx workbook (the 月通报 table)."""
    board = scoreboard.scoreboard(session, period, day or local_today(), by=by, viewer=user)
    filename = quote(title(board) + ".xlsx")
    return Response(
        workbook_bytes(board),
        media_type=XLSX,
        headers={
            "Content-Disposition": f"attachment; filename=scores.xlsx; filename*=UTF-8''{filename}"
        },
    )


@router.get("/scores/remuneration", response_model=RemunerationPublic)
def remuneration(
    session: SessionDep,
    user: OfficerUser,
    period: PeriodKind = "month",
    day: DateQuery = None,
    by: ScoreBy = "unit",
) -> dict:
    """稿酬 per unit (or officer): adoptions by the adopting outlet's level, amounts per rules."""
    return scoreboard.remuneration_report(session, period, day or local_today(), by=by, viewer=user)
