"""The mypyc build (models/compiled.py) is used only when it matches the source, all or nothing."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import models.headlines
from models import compiled

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def _package(tmp_path: Path) -> Path:
    pkg = tmp_path / "tinypkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "mod.py").write_text(
        "def total(xs: list[int]) -> int:\n"
        "    out = 0\n"
        "    for x in xs:\n"
        "        out += x * x\n"
        "    return out\n"
    )
    return pkg


def _fake_build(tmp_path: Path, pkg: Path) -> Path:
    """A build directory whose manifest matches `pkg` (the extension file is a placeholder)."""
    build = tmp_path / "build"
    (build / "tinypkg").mkdir(parents=True)
    (build / "tinypkg" / f"mod{SUFFIX}").write_bytes(b"")
    manifest = {
        "format": compiled.FORMAT,
        "ext_suffix": SUFFIX,
        "modules": {"tinypkg.mod": f"tinypkg/mod{SUFFIX}"},
        "sources": compiled.source_hashes(pkg),
    }
    (build / compiled.MANIFEST).write_text(json.dumps(manifest))
    return build


def test_a_matching_build_is_used_and_any_source_change_makes_it_stale(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    build = _fake_build(tmp_path, pkg)
    files, reason = compiled.check_build(build, pkg)
    assert reason is None
    assert files == {"tinypkg.mod": build / "tinypkg" / f"mod{SUFFIX}"}

    (pkg / "mod.py").write_text((pkg / "mod.py").read_text() + "\nLIMIT = 3\n")
    files, reason = compiled.check_build(build, pkg)
    assert files is None and reason == "tinypkg/mod.py changed since the build"

    # a neighbour the build never compiled counts too: compiled code may rely on its types
    build = _fake_build(tmp_path / "again", pkg)
    (pkg / "extra.py").write_text("X = 1\n")
    files, reason = compiled.check_build(build, pkg)
    assert files is None and "tinypkg/extra.py" in (reason or "")


def test_no_build_another_python_or_a_missing_file_mean_pure_python(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    assert compiled.check_build(tmp_path / "nowhere", pkg) == (None, None)

    build = _fake_build(tmp_path, pkg)
    manifest = json.loads((build / compiled.MANIFEST).read_text())
    (build / compiled.MANIFEST).write_text(json.dumps({**manifest, "ext_suffix": ".cpython-39.so"}))
    files, reason = compiled.check_build(build, pkg)
    assert files is None and "cpython-39" in (reason or "")

    (build / compiled.MANIFEST).write_text(json.dumps(manifest))
    (build / "tinypkg" / f"mod{SUFFIX}").unlink()
    files, reason = compiled.check_build(build, pkg)
    assert files is None and "missing" in (reason or "")


def test_compiled_modules_use_nothing_a_native_module_lacks() -> None:
    """A compiled module's __file__ is in build/mypyc; a native class has no __dict__ (so a
    cached_property recomputes at every read) and no __slots__: such modules stay in PURE."""
    banned = {"__file__", "cached_property", "__slots__", "__dict__"}
    found = []
    for name in compiled.MODULES:
        path = ROOT / (name.replace(".", "/") + ".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            word = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
            if word in banned:
                found.append(f"{name}:{node.lineno}: {word}")
    assert found == []
    assert "models.headlines" in compiled.MODULES and "models.text" not in compiled.MODULES


def test_this_process_uses_the_build_exactly_when_it_matches() -> None:
    files, _ = compiled.check_build()
    wanted = files is not None and os.environ.get("GOVBRIEF_COMPILED", "1") == "1"
    assert compiled.ACTIVE is wanted
    assert compiled.is_compiled(models.headlines) is wanted


def test_the_switch_forces_pure_python() -> None:
    code = "import models.headlines as h, models.compiled as c; print(c.ACTIVE, c.is_compiled(h))"
    env = {**os.environ, "GOVBRIEF_COMPILED": "0"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


_PROBE = """
import sys
from pathlib import Path
from models import compiled
tmp = Path(sys.argv[1])
sys.path.insert(0, str(tmp))
assert compiled.install(tmp / "build" / "mypyc", tmp / "tinypkg") is (sys.argv[2] == "1")
import tinypkg.mod as m
print(compiled.is_compiled(m), m.total([1, 2, 3]))
"""


@pytest.mark.heavy
def test_a_real_build_loads_compiled_until_its_source_changes(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    compiled.build(["tinypkg.mod"], pkg, tmp_path / "build" / "mypyc", group="tinypkg")

    def probe(expected: str) -> tuple[list[str], str]:
        env = {**os.environ, "GOVBRIEF_COMPILED": "0", "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", _PROBE, str(tmp_path), expected],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.split(), out.stderr

    assert probe("1")[0] == ["True", "14"]
    (pkg / "mod.py").write_text((pkg / "mod.py").read_text().replace("x * x", "x * x * x"))
    stdout, stderr = probe("0")
    assert stdout == ["False", "36"]  # the edited source, not the stale extension
    assert "tinypkg/mod.py changed since the build" in stderr
