"""sensitive checks (code-backed rules; see models/rules/data/sensitive.yml)."""

from __future__ import annotations
