"""The joint feature path (models.joint) gives each model's own per-draft answer."""

from __future__ import annotations

import pytest

from models.analyze import Analyzer
from models.classify import CategoryModel, build_pipeline, document_text
from models.news_style import NewsStyleModel
from models.rules.engine import RuleSet
from models.text import Document
from models.tokenize import word_ngrams
from training.dataset import read_corpus


@pytest.fixture(scope="module")
def models() -> tuple[CategoryModel, NewsStyleModel, list[str]]:
    rows = read_corpus()[::6]
    texts = [document_text(Document.from_text(r["title"], r["body"])) for r in rows]
    labelled = [(t, r["label"]) for t, r in zip(texts, rows, strict=True) if r["label"]]
    category = build_pipeline().fit([t for t, _ in labelled], [label for _, label in labelled])
    news = build_pipeline().fit(texts, ["news" if r["news"] else "info" for r in rows])
    return CategoryModel(category, "v"), NewsStyleModel(news), texts


def test_joint_rows_give_each_models_own_answer(models) -> None:
    category, news, texts = models
    analyzer = Analyzer(category=category, news=news, rules=RuleSet([]))
    assert analyzer.joint is not None
    for text in texts[::10]:
        grams = word_ngrams(text)
        cat_row, news_row = analyzer.joint.rows(grams)
        assert category.predict_row(cat_row) == category.predict_grams(grams)
        assert news.probability_row(news_row) == pytest.approx(
            news.probability_grams(grams), abs=1e-6
        )
    assert analyzer.joint.rows([]) and category.predict_row(
        analyzer.joint.rows([])[0]
    ) == category.predict_grams([])


def test_terms_whose_bytes_coincide_are_told_apart() -> None:
    """Python hashes a string's internal bytes: 兑 (U+5151) and "QQ" share hash(); not here."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from models.joint import JointVocabulary

    assert hash("兑") == hash("QQ")
    vectorizer = TfidfVectorizer(analyzer=word_ngrams).fit(["兑 现", "兑 付"])
    joint = JointVocabulary.of([vectorizer])
    assert joint is not None
    (row,) = joint.rows(["QQ", "现"])
    assert row.indices.tolist() == [vectorizer.vocabulary_["现"]]
    (row,) = joint.rows(["兑", "QQ"])
    assert row.indices.tolist() == [vectorizer.vocabulary_["兑"]]
