"""Ranking headline candidates: a logistic model on simple candidate features.

Features: the form, the draft's category (and whether the form belongs to it), news-style
input, the position of the source phrase in the draft, the length, a figure, quotation marks,
and which subject the candidate starts with. Weights are fitted on the corpus's training split
(`python -m training.fit_headlines`, target: character ROUGE-L >= 0.5 against the corpus title)
and stored in ranker.json beside this file; without the file the hand-set priors rank.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

# the package directory, not __file__: a compiled module lives in build/mypyc (models/compiled.py)
WEIGHTS = Path(str(files("models.headline").joinpath("ranker.json")))
FAMILY = {
    "statement": "dynamic",
    "figure": "dynamic",
    "pair": "dynamic",
    "measures": "dynamic",
    "claim": "dynamic",
    "problem_need": "problem",
    "problem_risk": "problem",
    "problem_watch": "problem",
    "problem_count": "problem",
    "problem_suggest": "problem",
    "proposal": "proposal",
    "proposal_topic": "proposal",
    "special_report": "special",
    "special_plain": "special",
    "special_zhuanbao": "special",
    "special_survey": "special",
    "special_short": "special",
    "vo": "dynamic",
    "np_figure": "dynamic",
    "np_measures": "dynamic",
    "np_problem": "problem",
    "np_proposal": "proposal",
    "np_report": "special",
    "np_plain": "special",
    "np_zhuanbao": "special",
    "np_survey": "special",
    "action": "dynamic",
    "action_figure": "dynamic",
    "event": "dynamic",
    "pt_need": "problem",
    "pt_watch": "problem",
    "pt_proposal": "proposal",
    "campaign": "dynamic",
    "measures_goal": "dynamic",
    "ph_need": "problem",
    "th_proposal": "proposal",
}
_FIGURE = re.compile(r"[0-9]")
# what a dynamic title reports: a result verb (追回…386万元) rather than a means (采取…方式)
_RESULT = re.compile(
    r"(追回|完成|实现|新增|建成|开工|达到|达|惠及|累计|增长|下降|减少|化解|办结|解决|兑现|筹集|盘活|"
    r"覆盖|提高到|降至|帮助|带动|吸引)"
)
_MEANS = re.compile(r"(采取|采用|运用|利用|借助|依托)")


def features(
    form: str, text: str, pos: int, label: str | None, news: bool, place: str, actor: str
) -> dict[str, float]:
    family = FAMILY[form]
    n = len(text)
    length = (
        "lt12"
        if n < 12
        else "lt16"
        if n < 16
        else "lt20"
        if n < 20
        else "lt25"
        if n < 25
        else "ge25"
    )
    f = {
        f"form={form}": 1.0,
        f"family={family}|label={label}": 1.0,
        f"pos={min(pos, 3)}": 1.0,
        f"pos={min(pos, 3)}|family={family}": 1.0,
        f"len={length}": 1.0,
        f"len={length}|family={family}": 1.0,
    }
    if news:
        f[f"news|family={family}"] = 1.0
    if _FIGURE.search(text):
        f["figure"] = 1.0
    if "“" in text:
        f["quote"] = 1.0
    if _RESULT.search(text):
        f[f"result|family={family}"] = 1.0
    if _MEANS.search(text):
        f[f"means|family={family}"] = 1.0
    head = text.removeprefix("关于")
    if actor and actor != place and head.startswith(actor):
        f["subject=actor"] = 1.0
    elif place and head.startswith(place):
        f["subject=place"] = 1.0
    else:
        f["subject=none"] = 1.0
    return f


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    if not WEIGHTS.exists():
        return {}
    weights: dict[str, float] = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    return weights


def score(feats: dict[str, float], prior: float) -> float:
    """Probability-like score in [0, 1]; the prior when no fitted weights are present."""
    w = weights()
    if not w:
        return prior
    z = w.get("_bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-z))
