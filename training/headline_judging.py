"""Write the judging sample OUTSIDE the repository: `python -m training.headline_judging`.

One JSON line per titled dev item: id, body, the real title, the top-3 suggestions (body only,
title withheld) and the note when there is none. See training/eval/HEADLINE_RUBRIC.md.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.dataset import corpus_items
from training.eval_headlines import TOP, dev_items, train_analyzer

OUT = Path("/tmp/headline_judging.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    analyzer = train_analyzer(corpus_items())
    lines = []
    for row in dev_items():
        report = analyzer.analyze("", row["body"])
        lines.append(
            {
                "id": row["id"],
                "body": row["body"],
                "title": row["title"],
                "suggestions": [h.text for h in report.headlines[:TOP]],
                "note": report.headline_note,
            }
        )
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(lines)} items written to {args.out}")


if __name__ == "__main__":
    main()
