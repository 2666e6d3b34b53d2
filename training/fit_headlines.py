"""Fit the headline ranker on the corpus's training split: `python -m training.fit_headlines`.

For every titled training draft (training/dataset.is_held_out false) the gated candidates are
generated exactly as in service (title withheld; category and news-style from models fitted on
the same split); each candidate is labelled 1 when its character ROUGE-L against the corpus
title reaches 0.5. A logistic regression on models/headline/rank.features is fitted and its
weights written to models/headline/ranker.json. The held-out split and the real dev set are
never used here (training.eval_headlines measures on them). The candidates depend on the
problem-topic scorer: run `python -m training.fit_problem_topics` first when its features change.
"""

from __future__ import annotations

from models.headline.rank import WEIGHTS
from models.headlines import gated
from models.text import Document
from training.dataset import corpus_items, is_held_out
from training.eval_headlines import GOOD, rouge_l, train_analyzer
from training.fit_weights import fit_weights

C = 0.5


def training_rows() -> tuple[list[dict[str, float]], list[int]]:
    examples = corpus_items()
    analyzer = train_analyzer(examples)
    X: list[dict[str, float]] = []
    y: list[int] = []
    for e in examples:
        if e.parent is not None or is_held_out(e.id) or not e.title:
            continue
        report = analyzer.analyze("", e.body)
        label = report.category.label if report.category else None
        for cand, feats, _ in gated(
            Document.from_text("", e.body), label, report.news_style.verdict
        ):
            X.append(feats)
            y.append(int(rouge_l(cand.text, e.title) >= GOOD))
    return X, y


def main() -> None:
    X, y = training_rows()
    fit_weights(X, y, C=C, max_iter=2000, path=WEIGHTS, fitted_on="corpus training split")


if __name__ == "__main__":
    main()
