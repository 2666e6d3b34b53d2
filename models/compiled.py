"""The mypyc-compiled build of the hot pure-text modules, used only when it matches the source.

`make install` runs `main(["build"])`: mypyc compiles `MODULES` (every module of the package
but `PURE`) to C extensions in `build/mypyc/` (never next to the .py files) and writes `manifest.json` with the sha256 of
every `models/**/*.py` as it was when the build started. Importing `models` calls `activate()`:
when every hash still matches (and the Python ABI is the same) an import finder serves those
modules from the build; otherwise the plain .py files load, with one log line when a build
exists but is stale. All or nothing: compiled modules call each other directly, so a compiled
module must never run against an edited neighbour. `GOVBRIEF_COMPILED=0` forces pure Python.

Left out (`PURE`; tests/models/test_compiled.py keeps `__file__`, `cached_property`,
`__slots__` and `__dict__` out of the compiled ones): this module and the package `__init__`s (they run before the finder), modules whose
objects skops saves or that tests monkeypatch (`models.tokenize`, `models.vectorizer`,
`models.joint`, numpy work anyway), the classes whose `functools.cached_property` caches
(a native class has no `__dict__`: compiled, `models.analyze` rebuilt the joint vocabulary on
every check, 0.5 s, and `models.text` tokenized the draft again at every `.words`), the
pydantic schema (mypyc cannot compile it), the report's slotted dataclasses (`to_dict` reads
their `__slots__`, which native classes lack), and the modules off the check's path.

Measured (issue 15, 50 modules, opt_level 3): 10% fewer instructions per distinct 1,500-char
draft (callgrind, 40 drafts: 34.2M → 30.8M), identical reports; most of what is left runs in
libpython itself (str, dict, re), which compiling the callers does not remove.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import json
import logging
import os
import shutil
import sys
import sysconfig
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parent
BUILD_DIR = ROOT / "build" / "mypyc"
MANIFEST = "manifest.json"
GROUP = "govbrief_models"  # the shared library: govbrief_models__mypyc<EXT_SUFFIX>
FORMAT = 1

# Not compiled (see the module docstring); every other module of the package is.
PURE = frozenset(
    {
        "models",
        "models.analyze",
        "models.artifacts",
        "models.compiled",
        "models.docx_annotate",
        "models.files",
        "models.joint",
        "models.likelihood",
        "models.neardup",
        "models.report",
        "models.rules.schema",
        "models.text",
        "models.tokenize",
        "models.vectorizer",
    }
)


def _module_names(package_dir: Path) -> tuple[str, ...]:
    base = package_dir.parent
    names = []
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(base).with_suffix("").parts
        if parts[-1] != "__init__":  # packages stay plain: their __path__ finds the modules
            names.append(".".join(parts))
    return tuple(n for n in names if n not in PURE)


MODULES = _module_names(PACKAGE_DIR)

# True once activate() installed the finder in this process
ACTIVE = False


def source_hashes(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """sha256 of every .py file of the package, by path relative to its parent directory."""
    base = package_dir.parent
    return {
        p.relative_to(base).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(package_dir.rglob("*.py"))
    }


def stale_reason(manifest: dict[str, object], package_dir: Path) -> str | None:
    """Why a build with this manifest must not be used for these sources (None: use it)."""
    if manifest.get("format") != FORMAT:
        return "unknown manifest format"
    if manifest.get("ext_suffix") != _ext_suffix():
        return f"built for {manifest.get('ext_suffix')}, this Python wants {_ext_suffix()}"
    built = manifest.get("sources")
    if not isinstance(built, dict):
        return "manifest lists no sources"
    now = source_hashes(package_dir)
    changed = sorted(p for p in built.keys() | now.keys() if built.get(p) != now.get(p))
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        return f"{changed[0]}{more} changed since the build"
    return None


class CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules (and the shared library) as extension modules of a build."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        so = self.files.get(fullname)
        if so is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(so))
        return importlib.machinery.ModuleSpec(fullname, loader, origin=str(so))


def check_build(
    build_dir: Path = BUILD_DIR, package_dir: Path = PACKAGE_DIR
) -> tuple[dict[str, Path] | None, str | None]:
    """(module name → extension file, None) for a usable build; (None, why not) otherwise.
    The reason is None when there is no build at all (nothing worth a log line)."""
    try:
        manifest = json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError) as exc:
        return None, f"unreadable manifest ({exc})"
    reason = stale_reason(manifest, package_dir)
    if reason is not None:
        return None, reason
    files = {name: build_dir / rel for name, rel in manifest["modules"].items()}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        return None, f"{missing[0]} is missing"
    return files, None


def install(build_dir: Path, package_dir: Path) -> bool:
    """Put a finder for the build's modules first on sys.meta_path when the build matches the
    package's source; log why not when a build exists but does not match."""
    files, reason = check_build(build_dir, package_dir)
    if files is None:
        if reason is not None:
            log.warning(
                "%s: compiled build not used (%s); pure Python (rebuild: make install)",
                package_dir.name,
                reason,
            )
        return False
    sys.meta_path.insert(0, CompiledFinder(files))
    return True


