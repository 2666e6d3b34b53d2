"""Unit isolation on every route an officer may call: another unit's data stays out of reach.

Beside the role matrix (test_auth_matrix.py): ISOLATION lists every officer-level route, with
either a probe or the reason the route holds no unit's data. A probe runs as officer_a (unit A,
who owns the data: must reach it, so the probe cannot pass by seeing nothing) and as officer_b
(unit B: must not; another unit's draft answers 404, like a missing one). officer_b goes first,
so a refused write could not have changed what officer_a then sees. The first test fails when
an officer route is added without an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from openpyxl import load_workbook

from tests.docs import make_docx
from tests.factories import Office, login
from tests.service.scoring_support import make_draft, setup_scoring
from tests.service.test_auth_matrix import ACCESS

TITLE = "云岭县三举措推进春茶产业提质增效"
BODY = "今年以来，云岭县围绕春茶产业采取三项举措推进提质增效，一季度线上销售额同比增长35%。"
FLAGGED = "201X年，" + BODY  # one flag (number.placeholder.year) to dismiss
MONTH = "period=month&date=2025-03-01&by=officer"


@dataclass
class World:
    client: object
    office: Office
    headers: dict[str, dict[str, str]]
    passed: int  # unit A's passed draft, adopted and instructed on in March 2025
    solicitation: int  # asked of unit A only

    def new_draft(self) -> int:
        """A fresh editable draft of unit A (writes get their own, so one cannot spoil the next)."""
        r = self.client.post(  # type: ignore[attr-defined]
            "/api/v1/drafts",
            json={"title": TITLE, "body": FLAGGED},
            headers=self.headers["officer_a"],
        )
        assert r.status_code == 201, r.text
        return r.json()["id"]


def _not_found(r, code: str = "draft_not_found") -> bool:
    """False when refused as missing; True when the call got through."""
    if r.status_code == 404:
        assert r.json()["code"] == code, r.text
        return False
    assert r.status_code < 300, r.text
    return True


def _draft_call(method: str, suffix: str = "", body: dict | None = None) -> Callable:
    def probe(w: World, who: str) -> bool:
        did = w.new_draft() if method != "GET" else w.passed
        r = w.client.request(  # type: ignore[attr-defined]
            method, f"/api/v1/drafts/{did}{suffix}", json=body, headers=w.headers[who]
        )
        return _not_found(r)

    return probe


def _created(r) -> bool:
    """True on 201; False on 403 `unit_not_allowed`."""
    if r.status_code == 403:
        assert r.json()["code"] == "unit_not_allowed", r.text
        return False
    assert r.status_code == 201, r.text
    return True


def _create_for_unit_a(w: World, who: str) -> bool:
    body = {"title": TITLE, "body": BODY, "unit_id": w.office.unit_a}
    return _created(w.client.post("/api/v1/drafts", json=body, headers=w.headers[who]))  # type: ignore[attr-defined]


def _upload_for_unit_a(w: World, who: str) -> bool:
    r = w.client.post(  # type: ignore[attr-defined]
        "/api/v1/drafts/docx",
        files={"file": ("稿件.docx", make_docx(TITLE, [BODY]))},
        data={"unit_id": str(w.office.unit_a)},
        headers=w.headers[who],
    )
    return _created(r)


def _listed(path: str, key: str, value: Callable[[World], int]) -> Callable:
    """A listing filtered to unit A: does unit A's item come back?"""

    def probe(w: World, who: str) -> bool:
        r = w.client.get(path.format(unit=w.office.unit_a), headers=w.headers[who])  # type: ignore[attr-defined]
        assert r.status_code == 200, r.text
        return value(w) in [row[key] for row in r.json()["data"]]

    return probe


def _by_id(path: str, value: Callable[[World], int], code: str) -> Callable:
    def probe(w: World, who: str) -> bool:
        r = w.client.get(path.format(value(w)), headers=w.headers[who])  # type: ignore[attr-defined]
        return _not_found(r, code)

    return probe


def _workbook_names(w: World, who: str) -> bool:
    r = w.client.get(f"/api/v1/scores.xlsx?{MONTH}", headers=w.headers[who])  # type: ignore[attr-defined]
    assert r.status_code == 200
    cells = {v for row in load_workbook(BytesIO(r.content)).active.iter_rows(values_only=True)
             for v in row}  # fmt: skip
    return "officer_a" in cells


def _passed(w: World) -> int:
    return w.passed


def _unit_a(w: World) -> int:
    return w.office.unit_a


