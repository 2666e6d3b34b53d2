"""The real-text development set and JSON Lines reading, shared by the measurement commands.

`../shared/realtext/dev.jsonl` (relative to the project root) holds real published pieces for
measurement and error analysis only: never trained on, never copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "realtext" / "dev.jsonl"


def read_jsonl(path: Path) -> list[dict]:
    """One object per non-empty line (UTF-8)."""
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
