"""The adoption model as served: the facts it reads about a draft and P(adopted) from them.

Trained in training.likelihood (what an outcome is, the fit, the measurements). A stored
adoption model is a bundle {"pipeline", "features", "units", "prior"}: the pipeline reads
FEATURES, computed from a draft's Facts and its unit's outcome counts at training time
(`units`, shrunk towards the office-wide rate `prior` by PRIOR_WEIGHT drafts), so scoring a
draft needs no query. Facts come from columns the workflow stores; nothing is re-analysed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.pipeline import Pipeline

# a draft that passed this long ago without an adoption counts as not adopted
SETTLE_DAYS = 30
PRIOR_WEIGHT = 10.0
FLAG_KINDS = ("news_style", "number", "sensitive", "title")
FEATURES = (
    "category.dynamic",
    "category.problem",
    "category.special",
    "confidence",
    *(f"log_flags.{k}" for k in FLAG_KINDS),
    "log_flags_total",
    "log_body_chars",
    "log_title_chars",
    "news_score",
    "solicited",
    "unit_rate",
    "log_unit_decided",
)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the model reads about one draft."""

    unit_id: int
    category: str | None
    confidence: float | None
    flag_counts: dict[str, int]
    flags_total: int
    body_chars: int
    title_chars: int
    news_score: float | None
    solicited: bool


def facts_from_row(row: Any) -> Facts:
    """A row of repositories.training (outcomes / submitted_facts)."""
    return Facts(
        unit_id=row.unit_id,
        category=row.confirmed_category or row.predicted_category,
        confidence=row.confidence,
        flag_counts=dict(row.flag_counts or {}),
        flags_total=int(row.flags_total or 0),
        body_chars=int(row.body_chars or 0),
        title_chars=int(row.title_chars or 0),
        news_score=row.news_score,
        solicited=row.solicitation_id is not None,
    )


def facts_of_draft(draft: Any) -> Facts:
    """A Draft as the workflow holds it (after its check report and flag counts are set)."""
    news = (draft.report or {}).get("news_style") or {}
    return Facts(
        unit_id=draft.unit_id,
        category=draft.confirmed_category or draft.predicted_category,
        confidence=draft.confidence,
        flag_counts=dict(draft.flag_counts or {}),
        flags_total=int(draft.flags_total or 0),
        body_chars=len(draft.body or ""),
        title_chars=len(draft.title or ""),
        news_score=news.get("score"),
        solicited=draft.solicitation_id is not None,
    )


class UnitRecord:
    """Adopted and decided drafts per unit; a unit's rate is shrunk towards the prior."""

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self.adopted: dict[int, int] = {}
        self.decided: dict[int, int] = {}

    def add(self, unit_id: int, adopted: bool) -> None:
        self.decided[unit_id] = self.decided.get(unit_id, 0) + 1
        self.adopted[unit_id] = self.adopted.get(unit_id, 0) + int(adopted)

    def rate(self, unit_id: int) -> float:
        a, n = self.adopted.get(unit_id, 0), self.decided.get(unit_id, 0)
        return (a + PRIOR_WEIGHT * self.prior) / (n + PRIOR_WEIGHT)

    def features(self, facts: Facts) -> list[float]:
        f, counts = facts, facts.flag_counts
        return [
            float(f.category == "dynamic"),
            float(f.category == "problem"),
            float(f.category == "special"),
            float(f.confidence or 0.0),
            *(math.log1p(max(0, int(counts.get(k, 0)))) for k in FLAG_KINDS),
            math.log1p(max(0, f.flags_total)),
            math.log1p(max(0, f.body_chars)),
            math.log1p(max(0, f.title_chars)),
            float(f.news_score or 0.0),
            float(f.solicited),
            self.rate(f.unit_id),
            math.log1p(self.decided.get(f.unit_id, 0)),
        ]

    def table(self) -> np.ndarray:
        units = sorted(self.decided)
        return np.array([[u, self.adopted[u], self.decided[u]] for u in units], dtype=np.int64)

    @classmethod
    def from_table(cls, table: np.ndarray, prior: float) -> UnitRecord:
        record = cls(prior)
        for unit_id, adopted, decided in table.tolist():
            record.adopted[unit_id], record.decided[unit_id] = adopted, decided
        return record


class AdoptionModel:
    """A stored adoption model: the pipeline plus the units' outcome counts it was trained on."""

    def __init__(self, bundle: dict[str, Any], version: str) -> None:
        self.pipeline: Pipeline = bundle["pipeline"]
        self.features = tuple(str(f) for f in bundle["features"])
        self.units = UnitRecord.from_table(np.asarray(bundle["units"]), float(bundle["prior"]))
        self.version = version

    def probabilities(self, facts: Sequence[Facts]) -> np.ndarray:
        if not facts:
            return np.zeros(0)
        x = np.array([self.units.features(f) for f in facts], dtype=np.float64)
        p: np.ndarray = self.pipeline.predict_proba(x)[:, 1]
        return p


def score_adoption(model: AdoptionModel | None, draft: Any) -> float | None:
    """P(adopted) for one draft, or None when no adoption model is active."""
    if model is None:
        return None
    return round(float(model.probabilities([facts_of_draft(draft)])[0]), 4)
