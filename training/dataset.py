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
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from models.classify import classifier_text
from models.report import LABELS
from models.text import Document, normalize
from training.augment import excerpts, keeps_title

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
HELD_OUT_SHARE = 5  # 1 in 5 drafts (by a hash of the id) is held out


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled text for training or evaluation: a corpus draft, an excerpt of one, or a
    reviewed draft (training.history). The one item type of both models' training."""

    id: str
    label: str | None  # a category, or None for a news text without a content label
    # The classifier input (models.classify.classifier_text of the title and body words),
    # built once: one string per draft is all the fits read, never lists of token strings.
    text: str
    key: bytes  # identity of the normalized body, for deduplication
    source: str = "corpus"  # corpus | history
    reviewed_at: datetime | None = None
    corrected: bool = False  # the reviewer's category differs from the predicted one
    weight: float = 1.0
    news: bool = False  # written as a news release (the news-style model's label)
    group: str = ""  # the writer: group cross-validation never splits one writer's drafts
    parent: str | None = None  # set on an excerpt (training.augment): the draft it was cut from
    title: str = ""  # corpus texts keep their text: the news-style markers and headline
    body: str = ""  # evaluations read it (reviewed drafts need only their tokens)
    # A reviewed draft streamed from the database keeps no `text`: its grams are row `row` of
    # the history's feature counts (training.history.History.counts).
    row: int = -1


def body_key(body: str) -> bytes:
    """Drafts that differ only in width, spacing or line breaks are the same draft."""
    return hashlib.blake2b("".join(normalize(body).split()).encode(), digest_size=16).digest()


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


@lru_cache(maxsize=2)
def corpus_items(corpus_dir: Path = CORPUS_DIR, *, augment: bool = True) -> tuple[Item, ...]:
    """Every corpus draft (categories and news), tokenized once per process; with `augment`,
    long drafts with a category also give excerpts (`Item.parent` set) for the category
    model."""
    out: list[Item] = []
    for row in read_corpus(corpus_dir):
        doc = Document.from_text(row.get("title") or "", row["body"])
        writer, news = row.get("writer", ""), bool(row.get("news"))
        out.append(
            Item(
                row["id"],
                row["label"],
                classifier_text(doc.title.words, doc.body.words),
                body_key(row["body"]),
                news=news,
                group=writer,
                title=doc.title.text,
                body=doc.body.text,
            )
        )
        if augment and row["label"] in LABELS:
            for k, words in enumerate(excerpts(row["id"], doc.body.words), 1):
                title = doc.title.words if keeps_title(row["id"], k) else []
                body = "".join(words)
                out.append(
                    Item(
                        f"{row['id']}~{k}",
                        row["label"],
                        classifier_text(title, words),
                        body_key(body),
                        news=news,
                        group=writer,
                        parent=row["id"],
                        title="".join(title),
                        body=body,
                    )
                )
    return tuple(out)


def category_items(corpus_dir: Path = CORPUS_DIR, *, augment: bool = True) -> tuple[Item, ...]:
    """Drafts with a content label, news releases included (their content has a category),
    with their excerpts when `augment`."""
    return tuple(i for i in corpus_items(corpus_dir, augment=augment) if i.label in LABELS)
