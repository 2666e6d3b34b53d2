"""numbers checks (code-backed rules; see models/rules/data/numbers.yml)."""

from __future__ import annotations
