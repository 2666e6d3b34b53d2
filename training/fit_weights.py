"""The one fit behind the headline weight files (ranker.json, problem_topics.json): a logistic
regression on dict features, its weights written as {name: weight} with "_bias"."""

from __future__ import annotations

import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression


def fit_weights(
    X: list[dict[str, float]],
    y: list[int],
    *,
    C: float,
    max_iter: int,
    path: Path,
    fitted_on: str,
) -> None:
    """Fit, write the weights to `path` and say how many candidates it learnt from."""
    vec = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=max_iter).fit(vec.fit_transform(X), y)
    weights = {
        name: round(float(w), 4) for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)
    }
    weights["_bias"] = round(float(model.intercept_[0]), 4)
    path.write_text(
        json.dumps(
            {
                "fitted_on": fitted_on,
                "candidates": len(y),
                "positives": sum(y),
                "C": C,
                "weights": dict(sorted(weights.items())),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(y)} candidates, {sum(y)} positive; weights -> {path}")
