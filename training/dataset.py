"""The bootstrap corpus: JSON Lines files under training/corpus/ (never edited here)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELD_OUT_SHARE = 5  # 1 in 5 drafts (by a hash of the id) is held out


@dataclass(frozen=True)
class Example:
    id: str
    label: str
    title: str
    body: str
    text: str  # classifier input (models.classify.classifier_text)
    weight: float = 1.0


def is_held_out(example_id: str) -> bool:
    """The documented held-out split: sha1(id) mod 5 == 0 (about 20%, stable)."""
    return int(hashlib.sha1(example_id.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def read_corpus(corpus_dir: Path = CORPUS_DIR) -> list[dict]:
    rows: list[dict] = []
    seen: set[str] = set()
    for path in sorted(corpus_dir.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row["id"] in seen:
                raise ValueError(f"{path.name}:{n}: duplicate id {row['id']}")
            seen.add(row["id"])
            rows.append(row)
    return rows


def to_example(row: dict, weight: float = 1.0) -> Example:
    doc = Document.from_text(row.get("title") or "", row["body"])
    return Example(
        id=row["id"],
        label=row["label"],
        title=doc.title.text,
        body=doc.body.text,
        text=classifier_text(doc.title.words, doc.body.words),
        weight=weight,
    )


def corpus_examples(corpus_dir: Path = CORPUS_DIR) -> list[Example]:
    """Every corpus draft (categories and news), tokenized once."""
    return [to_example(r) for r in read_corpus(corpus_dir)]


def category_examples(corpus_dir: Path = CORPUS_DIR) -> list[Example]:
    return [e for e in corpus_examples(corpus_dir) if e.label in LABELS]
