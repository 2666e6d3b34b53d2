"""CheckReport.to_dict: the JSON contract, field for field what dataclasses.asdict gives."""

from __future__ import annotations

from dataclasses import asdict

from models.analyze import Analyzer
from models.report import Category, CheckReport


def _asdict_report(report: CheckReport) -> dict:
    category = None
    if report.category is not None:
        category = {
            "label": report.category.label,
            "name": report.category.name,
            **{k: v for k, v in asdict(report.category).items() if k != "label"},
        }
    return {
        "category": category,
        "news_style": asdict(report.news_style),
        "flags": [asdict(f) for f in report.flags],
        "headlines": [asdict(h) for h in report.headlines],
        "headline_note": report.headline_note,
        "stats": asdict(report.stats),
    }


def test_to_dict_is_asdict_in_the_same_order() -> None:
    report = Analyzer().analyze(
        "某县推进春茶产业",
        "本报讯 今年1-5月，某县新建茶园2.3万亩，同比增长120%，占全省的35%。一是强化服务。",
    )
    category = Category("dynamic", 0.9, {"dynamic": 0.9}, ["茶园"], "v1", False, ["dynamic"])
    for r in (report, CheckReport(category, report.news_style, [], [], report.stats)):
        got, want = r.to_dict(), _asdict_report(r)
        assert got == want
        assert repr(got) == repr(want)  # key order too
    assert report.flags and report.to_dict()["flags"][0] is not report.flags[0]
    category_dict = CheckReport(category, report.news_style, [], [], report.stats).to_dict()
    assert category_dict["category"]["probabilities"] is not category.probabilities
