"""Counts of the corpus by label, writer, voice and form (the tables in training/corpus/README.md).

python -m training.corpus_stats
"""

from __future__ import annotations

from collections import Counter

from training.dataset import read_corpus


def _label(row: dict) -> str:
    base = row["label"] or "none"
    return f"{base}+news" if row["news"] else base


def _table(
    title: str, counts: dict[str, Counter], columns: list[str], limit: int = 40
) -> list[str]:
    """Rows by size; past `limit` rows the rest are summed into one "(others)" row."""
    keys = sorted(counts, key=lambda k: (-sum(counts[k].values()), k))
    if len(keys) > limit:
        rest = Counter()
        for key in keys[limit - 1 :]:
            rest.update(counts[key])
        counts = {
            **{k: counts[k] for k in keys[: limit - 1]},
            f"(others, {len(keys) - limit + 1})": rest,
        }
        keys = list(counts)
    lines = [f"### {title}", "", "| | " + " | ".join(columns) + " | all |"]
    lines.append("|---|" + "---|" * (len(columns) + 1))
    for key in keys:
        row = counts[key]
        lines.append(
            f"| {key} | "
            + " | ".join(str(row.get(c, 0)) for c in columns)
            + f" | {sum(row.values())} |"
        )
    return [*lines, ""]


def render() -> str:
    rows = read_corpus()
    columns = sorted({_label(r) for r in rows})
    by: dict[str, dict[str, Counter]] = {"writer": {}, "voice": {}, "form": {}}
    for r in rows:
        for field in by:
            value = r.get(field) or ("(v1)" if field != "writer" else r["writer"])
            by[field].setdefault(value, Counter())[_label(r)] += 1
    total = Counter(_label(r) for r in rows)
    lengths = [len(r["body"]) for r in rows]
    out = [
        f"{len(rows)} drafts by {len(by['writer'])} writers; body length "
        f"{min(lengths)}–{max(lengths)} (mean {sum(lengths) / len(lengths):.0f}); "
        f"{sum(1 for r in rows if not r['title'])} untitled.",
        "",
        "| label | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
        "| drafts | " + " | ".join(str(total[c]) for c in columns) + " |",
        "",
    ]
    out += _table("By writer", by["writer"], columns)
    out += _table("By voice (the 30 most frequent)", by["voice"], columns, limit=30)
    out += _table("By form", by["form"], columns)
    return "\n".join(out)


if __name__ == "__main__":
    print(render())
