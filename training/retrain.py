"""Retraining: corpus + reviewed history -> a candidate judged against the active model.

Pure computation (no database): the service reads the inputs and stores the result.

- Data: the bootstrap corpus plus every reviewed draft (label = the reviewer's category),
  deduplicated by normalized body (a reviewed draft beats a corpus text with the same body; of
  two reviewed drafts with one body, the later review wins).
- Evaluation set: the most recent 20% of the reviewed drafts by review time. Candidate and
  active model are scored on exactly these drafts.
- Weights: corpus 1; a reviewed draft 1 + RECENT_BONUS * 2^(-age / HALF_LIFE) (age measured
  from the newest review), times CORRECTED when the reviewer changed the predicted category.
- The candidate that was scored is the model registered (it never saw the evaluation drafts).
  So the comparison stays fair at the next retrain too: the active model never trained on
  the newest 20% of a later history either.
- Decision: activate when forced, when no model is active, or when the candidate's macro-F1 on
  the evaluation set is at least the active model's minus the margin. With fewer than MIN_EVAL
  evaluation drafts nothing is judged: the candidate is kept unactivated unless forced.
- The news-style model learns from the corpus only, so the active version's is reused.
- Without any reviewed draft (and not forced) no classifier is trained: it would be the
  corpus model again. Adoption likelihood (training.likelihood) is trained once enough
  outcomes are known; they are read (`outcomes()`) only after the classifier is fitted.
- Time: the adoption model (reading its outcomes included) is fitted in a thread of its own
  while the candidate and the active classifier are scored on the evaluation drafts (both
  are mostly numpy and scipy work, which releases the GIL: two cores instead of one, after
  the fit so that its outcomes never sit beside the solver's workspace).
- Memory: reviewed drafts come as feature counts (training.history.read_history), the
  evaluation drafts' rows are copied out (and wait in a temporary file while the solver runs)
  and the fit consumes the rest, so the peak is about the training matrix plus the solver's
  workspace (L-BFGS keeps 25 float64 vectors of the coefficients' size), never every draft's
  text.
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from functools import cached_property
from typing import Any

from sklearn.exceptions import UndefinedMetricWarning
from sklearn.pipeline import Pipeline

from models.likelihood import AdoptionModel
from models.report import LABELS
from training import features
from training.cards import adoption_card, retrain_card
from training.dataset import Item, corpus_items
from training.evaluate import classification_metrics
from training.history import History
from training.likelihood import Outcome, score_active, train_adoption
from training.progress import Progress, no_progress
from training.starter import train_news
from training.train import fit_category, probabilities

EVAL_SHARE = 0.2
MIN_EVAL = 10


@dataclass(frozen=True)
class Weights:
    corpus: float = 1.0
    history: float = 1.0
    recent_bonus: float = 1.0
    half_life_days: float = 90.0
    corrected: float = 2.0


@dataclass(frozen=True)
class Options:
    margin: float = 0.02
    force: bool = False
    min_outcomes: int = 200
    min_auc: float = 0.70  # an adoption model goes live only with ROC AUC >= this (held out)
    eval_share: float = EVAL_SHARE
    weights: Weights = field(default_factory=Weights)


@dataclass
class Active:
    """The active classifier version: its metrics, and its pipelines loaded when first used
    (after the candidate is fitted: the two are never in memory beside the solver's workspace).
    `load` returns the version's bundle ({"category": ..., "news_style": ...})."""

    version: str
    load: Callable[[], dict[str, Any]]
    metrics: dict[str, Any]

    @cached_property
    def _bundle(self) -> dict[str, Any]:
        return self.load()

    @property
    def category(self) -> Pipeline:
        return self._bundle["category"]  # type: ignore[no-any-return]

    @property
    def news(self) -> Pipeline | None:
        return self._bundle.get("news_style")


@dataclass
class Candidate:
    bundle: Any
    metrics: dict[str, Any]
    card: str
    activate: bool
    reason: str


@dataclass
class Result:
    category: Candidate | None
    adoption: Candidate | None
    category_note: str | None = None  # why no classifier was trained
    adoption_note: str | None = None  # why no adoption model was trained


# -- data ------------------------------------------------------------------------------------


@dataclass
class Split:
    train: list[Item]
    evaluation: list[Item]
    data: dict[str, Any]


def _weigh(item: Item, newest: Any, w: Weights) -> Item:
    age_days = (newest - item.reviewed_at).total_seconds() / 86400
    weight = w.history * (1 + w.recent_bonus * 2 ** (-max(0.0, age_days) / w.half_life_days))
    if item.corrected:
        weight *= w.corrected
    return replace(item, weight=round(weight, 6))


def split_data(
    corpus: Sequence[Item], history: Sequence[Item], weights: Weights, eval_share: float
) -> Split:
    latest: dict[bytes, Item] = {}
    for item in sorted(history, key=lambda i: (i.reviewed_at, i.id)):
        latest[item.key] = item  # the later review of the same body wins
    reviewed = sorted(latest.values(), key=lambda i: (i.reviewed_at, i.id))
    kept_corpus, seen = [], set(latest)
    for item in corpus:
        if item.key not in seen:
            seen.add(item.key)
            kept_corpus.append(replace(item, weight=weights.corpus))
    n_eval = int(len(reviewed) * eval_share)
    evaluation = reviewed[len(reviewed) - n_eval :]
    newest = reviewed[-1].reviewed_at if reviewed else None
    train_history = [_weigh(i, newest, weights) for i in reviewed[: len(reviewed) - n_eval]]
    train = kept_corpus + train_history
    data = {
        "corpus": len(corpus),
        "history": len(history),
        "duplicates": len(corpus) + len(history) - len(kept_corpus) - len(reviewed),
        "train": len(train),
        "train_corpus": len(kept_corpus),
        "train_history": len(train_history),
        "corrected": sum(i.corrected for i in reviewed),
        "eval": len(evaluation),
        "eval_from": evaluation[0].reviewed_at.isoformat() if evaluation else None,
        "eval_to": evaluation[-1].reviewed_at.isoformat() if evaluation else None,
        "train_by_label": _by_label(train),
        "eval_by_label": _by_label(evaluation),
        "weights": asdict(weights),
        "eval_share": eval_share,
    }
    return Split(train, evaluation, data)


def _by_label(items: Sequence[Item]) -> dict[str, int]:
    counts = Counter(i.label for i in items)
    return {lab: counts.get(lab, 0) for lab in LABELS}


# -- fitting and scoring ---------------------------------------------------------------------


def score(
    pipeline: Pipeline,
    items: Sequence[Item],
    truth: Sequence[str],
    counts: features.Counts | None = None,
) -> dict[str, Any]:
    proba = probabilities(pipeline, items, counts)
    predicted = [LABELS[i] for i in proba.argmax(axis=1)]
    with warnings.catch_warnings():  # a class absent from a small evaluation set scores 0
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        return classification_metrics(list(truth), predicted, proba)


def decide(
    candidate_f1: float | None,
    active_f1: float | None,
    *,
    n_eval: int,
    margin: float,
    force: bool,
    has_active: bool,
    what: str = "分类得分",
) -> tuple[bool, str]:
    if force:
        return True, "强制重训：不论比较结果都启用"
    if not has_active:
        return True, "当前没有启用的模型，直接启用"
    if candidate_f1 is None or n_eval < MIN_EVAL:
        return False, f"近期审核稿件不足 {MIN_EVAL} 篇，无法比较，候选模型未启用（可强制启用）"
    if active_f1 is None:
        return True, "现用模型无法在同一留出集上评分，启用候选模型"
    # plain words (D11): both numbers are on the same recent drafts, the allowance is named
    same = f"在同一批最近审核的稿件上，候选版本{what} {candidate_f1:.3f}，现用版本 {active_f1:.3f}"
    if candidate_f1 >= active_f1 - margin:
        return True, f"{same}，不低于现用版本超过 {margin:g}，已启用"
    return False, f"{same}，低了 {active_f1 - candidate_f1:.3f}（最多允许低 {margin:g}），未启用"


# -- the whole computation -------------------------------------------------------------------


def _news(active: Active | None) -> tuple[Pipeline, dict[str, Any], str | None]:
    if active is not None and active.news is not None and "news_style" in active.metrics:
        return active.news, active.metrics["news_style"], active.version
    news, metrics = train_news(corpus_items())
    return news, metrics, None


def retrain(
    corpus: Sequence[Item],
    history: History,
    outcomes: Callable[[], Sequence[Outcome]],
    active: Active | None,
    active_adoption: AdoptionModel | None,
    options: Options,
    progress: Progress = no_progress,
) -> Result:
    def adoption() -> tuple[Candidate | None, str | None]:
        return _adoption(outcomes(), active_adoption, options)

    with ThreadPoolExecutor(1, thread_name_prefix="retrain-adoption") as pool:
        started: list[Future[tuple[Candidate | None, str | None]]] = []
        if history.items or options.force:
            category = _category(
                corpus,
                history,
                active,
                options,
                progress,
                lambda: started.append(pool.submit(adoption)),
            )
            category_note = None
        else:
            category, category_note = None, "没有审核确认过分类的稿件，分类模型未重训"
        progress(0.85, "采用可能性模型")
        candidate, note = started[0].result() if started else adoption()
    progress(0.95, "保存模型版本")
    return Result(category, candidate, category_note, note)


def _category(
    corpus: Sequence[Item],
    history: History,
    active: Active | None,
    options: Options,
    progress: Progress,
    after_fit: Callable[[], None] = lambda: None,
) -> Candidate:
    """The corpus joins the history's counts; the evaluation drafts' rows are copied out, and
    the fit consumes the rest (no draft's string is held: history.counts has their grams).
    `after_fit` is called once the candidate is fitted, before the scoring."""
    progress(0.10, "整理训练数据")
    counts, first = history.counts, history.counts.n_rows
    counts.add_all([i.text for i in corpus])
    corpus = [replace(i, row=first + k) for k, i in enumerate(corpus)]
    split = split_data(corpus, history.items, options.weights, options.eval_share)
    history.items = []  # consumed with the counts (split.train holds weighted copies)
    del corpus
    evaluation = counts.subset([i.row for i in split.evaluation])
    progress(0.20, f"训练分类模型（{split.data['train']} 篇）")
    with evaluation.set_aside():
        pipeline = fit_category(split.train, counts)
    after_fit()
    progress(0.75, "在近期审核稿件上比较候选模型与现用模型")
    metrics: dict[str, Any] = {"counts": split.data["train_by_label"], "data": split.data}
    truth = [i.label for i in split.evaluation]
    if split.evaluation:
        metrics["recent"] = score(pipeline, split.evaluation, truth, evaluation)
        if active is not None:
            metrics["active_on_recent"] = score(
                active.category, split.evaluation, truth, evaluation
            )
    del evaluation
    activate, reason = decide(
        metrics.get("recent", {}).get("macro_f1"),
        metrics.get("active_on_recent", {}).get("macro_f1"),
        n_eval=len(split.evaluation),
        margin=options.margin,
        force=options.force,
        has_active=active is not None,
    )
    news, news_metrics, news_from = _news(active)
    metrics["news_style"] = news_metrics
    metrics["comparison"] = {
        "active_version": active.version if active else None,
        "candidate_macro_f1": metrics.get("recent", {}).get("macro_f1"),
        "active_macro_f1": metrics.get("active_on_recent", {}).get("macro_f1"),
        "margin": options.margin,
        "forced": options.force,
        "activated": activate,
        "reason": reason,
        "news_style_from": news_from,
    }
    return Candidate(
        {"category": pipeline, "news_style": news}, metrics, retrain_card(metrics), activate, reason
    )


def _adoption(
    outcomes: Sequence[Outcome], active: AdoptionModel | None, options: Options
) -> tuple[Candidate | None, str | None]:
    if len(outcomes) < options.min_outcomes:
        return (
            None,
            f"采用结果不足 {options.min_outcomes} 条（现有 {len(outcomes)} 条），暂不显示采用可能性",
        )
    fit = train_adoption(outcomes, options.eval_share)
    if isinstance(fit, str):
        return None, fit
    active_metrics = score_active(active, fit) if active is not None else None
    if active_metrics is not None:
        fit.metrics["active_on_recent"] = active_metrics
    activate, reason = decide(
        fit.metrics["recent"]["roc_auc"],
        active_metrics["roc_auc"] if active_metrics else None,
        n_eval=fit.metrics["n_eval"],
        margin=options.margin,
        force=options.force,
        has_active=active is not None,
        what="区分能力",
    )
    auc = fit.metrics["recent"]["roc_auc"]
    if activate and (auc is None or auc < options.min_auc):
        activate = False
        shown = "无法计算" if auc is None else f"{auc:.3f}"
        reason = (
            f"候选模型在留出稿件上的 ROC AUC 为 {shown}，低于启用门槛 {options.min_auc:.2f}，"
            "保留为候选，不显示采用可能性"
        )
    fit.metrics["comparison"] = {
        "min_auc": options.min_auc,
        "active_version": active.version if active else None,
        "candidate_roc_auc": fit.metrics["recent"]["roc_auc"],
        "active_roc_auc": active_metrics["roc_auc"] if active_metrics else None,
        "margin": options.margin,
        "forced": options.force,
        "activated": activate,
        "reason": reason,
    }
    return Candidate(fit.bundle, fit.metrics, adoption_card(fit.metrics), activate, reason), None
