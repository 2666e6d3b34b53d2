"""news_style checks (code-backed rules; see models/rules/data/news_style.yml)."""

from __future__ import annotations