NO_UNIT_DATA = "no unit's data"
ISOLATION: dict[tuple[str, str], Callable[[World, str], bool] | str] = {
    ("GET", "/api/v1/me"): "the caller's own account",
    ("POST", "/api/v1/me/password"): "the caller's own account",
    ("POST", "/api/v1/auth/logout"): "the caller's own account",
    ("GET", "/api/v1/units"): "the list of units is reference data every officer picks from",
    ("GET", "/api/v1/outlets"): NO_UNIT_DATA,
    ("GET", "/api/v1/outlets/{outlet_id}"): NO_UNIT_DATA,
    ("GET", "/api/v1/scoring-rules/in-force"): NO_UNIT_DATA,
    ("GET", "/api/v1/scores"): _listed(f"/api/v1/scores?{MONTH}", "unit_id", _unit_a),
    ("GET", "/api/v1/scores/remuneration"): _listed(
        f"/api/v1/scores/remuneration?{MONTH}", "unit_id", _unit_a
    ),
    ("GET", "/api/v1/scores.xlsx"): _workbook_names,
    ("POST", "/api/v1/drafts"): _create_for_unit_a,
    ("POST", "/api/v1/drafts/docx"): _upload_for_unit_a,
    ("GET", "/api/v1/drafts"): _listed("/api/v1/drafts?unit_id={unit}", "id", _passed),
    ("GET", "/api/v1/drafts/{draft_id}"): _draft_call("GET"),
    ("PATCH", "/api/v1/drafts/{draft_id}"): _draft_call("PATCH", "", {"body": BODY + "（修改）"}),
    ("POST", "/api/v1/drafts/{draft_id}/submit"): _draft_call("POST", "/submit"),
    ("GET", "/api/v1/drafts/{draft_id}/reviews"): _draft_call("GET", "/reviews"),
    ("POST", "/api/v1/drafts/{draft_id}/dismissals"): _draft_call(
        "POST",
        "/dismissals",
        {"rule": "number.placeholder.year", "text": "201X年", "reason": "引文原样"},
    ),
    ("GET", "/api/v1/drafts/{draft_id}/history"): _draft_call("GET", "/history"),
    ("GET", "/api/v1/drafts/{draft_id}/adoptions"): _draft_call("GET", "/adoptions"),
    ("GET", "/api/v1/drafts/{draft_id}/instructions"): _draft_call("GET", "/instructions"),
    ("GET", "/api/v1/adoptions"): _listed("/api/v1/adoptions?unit_id={unit}", "draft_id", _passed),
    ("GET", "/api/v1/solicitations"): _listed(
        "/api/v1/solicitations", "id", lambda w: w.solicitation
    ),
    ("GET", "/api/v1/solicitations/{solicitation_id}"): _by_id(
        "/api/v1/solicitations/{}", lambda w: w.solicitation, "solicitation_not_found"
    ),
}


def test_every_officer_route_is_in_the_table() -> None:
    officer_routes = {route for route, minimum in ACCESS.items() if minimum == "officer"}
    assert officer_routes == set(ISOLATION)


def test_officers_reach_only_their_own_unit(client, app, office) -> None:
    sc = setup_scoring(app, office.users["admin"])
    headers = {name: login(client, name) for name in ("officer_a", "officer_b", "reviewer")}
    passed = make_draft(app, office.unit_a, office.users["officer_a"])
    adopt = {"outlet_id": sc.outlets["city"], "adopted_on": "2025-03-05"}
    r = client.post(f"/api/v1/drafts/{passed}/adoptions", json=adopt, headers=headers["reviewer"])
    assert r.status_code == 201, r.text
    instruct = {"leader_level": "county", "instructed_on": "2025-03-06", "text": "很好"}
    r = client.post(
        f"/api/v1/drafts/{passed}/instructions", json=instruct, headers=headers["reviewer"]
    )
    assert r.status_code == 201, r.text
    ask = {"topic": "春耕备耕进展", "due_on": "2025-03-15", "unit_ids": [office.unit_a]}
    r = client.post("/api/v1/solicitations", json=ask, headers=headers["reviewer"])
    assert r.status_code == 201, r.text
    world = World(client, office, headers, passed, r.json()["id"])

    for route, probe in ISOLATION.items():
        if isinstance(probe, str):
            continue
        assert probe(world, "officer_b") is False, ("officer_b reached unit A", route)
        assert probe(world, "officer_a") is True, ("officer_a missed unit A", route)
