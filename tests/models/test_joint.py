"""The joint feature path (models.joint) gives each model's own per-draft answer, and the rows
scikit-learn's own transform computes."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from models import joint as joint_module
from models.analyze import Analyzer
from models.classify import CategoryModel, build_pipeline, classifier_tokens, document_text
from models.joint import JointVocabulary, Row
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


def _same_row(row: Row, vectorizer: TfidfVectorizer, text: str) -> None:
    """The row equals scikit-learn's own transform of the text, column for column."""
    expected = vectorizer.transform([text])
    expected.sort_indices()
    assert row.indices.tolist() == expected.indices.tolist()
    assert row.data.dtype == expected.data.dtype
    assert row.data.tolist() == pytest.approx(expected.data.tolist(), rel=1e-6, abs=1e-7)


def test_joint_rows_give_each_models_own_answer(models) -> None:
    category, news, texts = models
    analyzer = Analyzer(category=category, news=news, rules=RuleSet([]))
    assert analyzer.joint is not None
    for text in texts[::10]:
        grams = word_ngrams(text)
        cat_row, news_row = analyzer.joint.rows(text.split(" "))
        assert category.predict_row(cat_row) == category.predict_grams(grams)
        assert news.probability_row(news_row) == pytest.approx(
            news.probability_grams(grams), abs=1e-6
        )
    assert analyzer.joint.rows([]) and category.predict_row(
        analyzer.joint.rows([])[0]
    ) == category.predict_grams([])


def test_joint_rows_equal_scikit_learns_transform_on_the_corpus(models) -> None:
    """Every fourth corpus draft, read from the Document's tokens as the analyzer reads it (no
    text joined and split), against each vectorizer's `transform` of the joined text."""
    category, news, _ = models
    joint = JointVocabulary.of([category.vectorizer, news.vectorizer])
    assert joint is not None
    for r in read_corpus()[1::4]:
        doc = Document.from_text(r["title"], r["body"])
        tokens = classifier_tokens(doc.title.words, doc.body.words)
        text = " ".join(tokens)
        assert tokens == text.split(" ")
        cat_row, news_row = joint.rows(tokens)
        _same_row(cat_row, category.vectorizer, text)
        _same_row(news_row, news.vectorizer, text)


def test_terms_whose_bytes_coincide_are_told_apart() -> None:
    """Python hashes a string's internal bytes: 兑 (U+5151) and "QQ" share hash(); not here."""
    assert hash("兑") == hash("QQ")
    vectorizer = TfidfVectorizer(analyzer=word_ngrams).fit(["兑 现", "兑 付"])
    joint = JointVocabulary.of([vectorizer])
    assert joint is not None
    (row,) = joint.rows(["QQ", "现"])
    assert row.indices.tolist() == [vectorizer.vocabulary_["现"]]
    (row,) = joint.rows(["兑", "QQ"])
    assert row.indices.tolist() == [vectorizer.vocabulary_["兑"]]


# Tokens with "_" (ASCII runs keep it): the term "a_b_c" is the token a_b_c, the bigram
# a + b_c and the bigram a_b + c; scikit-learn counts all three in one column.
_UNDERSCORED = ["a_b c", "a b_c", "a_b_c x", "a b c", "x_ |"]
_DRAFTS = [
    ["a_b", "c"],
    ["a", "b_c"],
    ["a_b_c"],
    ["a", "b", "c"],
    ["a_b", "a", "b", "a_b_c", "a", "b_c", "a_b", "c"],  # three readings of a_b_c, two of a_b
    ["x", "|", "a"],  # no gram spans the separator
    ["x_", "|"],
    ["|"],
    ["c", "c", "c"],
]


def test_terms_with_an_underscore_count_every_reading() -> None:
    vectorizer = TfidfVectorizer(analyzer=word_ngrams, sublinear_tf=True).fit(_UNDERSCORED)
    assert {"a_b_c", "a_b", "b_c", "a_b_c_x", "x_"} <= set(vectorizer.vocabulary_)
    joint = JointVocabulary.of([vectorizer])
    assert joint is not None
    for tokens in _DRAFTS:
        (row,) = joint.rows(tokens)
        _same_row(row, vectorizer, " ".join(tokens))
    raw = TfidfVectorizer(analyzer=word_ngrams, use_idf=False, norm=None).fit(_UNDERSCORED)
    raw_joint = JointVocabulary.of([raw])
    assert raw_joint is not None
    (counts,) = raw_joint.rows(_DRAFTS[4])
    count_of = dict(zip(counts.indices.tolist(), counts.data.tolist(), strict=True))
    assert count_of[raw.vocabulary_["a_b_c"]] == 3.0
    assert count_of[raw.vocabulary_["a_b"]] == 3.0  # twice a token, once a bigram


