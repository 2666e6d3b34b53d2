"""Measure headline suggestions against real titles: `python -m training.eval_headlines`.

Two figures, each the share of titled items whose best top-3 suggestion reaches character
ROUGE-L (F1 of the longest common subsequence, punctuation and spaces removed) >= 0.5:

- the corpus's held-out titles (training/dataset.is_held_out), with the category and news-style
  models fitted on the rest of the corpus, the title withheld from the analysis;
- the real development set's titled items (../shared/realtext/dev.jsonl), measurement only.

The models see what they see in service: the body with an empty title.
`--show N` prints the N worst dev items (id, real title, suggestions) for error analysis;
`--notes` lists the dev items given the no-safe-suggestion note instead of a title;
`--ceiling` also prints how many held-out titles any contiguous span of their own body (2–30
characters) reaches 0.5 with: what a perfect chooser of one span could score;
nothing from the dev set is ever written into the repository.
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from models.analyze import Analyzer
from models.classify import CategoryModel
from models.news_style import NewsStyleModel
from training.dataset import Item, corpus_items, is_held_out
from training.realtext import DEV_SET, read_jsonl
from training.train import fit_category, fit_news

ROOT = Path(__file__).resolve().parent.parent
GOOD = 0.5
TOP = 3
_NOISE = re.compile(r"[\s\W_]+")


def _lcs_row(prev: list[int], ca: str, b: str) -> list[int]:
    """The LCS table's next row: the candidate extended by `ca`, against every prefix of `b`."""
    cur = [0]
    for j, cb in enumerate(b, 1):
        cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
    return cur


def rouge_l(candidate: str, reference: str) -> float:
    """Character ROUGE-L F1 (punctuation and spaces removed)."""
    a, b = _NOISE.sub("", candidate), _NOISE.sub("", reference)
    if not a or not b:
        return 0.0
    prev = [0] * (len(b) + 1)
    for ca in a:
        prev = _lcs_row(prev, ca, b)
    lcs = prev[-1]
    if lcs == 0:
        return 0.0
    p, r = lcs / len(a), lcs / len(b)
    return 2 * p * r / (p + r)


def span_ceiling(body: str, title: str, longest: int = 30) -> float:
    """The best `rouge_l` of any contiguous span of `body` (1 to `longest` characters, noise
    removed) against `title`: each start's spans extend one LCS row at a time."""
    a, b = _NOISE.sub("", body), _NOISE.sub("", title)
    chars, m, best = set(b), len(b), 0.0
    for i, first in enumerate(a):
        if first not in chars:
            continue  # a span that opens on a character of no use only scores lower
        prev = [0] * (m + 1)
        for length, ca in enumerate(a[i : i + longest], 1):
            prev = _lcs_row(prev, ca, b)
            if prev[-1] and ca in chars:
                best = max(best, 2 * prev[-1] / (length + m))
    return best


@dataclass(frozen=True)
class Scored:
    id: str
    title: str
    suggestions: list[str]
    best: float
    note: str | None


def train_analyzer(examples: Sequence[Item]) -> Analyzer:
    """Category + news-style models fitted on the non-held-out corpus only."""
    train = [e for e in examples if not is_held_out(e.parent or e.id)]
    categories = [e for e in train if e.label is not None]
    return Analyzer(
        category=CategoryModel(fit_category(categories), "eval"),
        news=NewsStyleModel(fit_news(train)),
        version="eval",
    )


def score(analyzer: Analyzer, items: Iterable[tuple[str, str, str]]) -> list[Scored]:
    out = []
    for item_id, title, body in items:
        report = analyzer.analyze("", body)
        texts = [h.text for h in report.headlines[:TOP]]
        best = max((rouge_l(t, title) for t in texts), default=0.0)
        out.append(Scored(item_id, title, texts, best, report.headline_note))
    return out


def summary(name: str, rows: list[Scored]) -> str:
    n = len(rows)
    good = sum(r.best >= GOOD for r in rows)
    empty = sum(not r.suggestions for r in rows)
    mean = statistics.fmean(r.best for r in rows) if rows else 0.0
    return (
        f"{name}: {good}/{n} = {good / max(n, 1):.1%} with top-{TOP} ROUGE-L >= {GOOD}; "
        f"mean best {mean:.3f}; no suggestion {empty}"
    )


def dev_items(path: Path = DEV_SET) -> list[dict]:
    if not path.exists():
        return []
    return [r for r in read_jsonl(path) if r.get("title")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="print the N worst dev items")
    parser.add_argument("--show-corpus", type=int, default=0, help="N worst held-out items")
    parser.add_argument(
        "--notes", action="store_true", help="list every dev item given the note, not a title"
    )
    parser.add_argument(
        "--ceiling", action="store_true", help="the best single body span's share (slow)"
    )
    args = parser.parse_args()
    examples = corpus_items()
    analyzer = train_analyzer(examples)
    drafts = [e for e in examples if e.parent is None and is_held_out(e.id) and e.title]
    corpus_rows = score(analyzer, [(e.id, e.title, e.body) for e in drafts])
    print(summary("corpus held-out titles", corpus_rows))
    for label in ("dynamic", "problem", "special", "news"):
        part = [
            r
            for r, e in zip(corpus_rows, drafts, strict=True)
            if (e.label or "news") == label or (label == "news" and e.news)
        ]
        if part:
            print("   " + summary(label, part))
    if args.ceiling:
        reach = sum(span_ceiling(e.body, e.title or "") >= GOOD for e in drafts)
        print(
            f"   ceiling, best contiguous body span: {reach}/{len(drafts)} = "
            f"{reach / max(len(drafts), 1):.1%} reach ROUGE-L >= {GOOD}"
        )
    dev = dev_items()
    if not dev:
        print(f"dev set not found at {DEV_SET}")
        return
    dev_rows = score(analyzer, [(r["id"], r["title"], r["body"]) for r in dev])
    print(summary("real dev titled items", dev_rows))
    _show(corpus_rows, args.show_corpus)
    _show(dev_rows, args.show)
    if args.notes:
        _notes(dev_rows)


def _notes(rows: list[Scored]) -> None:
    """Per-item: suggestions vs the note (for finding unfair notes by family)."""
    noted = [r for r in rows if not r.suggestions]
    print(f"dev items with the note: {len(noted)}/{len(rows)}")
    for r in noted:
        print(f"{r.id} note | {r.title} | {r.note}")


def _show(rows: list[Scored], n: int) -> None:
    for r in sorted(rows, key=lambda r: r.best)[:n]:
        print(f"{r.id} {r.best:.2f} | {r.title} | {' / '.join(r.suggestions) or r.note}")


if __name__ == "__main__":
    main()
