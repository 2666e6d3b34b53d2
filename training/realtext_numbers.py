"""Number and sensitive checks measured on real text and on the clean corpus.

    python -m training.realtext_numbers            # dev-set recall, flags, false alarms
    python -m training.realtext_numbers --clean    # also: false flags on the clean corpus
    python -m training.realtext_numbers --unjudged # only the flags without a verdict

Real text: `../shared/realtext/dev.jsonl` (relative to the project root; skipped when absent)
lists the defects found by reading each item. A defect is caught when a number or sensitive
flag on the body overlaps its `text`. Every flag raised on the set has been read and judged;
the verdicts live in `training/realtext_judgements.csv` as (item id, rule id, start offset,
verdict) — never the texts. The dev set is for measurement only (see its README).

Clean text: `training/corpus/*.jsonl` and `training/eval/independent.jsonl` were written with
figures that add up and no placeholders, so every number flag there counts as false.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from models.report import Flag
from models.rules.engine import default_rules
from models.text import Document
from training.realtext import DEV_SET, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
JUDGEMENTS = Path(__file__).resolve().parent / "realtext_judgements.csv"
CLEAN = [
    *sorted((ROOT / "training" / "corpus").glob("*.jsonl")),
    ROOT / "training/eval/independent.jsonl",
]
KINDS = ("number", "sensitive")


@dataclass(frozen=True, slots=True)
class Raised:
    item: str
    flag: Flag

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.item, self.flag.rule, self.flag.start)


def flags_of(title: str, body: str, kinds: tuple[str, ...] = KINDS) -> list[Flag]:
    doc = Document.from_text(title, body)
    return [f for f in default_rules().check(doc) if f.kind in kinds]


def read_judgements(path: Path = JUDGEMENTS) -> dict[tuple[str, str, int], str]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {
            (row["item"], row["rule"], int(row["start"])): row["verdict"]
            for row in csv.DictReader(fh)
            if not row["item"].startswith("#")
        }


def measure_dev(path: Path, show: bool, unjudged_only: bool) -> dict[str, object]:
    verdicts = read_judgements()
    caught: Counter[str] = Counter()
    listed: Counter[str] = Counter()
    raised: list[Raised] = []
    for item in read_jsonl(path):
        flags = flags_of(item["title"], item["body"])
        raised.extend(Raised(item["id"], f) for f in flags)
        body_flags = [f for f in flags if f.field == "body"]
        for d in item["defects"]:
            start = item["body"].find(d["text"])
            end = start + len(d["text"])
            listed[d["type"]] += 1
            if start >= 0 and any(f.start < end and start < f.end for f in body_flags):
                caught[d["type"]] += 1
    print(f"dev set: {path}")
    print(f"{'defect type':<22}{'caught':>8}{'listed':>8}{'recall':>8}")
    for t in sorted(listed, key=lambda t: -listed[t]):
        print(f"{t:<22}{caught[t]:>8}{listed[t]:>8}{caught[t] / listed[t]:>8.2f}")
    total_c, total_l = sum(caught.values()), sum(listed.values())
    print(f"{'all':<22}{total_c:>8}{total_l:>8}{total_c / max(total_l, 1):>8.2f}")
    counts = Counter(verdicts.get(r.key, "?") for r in raised)
    by_rule: dict[str, Counter[str]] = {}
    for r in raised:
        by_rule.setdefault(r.flag.rule, Counter())[verdicts.get(r.key, "?")] += 1
    if show:
        print("\nflags raised (item, rule, start, severity, verdict, text):")
        for r in raised:
            v = verdicts.get(r.key, "?")
            if unjudged_only and v != "?":
                continue
            f = r.flag
            print(f"  {r.item} {f.rule} {f.field}:{f.start} {f.severity} [{v}] {f.text!r}")
    print("\nflags by rule (true/false/unjudged):")
    for rule, c in sorted(by_rule.items()):
        print(f"  {rule:<44}{c['true']:>4}{c['false']:>4}{c['?']:>4}")
    judged = counts["true"] + counts["false"]
    share = counts["false"] / judged if judged else 0.0
    print(
        f"\nflags raised {len(raised)}: true {counts['true']}, false {counts['false']}, "
        f"unjudged {counts['?']}; false-alarm share {share:.2f}"
    )
    return {"recall": total_c / max(total_l, 1), "raised": len(raised), "false_share": share}


def measure_clean(show: bool) -> float:
    chars, false = 0, []
    for path in CLEAN:
        for item in read_jsonl(path):
            chars += len(item["title"]) + len(item["body"])
            false.extend(Raised(item["id"], f) for f in flags_of(item["title"], item["body"]))
    rate = len(false) / max(chars, 1) * 20_000
    print(f"\nclean corpus: {chars} chars, {len(false)} number/sensitive flags, {rate:.2f} per 20k")
    if show:
        for r in false:
            f = r.flag
            print(f"  {r.item} {f.rule} {f.field}:{f.start} {f.text!r}")
    number = sum(r.flag.kind == "number" for r in false)
    print(f"  of which number flags: {number} ({number / max(chars, 1) * 20_000:.2f} per 20k)")
    return rate


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, default=DEV_SET)
    ap.add_argument("--clean", action="store_true", help="also count flags on the clean corpus")
    ap.add_argument("--quiet", action="store_true", help="figures only, no list of flags")
    ap.add_argument("--unjudged", action="store_true", help="list only flags without a verdict")
    args = ap.parse_args(argv)
    if args.dev.exists():
        measure_dev(args.dev, not args.quiet, args.unjudged)
    else:
        print(f"dev set not found at {args.dev}: skipped")
    if args.clean:
        measure_clean(not args.quiet)


if __name__ == "__main__":
    main()
