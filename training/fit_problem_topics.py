"""Fit the problem-topic scorer on the corpus's training split: `python -m training.fit_problem_topics`.

For every titled problem draft of the training split (training/dataset.is_held_out false) each
candidate topic phrase of models/headline/problem_topic.py is labelled 1 when
「place + phrase + 问题需关注」 reaches character ROUGE-L 0.5 against the corpus title. A logistic
regression on the phrase features is fitted and its weights written to
models/headline/problem_topics.json. The held-out split and the real dev set are never read
(training.eval_headlines measures on them).
"""

from __future__ import annotations

from models.headline.lead import read_lead
from models.headline.problem_topic import WEIGHTS, features, spans
from models.headline.subject import find_subject
from models.text import Document
from training.dataset import corpus_items, is_held_out
from training.eval_headlines import GOOD, rouge_l
from training.fit_weights import fit_weights

C = 1.0


def training_rows() -> tuple[list[dict[str, float]], list[int]]:
    X: list[dict[str, float]] = []
    y: list[int] = []
    for e in corpus_items():
        if e.parent is not None or is_held_out(e.id) or not e.title or e.label != "problem":
            continue
        lead = read_lead(Document.from_text("", e.body))
        subject = find_subject(lead)
        for text, span in spans(lead, subject).items():
            X.append(features(text, span, lead.text))
            y.append(int(rouge_l(f"{subject.place}{text}问题需关注", e.title) >= GOOD))
    return X, y


def main() -> None:
    X, y = training_rows()
    fit_weights(
        X, y, C=C, max_iter=3000, path=WEIGHTS, fitted_on="corpus training split, problem drafts"
    )


if __name__ == "__main__":
    main()