def test_colliding_keys_are_refused_and_each_model_answers_alone(models, monkeypatch) -> None:
    """With a bigram keyed as its second token alone, "兑_现" would share the key of "现": the
    vocabulary is refused, and the analyzer falls back to each model's own path."""
    vectorizer = TfidfVectorizer(analyzer=word_ngrams).fit(["兑 现", "现 金"])
    assert JointVocabulary.of([vectorizer]) is not None
    category, news, texts = models
    full = Analyzer(category=category, news=news, rules=RuleSet([]))
    title, body = "某县推进村级卫生室建设", "今年以来，某县新建村级卫生室12个，覆盖全部行政村。"
    expected = full.analyze(title, body)
    assert full.joint is not None
    monkeypatch.setattr(joint_module, "_MIX", np.uint64(0))
    assert JointVocabulary.of([vectorizer]) is None
    alone = Analyzer(category=category, news=news, rules=RuleSet([]))
    assert alone.joint is None
    assert alone.analyze(title, body) == expected


@pytest.mark.parametrize("spread", [64, 40, 8])
def test_bucketed_find_equals_a_binary_search(spread: int) -> None:
    """`_find` (a bucket by the top bits, then the bucket's keys) finds exactly what a binary
    search of the sorted keys finds: keys spread over all 64 bits, and keys crowded into a few
    buckets (spread 40 and 8: every key in one or two buckets)."""
    rnd = np.random.default_rng(spread)
    keys = np.unique(rnd.integers(0, 2**spread, size=5000, dtype=np.uint64, endpoint=False))
    columns = rnd.integers(-1, 1000, size=(len(keys), 2)).astype(np.int32)
    joint = JointVocabulary([], keys, columns)
    absent = rnd.integers(0, 2**spread, size=3000, dtype=np.uint64)
    queries = np.unique(np.concatenate([keys[::3], absent, np.array([0, 2**64 - 1], np.uint64)]))
    at, hit = joint._find(queries)
    expected = np.isin(queries, keys)
    assert hit.tolist() == expected.tolist() and 0 < hit.sum() < len(queries)
    assert (keys[at[hit]] == queries[hit]).all()
    found = joint._records["col"][at[hit]]
    assert found.tolist() == columns[np.searchsorted(keys, queries[hit])].tolist()


def test_rows_carry_each_models_coefficients_in_its_layout(models) -> None:
    """The coefficients read with a row are `coef_[:, indices]`, in the same memory order, so
    the probabilities are the very ones computed from `coef_` (equal to the last bit)."""
    category, news, texts = models
    news_model = news.pipeline.named_steps["model"]
    joint = JointVocabulary.of([category.vectorizer, news.vectorizer], [category.model, news_model])
    assert joint is not None
    for text in texts[::7]:
        for row, model in zip(
            joint.rows(text.split(" ")), [category.model, news_model], strict=True
        ):
            expected = model.coef_[:, row.indices]
            assert row.weights is not None and row.model is model
            assert row.weights.tobytes("A") == expected.tobytes("A")
            assert row.weights.flags.f_contiguous == expected.flags.f_contiguous
            assert row.weights.flags.c_contiguous == expected.flags.c_contiguous
            bare = Row(row.indices, row.data)  # no coefficients: read from coef_
            assert joint_module.row_proba(model, row).tobytes() == (
                joint_module.row_proba(model, bare).tobytes()
            )
    (row,) = JointVocabulary.of([category.vectorizer]).rows(texts[0].split(" "))
    assert row.weights is None  # no model given: none read


@pytest.mark.parametrize("count", [0, 10, 300_000])
def test_huge_zeros_is_a_writable_zeroed_array(count: int) -> None:
    """The tables' memory (`_huge_zeros`): np.zeros' contents, shape and dtype, writable, its
    map kept alive by the array; a large one starts on a huge page boundary where the platform
    has huge pages to ask for."""
    import gc
    import mmap

    dtype = np.dtype([("key", np.uint64), ("col", np.int32, (2,)), ("idf0", np.float64)])
    table = joint_module._huge_zeros(count, dtype)
    assert table.shape == (count,) and table.dtype == dtype and table.flags.writeable
    assert table.tobytes() == np.zeros(count, dtype).tobytes()
    table["key"] = np.arange(count, dtype=np.uint64)
    gc.collect()
    assert table["key"].tolist() == list(range(count))
    large = count * dtype.itemsize >= joint_module._HUGE_PAGE
    if large and getattr(mmap, "MADV_HUGEPAGE", None) is not None:
        assert table.ctypes.data % joint_module._HUGE_PAGE == 0
