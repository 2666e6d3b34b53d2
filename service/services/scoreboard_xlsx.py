"""The scoreboard as an .xlsx workbook: the 月通报 table with Chinese headers.

Row 1 is the title (e.g. “2025年3月政务信息积分通报”), row 2 the headers, then one row per
unit (or officer) in rank order.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from service.core.textrules import spreadsheet_cell

UNIT_COLUMNS: list[tuple[str, str]] = [
    ("rank", "排名"),
    ("unit_name", "单位"),
    ("submitted", "报送数"),
    ("adopted", "采用篇数"),
    ("adoptions", "采用条次"),
    ("adoption_rate", "采用率"),
    ("instructions", "批示数"),
    ("adoption_points", "采用得分"),
    ("instruction_points", "批示得分"),
    ("base_points", "基础分"),
    ("penalty_points", "约稿扣分"),
    ("points", "总积分"),
    ("points_change", "较上期"),
    ("rank_change", "名次变化"),
]
OFFICER_COLUMNS: list[tuple[str, str]] = [
    ("rank", "排名"),
    ("user_name", "信息员"),
    ("unit_name", "单位"),
    ("submitted", "报送数"),
    ("adopted", "采用篇数"),
    ("adoptions", "采用条次"),
    ("adoption_rate", "采用率"),
    ("instructions", "批示数"),
    ("adoption_points", "采用得分"),
    ("instruction_points", "批示得分"),
    ("points", "总积分"),
    ("points_change", "较上期"),
    ("rank_change", "名次变化"),
]


def title(board: dict[str, Any]) -> str:
    who = "信息员" if board["by"] == "officer" else ""
    return f"{board['period']['label']}政务信息{who}积分通报"


def workbook_bytes(board: dict[str, Any]) -> bytes:
    columns = OFFICER_COLUMNS if board["by"] == "officer" else UNIT_COLUMNS
    wb = Workbook()
    ws = wb.active
    ws.title = "积分通报"
    ws.append([spreadsheet_cell(title(board))])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([header for _, header in columns])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in board["data"]:
        ws.append([spreadsheet_cell(row.get(key)) for key, _ in columns])
    rate_col = [key for key, _ in columns].index("adoption_rate") + 1
    for (cell,) in ws.iter_rows(min_row=3, min_col=rate_col, max_col=rate_col):
        cell.number_format = "0.0%"
    for i, (key, _) in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = 28 if key.endswith("name") else 10
    ws.freeze_panes = "A3"
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
