"""Code-backed checks. Importing this package registers every checker with the rule engine.

Each module holds pure `(Document, Rule) -> list[Flag]` functions decorated with
`@checker("name")`; the rule files in models/rules/data/ refer to them by that name and carry
their message, severity, reference and examples.
"""

from models.checks import news_style, numbers, sensitive, title, wording  # noqa: F401
