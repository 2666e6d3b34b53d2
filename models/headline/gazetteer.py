"""China's administrative divisions (province, city, county, township) for subject finding.

Data: the `china_location` dictionary shipped inside the jionlp package (Apache-2.0, maintained;
five levels from the national division codes). We read its zip directly, without importing
jionlp (whose import is slow), keep levels 0–3 (about 41k names and short forms; villages are
left out: too many and too ambiguous) and cache the set once per process (~0.2 s).
Without jionlp installed the set is empty and subjects come from the text alone.
"""

from __future__ import annotations

import importlib.util
import zipfile
from functools import lru_cache
from pathlib import Path

_ARCHIVE = ("dictionary", "china_location.zip")
_MEMBER = "china_location.txt"


def _archive() -> Path | None:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_ARCHIVE)
    return path if path.exists() else None


def parse(text: str) -> frozenset[str]:
    """Names (and short forms) of lines indented by at most three tabs."""
    names: set[str] = set()
    for line in text.split("\n"):
        if line.startswith("\t\t\t\t"):
            continue
        parts = line.strip("\t").split("\t")
        names.add(parts[0])
        if len(parts) > 2:
            names.add(parts[2])
    names.discard("")
    return frozenset(names)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    path = _archive()
    if path is None:
        return frozenset()
    with zipfile.ZipFile(path) as archive:
        return parse(archive.read(_MEMBER).decode("utf-8"))


def is_place(name: str) -> bool:
    return name in places()
