"""One entry point: text in, CheckReport out. Tokenize once; every check reads the Document."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from models.classify import CategoryModel
from models.report import CheckReport, Flag, Headline, NewsStyle, Stats
from models.text import Document

Check = Callable[[Document], list[Flag]]


def stats(doc: Document) -> Stats:
    body = doc.body
    return Stats(
        chars=len(body.text), sentences=len(body.sentences), paragraphs=len(body.paragraphs)
    )


def analyze(
    title: str,
    body: str,
    model: CategoryModel | None = None,
    checks: Sequence[Check] = (),
) -> CheckReport:
    doc = Document.from_text(title, body)
    category = model.predict(doc) if model is not None else None
    flags: list[Flag] = []
    for check in checks:
        flags.extend(check(doc))
    flags.sort(key=lambda f: (f.field != "title", f.start, f.end, f.rule))
    return CheckReport(
        category=category,
        news_style=NewsStyle(),
        flags=flags,
        headlines=list[Headline](),
        stats=stats(doc),
    )
