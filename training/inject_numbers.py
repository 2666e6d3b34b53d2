"""Error injection: put one known number or sensitive error into clean drafts, see if it is caught.

    python -m training.inject_numbers            # recall per error type over the clean corpus

Each injector takes a clean draft and a seeded random source and returns the draft with one
error and the span of that error, or None when the draft has no place for it. Mutations
change a figure already in the draft (a year, a unit, a range); the arithmetic types insert a
sentence built from a template with random figures that do not add up. An error is caught
when a number or sensitive flag overlaps its span.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

from models.rules.engine import default_rules
from models.text import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = [
    *sorted((ROOT / "training" / "corpus").glob("*.jsonl")),
    ROOT / "training/eval/independent.jsonl",
]

Injected = tuple[str, int, int] | None
Injector = Callable[[str, random.Random], Injected]

_PLACES = ("青禾镇", "柳塘村", "南岭县", "东湖街道", "石门乡")
_CHANNELS = ("电话", "网络", "来访", "来信")
_KINDS = ("工业类", "交通类", "民生类", "农业类")


def _insert(body: str, sentence: str, target: str, rng: random.Random) -> Injected:
    """Put `sentence` at the start of a random paragraph; the span is `target` in it."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", body)]
    at = rng.choice(starts)
    text = body[:at] + sentence + body[at:]
    s = at + sentence.index(target)
    return text, s, s + len(target)


def _mutate(
    body: str, rx: str, repl: Callable[[re.Match[str]], str], rng: random.Random
) -> Injected:
    ms = list(re.finditer(rx, body))
    if not ms:
        return None
    m = rng.choice(ms)
    new = repl(m)
    return body[: m.start()] + new + body[m.end() :], m.start(), m.start() + len(new)


def parts_over(body: str, rng: random.Random) -> Injected:
    a, b, c = rng.randint(300, 900), rng.randint(200, 600), rng.randint(100, 300)
    total = a + b + c - rng.randint(20, 90)
    parts = f"{a}件、{_CHANNELS[1]}{b}件、{_CHANNELS[2]}{c}件"
    s = f"{rng.choice(_PLACES)}共办理群众诉求{total}件，其中{_CHANNELS[0]}{parts}。"
    return _insert(body, s, parts, rng)


def parts_short(body: str, rng: random.Random) -> Injected:
    a, b, c = rng.randint(20, 40), rng.randint(10, 30), rng.randint(5, 15)
    total = a + b + c + rng.randint(3, 9)
    parts = f"{a}个、{_KINDS[1]}{b}个、{_KINDS[2]}{c}个"
    s = f"计划实施项目{total}个，其中{_KINDS[0]}{parts}。"
    return _insert(body, s, parts, rng)


def share(body: str, rng: random.Random) -> Injected:
    n = rng.randint(200, 600)
    k = int(n * rng.uniform(0.6, 0.9))
    wrong = round(k / n * 100) + rng.choice((-2, 2))
    s = f"共有{n}户参与问卷调查，表示满意的{k}户，占比{wrong}%。"
    return _insert(body, s, f"{wrong}%", rng)


def growth(body: str, rng: random.Random) -> Injected:
    base = rng.randint(40, 90)
    new = base + rng.randint(8, 30)
    true = (new - base) / base * 100
    wrong = round(true * rng.choice((0.5, 1.6)))
    s = f"销售额达{new}亿元，上年同期为{base}亿元，同比增长{wrong}%。"
    return _insert(body, s, f"{wrong}%", rng)


def magnitude(body: str, rng: random.Random) -> Injected:
    v = rng.randint(12, 95)
    target = f"{v}万亿元"
    s = f"{rng.choice(('该村', '柳塘村'))}村集体经济收入达到{target}。"
    return _insert(body, s, target, rng)


def year_abbrev(body: str, rng: random.Random) -> Injected:
    return _mutate(body, r"20(2[0-9])年(?=[0-9]{1,2}月)", lambda m: f"{m[1]}年", rng)


