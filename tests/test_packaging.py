"""pyproject.toml declares what the package imports, as ranges; the pinned files are the lock and
fall inside the ranges; ``pip install .`` into a clean virtual environment gives commands that work."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def requirements(entries: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(r.name): r for r in map(Requirement, entries)}


DECLARED = requirements(PYPROJECT["dependencies"])
DEV = requirements(PYPROJECT["optional-dependencies"]["dev"])


def third_party_imports(folder: Path) -> dict[str, str]:
    """Top-level modules imported anywhere in ``folder`` (lazy imports too) that are neither the
    standard library nor this project: module -> a file that imports it."""
    own = {"municipal_guidelines", "guidelines_dev"}
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in own:
                    found.setdefault(top, path.relative_to(ROOT).as_posix())
    return found


def distributions_of(module: str) -> set[str]:
    return {canonicalize_name(d) for d in packages_distributions().get(module, [])}


@pytest.mark.parametrize(("folder", "allowed"), [("src/municipal_guidelines", DECLARED), ("hooks", DECLARED), ("src/guidelines_dev", {**DECLARED, **DEV})])
def test_every_import_is_declared_in_pyproject(folder: str, allowed: dict[str, Requirement]) -> None:
    imports = third_party_imports(ROOT / folder)
    assert imports, f"{folder} imports nothing from outside: the test reads the wrong files"
    undeclared = {module: where for module, where in imports.items() if not distributions_of(module) & set(allowed)}
    assert undeclared == {}, f"imported but not in pyproject.toml's dependencies: {undeclared}"


def pins() -> dict[str, str]:
    pinned = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("#")[0].strip().split("==")
            pinned[canonicalize_name(name)] = version
    return pinned


def test_every_declared_range_holds_the_locked_version() -> None:
    locked = pins()
    for name, requirement in {**DECLARED, **DEV}.items():
        assert name in locked, f"{name} is declared in pyproject.toml but not locked in constraints.txt"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]} (constraints.txt) is outside {requirement}"
    assert "mkdocs" in DECLARED and not DECLARED["mkdocs"].specifier.contains("2.0"), "mkdocs must stay below 2 (no hooks in 2.0)"


@pytest.mark.slow
def test_pip_install_of_the_package_gives_working_commands(tmp_path: Path) -> None:
    """A clean virtual environment (no site packages of the machine), ``pip install .`` with the
    lock as constraints from the package index: ``guidelines --help`` and ``guidelines check`` on
    the project work. Needs the index (or pip's cache); skipped, saying so, where there is neither."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    source = tmp_path / "src"  # a copy: the build leaves build/ and *.egg-info behind
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "build", "*.egg-info", "__pycache__"))
    install = subprocess.run(
        [venv / "bin" / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", str(source), "-c", str(ROOT / "constraints.txt")],
        capture_output=True, text=True,
    )
    if install.returncode != 0 and ("NewConnectionError" in install.stderr or "No matching distribution" in install.stderr):
        pytest.skip(f"the package index cannot be reached: {install.stderr.strip().splitlines()[-1]}")
    assert install.returncode == 0, install.stderr
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"), "NO_MKDOCS_2_WARNING": "1"}
    helped = subprocess.run([venv / "bin" / "guidelines", "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert helped.returncode == 0 and "check" in helped.stdout, helped.stderr
    checked = subprocess.run([venv / "bin" / "guidelines", "check"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert checked.returncode == 0 and "er i orden" in checked.stdout, checked.stdout + checked.stderr


# The oldest Node.js the README promises (Debian 12 ships 18.19): every locked npm package runs on it.
OLDEST_NODE = (18, 18, 0)


def version(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.strip().lstrip("v").split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def admits(engines: str, node: tuple[int, ...]) -> bool:
    """Whether an npm ``engines.node`` range admits ``node`` (the forms the lock holds: ``*``,
    ``>=X``, ``^X``, alternatives joined by ``||``); any other form fails the test, to be read."""
    for alternative in engines.split("||"):
        comparators = alternative.replace(">= ", ">=").split()
        ok = True
        for comparator in comparators:
            if comparator == "*":
                continue
            if comparator.startswith(">="):
                ok &= node >= version(comparator[2:])
            elif comparator.startswith("^"):
                low = version(comparator[1:])
                ok &= node >= low and node[0] == low[0]
            else:
                raise AssertionError(f"an engines range this test cannot read: {engines!r}")
        if ok:
            return True
    return False


def test_every_locked_npm_package_runs_on_the_oldest_node_the_readme_names() -> None:
    import json

    packages = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    refused = {name: p["engines"]["node"] for name, p in packages.items() if "node" in p.get("engines", {}) and not admits(p["engines"]["node"], OLDEST_NODE)}
    assert refused == {}, f"these need a newer Node.js than {'.'.join(map(str, OLDEST_NODE))}: {refused}"
    assert "Node.js 18.18 or later" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert admits("^22 || ^24 || >=26", OLDEST_NODE) is False and admits("^18 || >=20", OLDEST_NODE) is True


def test_every_npm_tool_and_override_is_an_exact_locked_version() -> None:
    """ESLint and its config (devDependencies) and the nanoid override are pinned like the browser
    libraries (tests/test_vendor.py checks those): an exact version, the one package-lock.json holds."""
    import json

    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert {"eslint", "@eslint/js", "globals"} <= set(declared["devDependencies"])
    for name, version in {**declared["devDependencies"], **declared.get("overrides", {})}.items():
        assert version[0].isdigit() and all(c.isdigit() or c == "." for c in version), f"package.json: {name} {version!r} is a range"
        versions = {entry["version"] for path, entry in locked.items() if path.endswith(f"node_modules/{name}")}
        assert versions == {version}, f"package-lock.json holds {name} {versions}, package.json pins {version}: run npm install"