def activate() -> bool:
    """Serve models/ from build/mypyc when it matches (once per process; GOVBRIEF_COMPILED=0:
    never)."""
    global ACTIVE
    if not ACTIVE and os.environ.get("GOVBRIEF_COMPILED", "1") not in {"0", "false", "no", "off"}:
        ACTIVE = install(BUILD_DIR, PACKAGE_DIR)
    return ACTIVE


def is_compiled(module: ModuleType) -> bool:
    """The module was loaded from a compiled build (an extension module)."""
    return isinstance(getattr(module, "__loader__", None), importlib.machinery.ExtensionFileLoader)


def _ext_suffix() -> str:
    return str(sysconfig.get_config_var("EXT_SUFFIX"))


def build(
    modules: Sequence[str] = MODULES,
    package_dir: Path = PACKAGE_DIR,
    build_dir: Path = BUILD_DIR,
    group: str = GROUP,
    opt_level: str = "3",
) -> Path:
    """Compile `modules` with mypyc into `build_dir` (replaced whole) and write its manifest.

    Needs mypy (the dev extra) and a C compiler. The hashes are taken before compiling, so a
    file edited during the build makes the build stale rather than wrong."""
    from mypyc.build import mypycify  # dev tools: only the build needs them
    from setuptools import Distribution

    root = package_dir.parent
    hashes = source_hashes(package_dir)
    work = build_dir.with_name(build_dir.name + ".work")
    out = build_dir.with_name(build_dir.name + ".new")
    shutil.rmtree(out, ignore_errors=True)
    paths = [_source(root, name) for name in modules]
    cwd = os.getcwd()
    os.chdir(root)  # mypyc names modules by their path from here
    try:
        extensions = mypycify(
            paths,
            opt_level=opt_level,
            multi_file=True,  # one C file per module: gcc runs on both cores
            group_name=group,
            target_dir=str(work / "c"),
        )
        dist = Distribution({"name": group, "ext_modules": extensions})
        cmd = dist.get_command_obj("build_ext")
        cmd.build_lib = str(out)
        cmd.build_temp = str(work / "tmp")
        cmd.parallel = os.cpu_count() or 1
        dist.run_command("build_ext")
    finally:
        os.chdir(cwd)
    suffix = _ext_suffix()
    files = {name: name.replace(".", "/") + suffix for name in modules}
    files[f"{group}__mypyc"] = f"{group}__mypyc{suffix}"
    for rel in files.values():
        if not (out / rel).is_file():
            raise RuntimeError(f"mypyc build produced no {rel}")
    manifest = {
        "format": FORMAT,
        "ext_suffix": suffix,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "modules": files,
        "sources": hashes,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    shutil.rmtree(build_dir, ignore_errors=True)
    out.rename(build_dir)
    return build_dir


def _source(root: Path, name: str) -> str:
    path = Path(*name.split("."))
    return str(path / "__init__.py" if (root / path).is_dir() else path.with_suffix(".py"))


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m models.compiled build|status`. A failed build is not an error for `make
    install`: everything runs as pure Python."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["status"]:
        files, reason = check_build()
        print("compiled build in use" if files else f"pure Python ({reason or 'no build'})")
        return 0
    if args[:1] != ["build"]:
        print("usage: python -m models.compiled build|status", file=sys.stderr)
        return 2
    started = time.monotonic()
    try:
        build()
    except Exception as exc:  # no compiler, no mypy, a mypyc error: pure Python it is
        shutil.rmtree(BUILD_DIR, ignore_errors=True)
        print(f"models: mypyc build failed ({exc}); running as pure Python", file=sys.stderr)
        return 1
    print(
        f"models: {len(MODULES)} modules compiled into {BUILD_DIR} in "
        f"{time.monotonic() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