def missing_unit(body: str, rng: random.Random) -> Injected:
    n = rng.randint(120, 980)
    s = f"共收回调查问卷{n}，有效问卷均已录入。"
    return _insert(body, s, str(n), rng)


def blank_number(body: str, rng: random.Random) -> Injected:
    target = rng.choice(("共受理咨询件", "共接收投诉件", "累计办理申请件"))
    return _insert(body, f"一季度{target}，已全部办结。", target, rng)


def lost_separator(body: str, rng: random.Random) -> Injected:
    def join(m: re.Match[str]) -> str:
        return f"{m[1]}{m[2]}月"

    return _mutate(body, r"(?<![0-9])([1-9])[—～-]([1-9]|1[0-2])月", join, rng)


def placeholder(body: str, rng: random.Random) -> Injected:
    return _mutate(body, r"(?<![0-9.])([1-9])[0-9]{2}(?=户|名|人|家)", lambda m: f"{m[1]}XX", rng)


def percent_point(body: str, rng: random.Random) -> Injected:
    v = round(rng.uniform(5, 30), 1)
    target = f"增长{v}个百分点"
    return _insert(body, f"全年景区接待人次{target}。", target, rng)


def garbled(body: str, rng: random.Random) -> Injected:
    return _mutate(body, r"([0-9]+)余人次", lambda m: f"{m[1]} 人余次", rng)


def enumeration(body: str, rng: random.Random) -> Injected:
    def drop(m: re.Match[str]) -> str:
        return m[1] + "是"

    text = _mutate(body, r"([，；。])二是", drop, rng)
    if text is None or "一是" not in text[0][: text[1]]:
        return None
    t, s, e = text
    return t, s + 1, e


def secret(body: str, rng: random.Random) -> Injected:
    target = rng.choice(("本件涉密", "用后收回", "阅后退回"))
    s = "本件涉密，用后收回。\n" if target != "阅后退回" else "此材料阅后退回。\n"
    return _insert(body, s, target, rng)


INJECTORS: dict[str, Injector] = {
    "parts_over": parts_over,
    "parts_short": parts_short,
    "share": share,
    "growth": growth,
    "magnitude": magnitude,
    "year_abbrev": year_abbrev,
    "missing_unit": missing_unit,
    "blank_number": blank_number,
    "lost_separator": lost_separator,
    "placeholder": placeholder,
    "percent_point": percent_point,
    "garbled": garbled,
    "enumeration": enumeration,
    "secret": secret,
}


def caught(title: str, text: str, start: int, end: int) -> bool:
    doc = Document.from_text(title, text)
    return any(
        f.field == "body" and f.kind in ("number", "sensitive") and f.start < end and start < f.end
        for f in default_rules().check(doc)
    )


def recall(drafts: list[dict], seed: int = 11) -> dict[str, tuple[int, int]]:
    out = {}
    for name, inject in INJECTORS.items():
        rng = random.Random(f"{seed}-{name}")
        hit = tried = 0
        for d in drafts:
            made = inject(d["body"], rng)
            if made is None:
                continue
            tried += 1
            hit += caught(d["title"], *made)
        out[name] = (hit, tried)
    return out


def load_drafts(limit: int | None = None) -> list[dict]:
    drafts = []
    for path in CORPUS:
        with path.open(encoding="utf-8") as fh:
            drafts.extend(json.loads(line) for line in fh if line.strip())
    return drafts[:limit] if limit else drafts


def main() -> int:
    results = recall(load_drafts())
    print(f"{'type':<16}{'caught':>8}{'tried':>8}{'recall':>8}")
    worst = 1.0
    for name, (hit, tried) in results.items():
        r = hit / tried if tried else 0.0
        worst = min(worst, r)
        print(f"{name:<16}{hit:>8}{tried:>8}{r:>8.2f}")
    return 0 if worst >= 0.9 else 1


if __name__ == "__main__":
    sys.exit(main())
