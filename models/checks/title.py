"""title checks (code-backed rules; see models/rules/data/title.yml)."""

from __future__ import annotations
