"""Run every bench_*.py module (or those named on the command line) and save the results."""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def main(names: list[str]) -> None:
    modules = names or sorted(p.stem for p in HERE.glob("bench_*.py"))
    results: dict[str, dict] = {}
    for name in modules:
        mod = importlib.import_module(f"bench.{name}")
        print(f"== {name}")
        start = time.perf_counter()
        results[name] = mod.run()
        print(f"   ({time.perf_counter() - start:.1f} s)")
    RESULTS.mkdir(exist_ok=True)
    record = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpu": platform.processor(),
            "cores": __import__("os").cpu_count(),
        },
        "results": results,
    }
    (RESULTS / "latest.json").write_text(json.dumps(record, ensure_ascii=False, indent=2))
    with (RESULTS / "history.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"results written to {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main(sys.argv[1:])
