"""GET /api/v1/queue: filters, sort keys and directions, pagination, the row shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from service.core.db import unit_of_work
from service.tables import Draft, DraftStatus, Solicitation
from tests.factories import login

# name: (unit, status, category, confidence, flags, adoption likelihood, submitted (month, day),
#        solicitation answered)
SEED = {
    "uncertain": ("a", "submitted", "problem", 0.41, {"number": 2}, 0.30, (3, 2), None),
    "sure": ("a", "submitted", "dynamic", 0.95, {}, 0.80, (3, 5), "late"),
    "flagged": (
        "b",
        "submitted",
        "dynamic",
        0.7,
        {"number": 1, "sensitive": 3},
        None,
        (3, 1),
        "on",
    ),
    "special": ("b", "submitted", "special", 0.55, {"news_style": 1}, 0.55, (3, 4), None),
    "no_model": ("a", "submitted", None, None, {"title": 1}, None, (3, 3), None),
    "draft": ("a", "draft", "problem", 0.10, {"number": 9}, 0.99, None, None),
    "returned": ("b", "returned", "problem", 0.20, {}, None, (2, 1), None),
    "passed": ("a", "passed", "dynamic", 0.30, {}, None, (1, 1), None),
}
KINDS = ("news_style", "number", "sensitive", "title")


@dataclass
class Seeded:
    drafts: dict[str, int]  # name -> id
    topics: dict[str, int]


@pytest.fixture
def seeded(app, office) -> Seeded:
    """Drafts written straight into the test database with known numbers."""
    units = {"a": office.unit_a, "b": office.unit_b}
    ids: dict[str, int] = {}
    with unit_of_work(app.state.session_factory) as s:
        topics = {
            # due 3-5 (China time); "late" was submitted 2025-03-05 17:00 UTC = 3-6 01:00 CST
            "late": Solicitation(topic="春耕备耕进展", due_on=date(2025, 3, 5)),
            "on": Solicitation(topic="一季度经济运行", due_on=date(2025, 3, 1)),
        }
        s.add_all(topics.values())
        s.flush()
        for name, (unit, status, cat, conf, flags, likely, day, topic) in SEED.items():
            counts = {k: flags.get(k, 0) for k in KINDS}
            hour = 17 if topic == "late" else 8
            draft = Draft(
                unit_id=units[unit],
                author_id=office.users["officer_a" if unit == "a" else "officer_b"],
                title=f"稿件{name}",
                body="正文",
                status=DraftStatus(status),
                predicted_category=cat,
                confidence=conf,
                flag_counts=counts,
                flags_total=sum(counts.values()),
                adoption_likelihood=likely,
                solicitation_id=topics[topic].id if topic else None,
                submitted_at=datetime(2025, day[0], day[1], hour, tzinfo=UTC) if day else None,
            )
            s.add(draft)
            s.flush()
            ids[name] = draft.id
        return Seeded(ids, {k: t.id for k, t in topics.items()})


def _names(seeded: Seeded, body: dict) -> list[str]:
    back = {v: k for k, v in seeded.drafts.items()}
    return [back[row["id"]] for row in body["data"]]


def test_queue_filters(client, office, seeded) -> None:
    reviewer = login(client, "reviewer")

    def get(query: str = "") -> dict:
        r = client.get(f"/api/v1/queue?{query}", headers=reviewer)
        assert r.status_code == 200, r.text
        return r.json()

    everything = get()
    assert everything["count"] == 5  # submitted only: not draft, returned or passed
    assert set(_names(seeded, everything)) == {
        "uncertain",
        "sure",
        "flagged",
        "special",
        "no_model",
    }
    cases = {
        "category=dynamic": {"sure", "flagged"},
        f"unit_id={office.unit_b}": {"flagged", "special"},
        "min_confidence=0.5&max_confidence=0.9": {"flagged", "special"},
        "max_confidence=0.5": {"uncertain"},
        "flag_kind=number": {"uncertain", "flagged"},
        "flag_kind=title": {"no_model"},
        f"flag_kind=number&unit_id={office.unit_a}&category=problem": {"uncertain"},
        "category=special&flag_kind=number": set(),
        # below models.classify.UNCERTAIN_BELOW (0.7): the model could not decide
        "uncertain=true": {"uncertain", "special"},
        "uncertain=false": {"sure", "flagged"},
    }
    for query, expected in cases.items():
        body = get(query)
        assert set(_names(seeded, body)) == expected, query
        assert body["count"] == len(expected), query
    flags = {_names(seeded, {"data": [r]})[0]: r["uncertain"] for r in everything["data"]}
    assert flags == {
        "uncertain": True,
        "sure": False,
        "flagged": False,
        "special": True,
        "no_model": False,
    }
    late = get(f"solicitation_id={seeded.topics['late']}")
    assert _names(seeded, late) == ["sure"]

    for query, code in [
        ("min_confidence=0.9&max_confidence=0.1", "confidence_range"),
        ("min_confidence=2", "invalid_input"),
        ("category=news", "invalid_input"),
        ("flag_kind=spelling", "invalid_input"),
        ("sort=title", "invalid_input"),
        ("order=up", "invalid_input"),
    ]:
        r = client.get(f"/api/v1/queue?{query}", headers=reviewer)
        assert r.status_code == 422 and r.json()["code"] == code, query
    assert client.get("/api/v1/queue", headers=login(client, "officer_a")).status_code == 403


def test_queue_sorting(client, office, seeded) -> None:
    reviewer = login(client, "reviewer")
    cases = {
        # lowest confidence first surfaces the uncertain ones; no prediction goes last
        "": ["uncertain", "special", "flagged", "sure", "no_model"],
        "sort=confidence&order=desc": ["sure", "flagged", "special", "uncertain", "no_model"],
        "sort=flags_total": ["flagged", "uncertain", "special", "no_model", "sure"],
        "sort=flags.number": ["uncertain", "flagged", "sure", "special", "no_model"],
        "sort=flags.sensitive&order=asc": ["uncertain", "sure", "special", "no_model", "flagged"],
        "sort=age": ["flagged", "uncertain", "no_model", "special", "sure"],  # oldest first
        "sort=age&order=desc": ["sure", "special", "no_model", "uncertain", "flagged"],
        # likeliest adoption first, unknown last (ties in id order)
        "sort=adoption_likelihood": ["sure", "special", "uncertain", "flagged", "no_model"],
        "sort=adoption_likelihood&order=asc": [
            "uncertain",
            "special",
            "sure",
            "flagged",
            "no_model",
        ],
    }
    for query, expected in cases.items():
        body = client.get(f"/api/v1/queue?{query}", headers=reviewer).json()
        assert _names(seeded, body) == expected, query


def test_queue_pagination_and_rows(client, office, seeded) -> None:
    reviewer = login(client, "reviewer")
    pages = [
        client.get(f"/api/v1/queue?limit=2&offset={o}", headers=reviewer).json() for o in (0, 2, 4)
    ]
    assert [p["count"] for p in pages] == [5, 5, 5]
    assert [len(p["data"]) for p in pages] == [2, 2, 1]
    flat = [name for p in pages for name in _names(seeded, p)]
    assert flat == ["uncertain", "special", "flagged", "sure", "no_model"]
    beyond = client.get("/api/v1/queue?offset=50", headers=reviewer).json()
    assert beyond == {"data": [], "count": 5}
    for query in ("limit=0", "limit=201", "offset=-1"):
        assert client.get(f"/api/v1/queue?{query}", headers=reviewer).status_code == 422

    rows = {
        name: row for p in pages for name, row in zip(_names(seeded, p), p["data"], strict=True)
    }
    sure = rows["sure"]
    assert sure["unit_name"] == "云岭县人民政府办公室" and sure["unit_id"] == office.unit_a
    assert sure["title"] == "稿件sure"
    assert (sure["predicted_category"], sure["category_name"]) == ("dynamic", "动态信息")
    assert sure["confidence"] == 0.95 and sure["adoption_likelihood"] == 0.8
    assert sure["flag_counts"] == dict.fromkeys(KINDS, 0) and sure["flags_total"] == 0
    assert sure["submitted_at"].startswith("2025-03-05T17:00")
    assert sure["solicitation"]["topic"] == "春耕备耕进展"
    assert sure["solicitation"]["due_on"] == "2025-03-05"
    assert sure["solicitation"]["overdue"] is True  # 01:00 on 3-6 in China: one day late
    assert rows["flagged"]["solicitation"]["overdue"] is False
    assert rows["flagged"]["flag_counts"]["sensitive"] == 3
    assert rows["special"]["solicitation"] is None
    assert rows["no_model"]["category_name"] is None and rows["no_model"]["confidence"] is None
    assert all(row["last_review_stage"] is None for row in rows.values())
    assert all("body" not in row and "report" not in row for row in rows.values())


def test_title_search_in_the_queue_and_the_draft_list(client, office, seeded) -> None:
    """`title` keeps drafts whose title contains it, literally (no wildcards), both lists."""
    reviewer = login(client, "reviewer")
    with_percent = client.post(
        "/api/v1/drafts",
        json={"title": "完成率100%_Flagged", "body": "全县春耕完成率达百分之百。"},
        headers=login(client, "officer_a"),
    ).json()
    cases = {
        "title=sure": {"sure"},
        "title=稿件": {"uncertain", "sure", "flagged", "special", "no_model"},
        "title=FLAG": {"flagged"},  # Latin letters in any case
        "title=%20special%20": {"special"},  # surrounding spaces do not count
        "title=%25": set(),  # a literal %, not a wildcard (the one with % is not submitted)
        "title=无此标题": set(),
        "title=sure&unit_id=" + str(office.unit_b): set(),
    }
    for query, expected in cases.items():
        body = client.get(f"/api/v1/queue?{query}", headers=reviewer).json()
        assert set(_names(seeded, body)) == expected, query
        assert body["count"] == len(expected), query
    assert client.get("/api/v1/queue?title=" + "长" * 101, headers=reviewer).status_code == 422

    drafts = client.get("/api/v1/drafts?title=%25_", headers=reviewer).json()
    assert [d["id"] for d in drafts["data"]] == [with_percent["id"]]
    drafts = client.get("/api/v1/drafts?title=draft&status=draft", headers=reviewer).json()
    assert [d["id"] for d in drafts["data"]] == [seeded.drafts["draft"]]
    officer_b = login(client, "officer_b")  # an officer still sees only the own unit
    assert client.get("/api/v1/drafts?title=sure", headers=officer_b).json()["count"] == 0
