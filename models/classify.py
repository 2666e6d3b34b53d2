"""Category classifier: dynamic / problem / special, with probabilities and evidence.

Input to the pipeline is a DataFrame with the space-joined tokens of the title and the body
(`classifier_frame`), so tokens are computed once per draft and stored drafts are never
tokenized again when retraining.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer

from models.report import LABELS, Category
from models.text import Document
from models.tokenize import word_ngrams

SEED = 20261123
_PUNCT = set("，。；：、！？（）“”‘’《》〈〉【】「」『』…—·,.;:!?()[]\"' ")


def content_tokens(words: Sequence[str]) -> str:
    """Join tokens for the classifier: punctuation out, digits folded to one shape."""
    kept = []
    for w in words:
        if w in _PUNCT:
            continue
        kept.append("<num>" if any(c.isdigit() for c in w) else w)
    return " ".join(kept)


def classifier_frame(titles: Sequence[str], bodies: Sequence[str]) -> pd.DataFrame:
    """Build the pipeline's input from already-joined token strings."""
    return pd.DataFrame({"title": list(titles), "body": list(bodies)})


def document_frame(doc: Document) -> pd.DataFrame:
    return classifier_frame([content_tokens(doc.title.words)], [content_tokens(doc.body.words)])


def length_features(frame: pd.DataFrame) -> np.ndarray:
    """Size of the body in tokens (log scale): special reports are long, dynamics short."""
    counts = frame["body"].str.count(" ").to_numpy(dtype=float) + 1.0
    return np.column_stack([np.log1p(counts) / 8.0])


def build_pipeline(c: float = 8.0) -> Pipeline:
    features = ColumnTransformer(
        [
            (
                "body",
                TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=2, max_df=0.9),
                "body",
            ),
            ("title", TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True, min_df=1), "title"),
            (
                "length",
                FunctionTransformer(length_features, feature_names_out="one-to-one"),
                ["body"],
            ),
        ],
        sparse_threshold=1.0,
    )
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced", random_state=SEED)
    return Pipeline([("features", features), ("model", model)])


def _evidence(pipeline: Pipeline, frame: pd.DataFrame, class_index: int, k: int = 6) -> list[str]:
    features: ColumnTransformer = pipeline.named_steps["features"]
    model: LogisticRegression = pipeline.named_steps["model"]
    row = features.transform(frame).tocsr()
    coef = model.coef_[class_index]
    contrib = row.multiply(coef).tocsr()
    if contrib.nnz == 0:
        return []
    order = np.argsort(-contrib.data)
    names = _feature_names(pipeline)
    out: list[str] = []
    for i in order:
        if contrib.data[i] <= 0 or len(out) >= k:
            break
        source, _, name = names[contrib.indices[i]].partition("__")
        name = name.replace("_", "")
        if source != "length" and name and "<num>" not in name and name not in out:
            out.append(name)
    return out


def _feature_names(pipeline: Pipeline) -> np.ndarray:
    cached = getattr(pipeline, "_govbrief_names", None)
    if cached is None:
        cached = pipeline.named_steps["features"].get_feature_names_out()
        pipeline._govbrief_names = cached  # not persisted: rebuilt after load
    return cached


class CategoryModel:
    """A fitted pipeline plus its version name."""

    def __init__(self, pipeline: Pipeline, version: str) -> None:
        self.pipeline = pipeline
        self.version = version
        self.classes = [str(c) for c in pipeline.classes_]
        assert set(self.classes) == set(LABELS), self.classes

    def predict_frame(self, frame: pd.DataFrame) -> list[Category]:
        probs = self.pipeline.predict_proba(frame)
        out = []
        for i, row in enumerate(probs):
            best = int(np.argmax(row))
            out.append(
                Category(
                    label=self.classes[best],
                    confidence=round(float(row[best]), 4),
                    probabilities={
                        c: round(float(p), 4) for c, p in zip(self.classes, row, strict=True)
                    },
                    evidence=_evidence(self.pipeline, frame.iloc[[i]], best),
                    model_version=self.version,
                )
            )
        return out

    def predict(self, doc: Document) -> Category:
        return self.predict_frame(document_frame(doc))[0]
