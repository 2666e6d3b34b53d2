"""The document-level news-style verdict: marker weights combined with a trained model.

Markers (models/rules/data/news_style.yml) say *where* a draft reads like a press release; the
model (news texts vs information drafts, trained on the corpus) says how the whole draft reads.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from sklearn.pipeline import Pipeline

from models.joint import Row, row_proba
from models.report import Flag, NewsStyle
from models.rules.engine import RuleSet
from models.vectorizer import linear_proba, transform_one

MODEL_SHARE = 0.6
MARKER_SCALE = 4.0  # summed weight at which the marker part reaches 1 - 1/e
# chosen with group CV on the corpus and the real dev set (training/eval/SCORECARD.md)
THRESHOLD = 0.35
PER_RULE_CAP = 2  # a rule counts at most twice: ten "来到" are one habit, not ten
# Without phrase evidence (a marker of weight >= EVIDENCE_WEIGHT) only a model probability of at
# least MODEL_ALONE makes a draft news: on real text the model alone called plain information
# pieces news at 0.41–0.51 (issue 9).
EVIDENCE_WEIGHT = 1.0
MODEL_ALONE = 0.9


def marker_score(flags: Iterable[Flag], rules: RuleSet) -> float:
    counts = Counter(f.rule for f in flags if f.rule in rules.by_id)
    total = sum(rules.by_id[r].weight * min(n, PER_RULE_CAP) for r, n in counts.items())
    return 1.0 - math.exp(-total / MARKER_SCALE)


def has_evidence(flags: Iterable[Flag], rules: RuleSet) -> bool:
    """At least one phrase marker that counts as evidence on its own (not furniture or praise)."""
    return any(
        f.rule in rules.by_id and rules.by_id[f.rule].weight >= EVIDENCE_WEIGHT for f in flags
    )


def combine(model_probability: float | None, markers: float, evidence: bool = True) -> NewsStyle:
    if model_probability is None:
        score = markers
    else:
        score = MODEL_SHARE * model_probability + (1 - MODEL_SHARE) * markers
    alone = model_probability is not None and model_probability >= MODEL_ALONE
    return NewsStyle(score=round(score, 4), verdict=score >= THRESHOLD and (evidence or alone))


class NewsStyleModel:
    """A fitted pipeline (classifier_text -> P(news))."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._news = list(pipeline.classes_).index("news")
        self.vectorizer = pipeline.named_steps["features"]

    def probability(self, text: str) -> float:
        return float(self.pipeline.predict_proba([text])[0][self._news])

    def probability_grams(self, grams: list[str]) -> float:
        """Same as `probability`, on grams already analyzed for the category model."""
        vectorizer, model = (
            self.pipeline.named_steps["features"],
            self.pipeline.named_steps["model"],
        )
        return float(linear_proba(model, transform_one(vectorizer, grams))[self._news])

    def probability_row(self, row: Row) -> float:
        """Same as `probability`, on the row models.joint built with the category model's."""
        return float(row_proba(self.pipeline.named_steps["model"], row)[self._news])
