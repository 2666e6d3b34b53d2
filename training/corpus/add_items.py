"""Append drafts written in the plain block format to a corpus v2 file (used by writing sessions).

Block format (UTF-8, read from stdin or a file), one block per draft:

    @@ id=w03-017 label=problem news=false voice=县政府办 form=problem_reflection topic=养老 mess=ascii_punct,furniture group=c05
    标题：某县农村互助养老点“建而不用”问题需关注
    第一段……
    第二段……

`标题：` may be followed by nothing (untitled draft). `label` is dynamic/problem/special/none;
`news` true/false; `group` ties the drafts of one contrastive set (same facts, several genres)
and may be omitted. Usage: python training/corpus/add_items.py training/corpus/v2/w03.jsonl < blocks.txt
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

LABELS = {"dynamic", "problem", "special", "none"}
KEYS = {"id", "label", "news", "voice", "form", "topic", "mess", "group"}


def parse(text: str) -> list[dict]:
    items: list[dict] = []
    for chunk in text.split("@@")[1:]:
        lines = chunk.strip("\n").split("\n")
        head = dict(part.split("=", 1) for part in lines[0].split())
        unknown = set(head) - KEYS
        if unknown:
            raise ValueError(f"{head.get('id')}: unknown keys {sorted(unknown)}")
        if head.get("label") not in LABELS:
            raise ValueError(f"{head.get('id')}: label must be one of {sorted(LABELS)}")
        if head.get("news") not in {"true", "false"}:
            raise ValueError(f"{head.get('id')}: news must be true or false")
        if not lines[1].startswith("标题："):
            raise ValueError(f"{head['id']}: second line must start with 标题：")
        body = "\n".join(line.rstrip() for line in lines[2:] if line.strip())
        if len(body) < 120:
            raise ValueError(f"{head['id']}: body too short ({len(body)} chars)")
        items.append(
            {
                "id": head["id"],
                "label": None if head["label"] == "none" else head["label"],
                "news": head["news"] == "true",
                "title": lines[1][len("标题：") :].strip(),
                "body": body,
                "writer": head["id"].split("-")[0],
                "voice": head.get("voice", ""),
                "form": head.get("form", ""),
                "topic": head.get("topic", ""),
                "mess": [m for m in head.get("mess", "").split(",") if m],
                "group": head.get("group") or None,
            }
        )
    return items


def main() -> None:
    target = Path(sys.argv[1])
    source = (
        Path(sys.argv[2]).read_text(encoding="utf-8") if len(sys.argv) > 2 else sys.stdin.read()
    )
    items = parse(source)
    existing = set()
    if target.exists():
        existing = {
            json.loads(x)["id"] for x in target.read_text(encoding="utf-8").splitlines() if x
        }
    dup = [i["id"] for i in items if i["id"] in existing]
    if dup:
        raise SystemExit(f"duplicate ids: {dup}")
    with target.open("a", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    total = len(existing) + len(items)
    print(f"added {len(items)}; {target.name} now has {total}")


if __name__ == "__main__":
    main()
