"""The bootstrap corpus: JSON Lines files under training/corpus/ (never edited here).

Two generations of files are read into one row shape:

- v1 (`corpus/*.jsonl`, 690 drafts): `{"id", "label", "title", "body"}` where `label` is a
  category or `"news"` (a press release, no content label). The writer is the file's batch.
- v2 (`corpus/v2/wNN.jsonl`, one file per writer): `label` is a category or null, `news` says
  whether the text is written as a news release, plus `writer`, `voice`, `form`, `topic`,
  `mess` and `group` (drafts of one contrastive set share a group).

Normalized rows carry `label` (category or None), `news` (bool) and `writer` whatever their
generation, so a v1 news text is `label=None, news=True`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document
from training.augment import excerpts, keeps_title

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELD_OUT_SHARE = 5  # 1 in 5 drafts (by a hash of the id) is held out


@dataclass(frozen=True)
class Example:
    id: str
    label: str | None  # a category, or None for a news text without a content label
    title: str
    body: str
    text: str  # classifier input (models.classify.classifier_text)
    weight: float = 1.0
    news: bool = False
    group: str = ""  # the writer: group cross-validation never splits one writer's drafts
    parent: str | None = None  # set on an excerpt (training.augment): the draft it was cut from


def is_held_out(example_id: str) -> bool:
    """The documented held-out split: sha1(id) mod 5 == 0 (about 20%, stable)."""
    return int(hashlib.sha1(example_id.encode()).hexdigest(), 16) % HELD_OUT_SHARE == 0


def normalize_row(row: dict, writer: str) -> dict:
    """A v1 or v2 corpus row in the v2 shape (label category-or-None, news, writer)."""
    out = dict(row)
    if "news" not in row:  # v1
        out["news"] = row["label"] == "news"
        out["label"] = None if row["label"] == "news" else row["label"]
    if out["label"] is not None and out["label"] not in LABELS:
        raise ValueError(f"{row['id']}: unknown label {out['label']!r}")
    out["title"] = row.get("title") or ""
    out["writer"] = row.get("writer") or writer
    return out


def corpus_files(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    return sorted(corpus_dir.glob("*.jsonl")) + sorted(corpus_dir.glob("v2/*.jsonl"))


def read_corpus(corpus_dir: Path = CORPUS_DIR) -> list[dict]:
    rows: list[dict] = []
    seen: set[str] = set()
    for path in corpus_files(corpus_dir):
        writer = path.stem if path.parent.name == "v2" else f"v1-{path.stem}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            row = normalize_row(json.loads(line), writer)
            if row["id"] in seen:
                raise ValueError(f"{path.name}:{n}: duplicate id {row['id']}")
            seen.add(row["id"])
            rows.append(row)
    return rows


def to_example(row: dict, weight: float = 1.0, doc: Document | None = None) -> Example:
    doc = doc or Document.from_text(row.get("title") or "", row["body"])
    return Example(
        id=row["id"],
        label=row["label"],
        title=doc.title.text,
        body=doc.body.text,
        text=classifier_text(doc.title.words, doc.body.words),
        weight=weight,
        news=bool(row.get("news")),
        group=row.get("writer", ""),
    )


def excerpt_examples(row: dict, doc: Document) -> list[Example]:
    """Excerpts of a long labelled draft (training.augment), as examples of the same writer."""
    out = []
    for k, words in enumerate(excerpts(row["id"], doc.body.words), 1):
        title = doc.title.words if keeps_title(row["id"], k) else []
        out.append(
            Example(
                id=f"{row['id']}~{k}",
                label=row["label"],
                title="".join(title),
                body="".join(words),
                text=classifier_text(title, words),
                news=bool(row.get("news")),
                group=row.get("writer", ""),
                parent=row["id"],
            )
        )
    return out


def corpus_examples(corpus_dir: Path = CORPUS_DIR, *, augment: bool = True) -> list[Example]:
    """Every corpus draft (categories and news), tokenized once; with `augment`, long drafts
    with a category also give excerpts (`Example.parent` set) for the category model."""
    out: list[Example] = []
    for row in read_corpus(corpus_dir):
        doc = Document.from_text(row.get("title") or "", row["body"])
        out.append(to_example(row, doc=doc))
        if augment and row["label"] in LABELS:
            out.extend(excerpt_examples(row, doc))
    return out


def category_examples(corpus_dir: Path = CORPUS_DIR, *, augment: bool = False) -> list[Example]:
    """Drafts with a content label, news releases included (their content has a category)."""
    return [e for e in corpus_examples(corpus_dir, augment=augment) if e.label in LABELS]
