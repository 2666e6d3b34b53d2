"""Near-duplicate drafts: indexed on save, found across units, shown with a label."""

from __future__ import annotations

from tests.factories import login

BODY = (
    "今年以来，青禾镇聚焦农村人居环境整治，累计清理村内沟渠86公里，拆除危旧房屋120间，"
    "新建公厕14座，农村生活垃圾集中收运处理率达到98%。\n一是压实责任，镇村两级签订责任书；"
    "二是建立积分制度，农户参与率达83%；三是引入第三方保洁，实现村庄保洁全覆盖。"
)
OTHER = (
    "截至6月底，南岭县城镇新增就业3200人，完成年度目标的58%。县人社局开展线上招聘会12场，"
    "发放创业担保贷款1.6亿元，帮扶就业困难人员再就业420人，零就业家庭动态清零。"
)


def _create(client, headers, title: str, body: str) -> int:
    r = client.post("/api/v1/drafts", json={"title": title, "body": body}, headers=headers)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_similar_drafts_across_units(client, office) -> None:
    a, b = login(client, "officer_a"), login(client, "officer_b")
    reviewer = login(client, "reviewer")
    first = _create(client, a, "青禾镇整治农村人居环境", BODY)
    _create(client, a, "南岭县新增就业3200人", OTHER)
    # another unit sends nearly the same piece: a word changed and a clause dropped
    near = BODY.replace("86公里", "90公里").replace("，实现村庄保洁全覆盖", "")
    second = _create(client, b, "青禾镇人居环境整治见成效", near)
    r = client.get(f"/api/v1/drafts/{second}/similar", headers=reviewer)
    assert r.status_code == 200, r.text
    found = r.json()["data"]
    assert [x["draft_id"] for x in found] == [first]
    assert found[0]["similarity"] >= 0.7
    assert found[0]["label"].startswith(f"与 #{first}（云岭县人民政府办公室，")
    assert found[0]["label"].endswith("%")
    # an edit that makes the first draft different takes it out of the index
    r = client.patch(
        f"/api/v1/drafts/{first}", json={"body": OTHER + "另开展技能培训。"}, headers=a
    )
    assert r.status_code == 200, r.text
    found = client.get(f"/api/v1/drafts/{second}/similar", headers=reviewer).json()["data"]
    assert first not in [x["draft_id"] for x in found]
    # officers do not see other units' drafts through this door
    assert client.get(f"/api/v1/drafts/{second}/similar", headers=b).status_code == 403
