"""Test data written through the service layer into the real test database."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.testclient import TestClient

from service.core.db import unit_of_work
from service.services.accounts import create_unit, create_user
from service.tables import Role

PASSWORD = "correct-horse-1"


@dataclass
class Office:
    unit_a: int
    unit_b: int
    users: dict[str, int]


def build_office(factory) -> Office:
    with unit_of_work(factory) as s:
        a = create_unit(s, "云岭县人民政府办公室", "county")
        b = create_unit(s, "桐溪县人民政府办公室", "county")
        users = {
            "officer_a": create_user(
                s, username="officer_a", password=PASSWORD, role=Role.officer, unit_id=a.id
            ).id,
            "officer_b": create_user(
                s, username="officer_b", password=PASSWORD, role=Role.officer, unit_id=b.id
            ).id,
            "reviewer": create_user(
                s, username="reviewer", password=PASSWORD, role=Role.reviewer
            ).id,
            "admin": create_user(s, username="admin", password=PASSWORD, role=Role.admin).id,
        }
        return Office(a.id, b.id, users)


def login(client: TestClient, username: str, password: str = PASSWORD) -> dict[str, str]:
    r = client.post("/api/v1/auth/token", data={"username": username, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}
