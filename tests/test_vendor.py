"""The browser libraries the site serves itself are the files of their pinned npm packages.

package.json pins each at an exact version; package-lock.json holds the version and checksum npm ci
installs (scripts/setup.sh); docs/assets/vendor holds the copies the site publishes. A copy edited
by hand, or left behind when the pin moves, fails here."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

# vendored file in docs/ -> (npm package, file in the package)
VENDORED = {"assets/vendor/docx/index.iife.js": ("docx", "dist/index.iife.js")}


def test_every_dependency_is_pinned_to_an_exact_version_and_locked() -> None:
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, version in declared.items():
        assert version[0].isdigit(), f"package.json: {name} {version!r} is a range; pin an exact version"
        entry = locked[f"node_modules/{name}"]
        assert entry["version"] == version and entry["integrity"].startswith("sha512-"), f"package-lock.json: {name} {entry}"


def test_vendored_files_are_the_installed_package_files(site: Path) -> None:
    declared = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for served, (package, inner) in VENDORED.items():
        installed = ROOT / "node_modules" / package
        assert installed.is_dir(), f"{installed} is missing: run scripts/setup.sh (npm ci)"
        version = json.loads((installed / "package.json").read_text(encoding="utf-8"))["version"]
        assert version == declared[package], f"node_modules has {package} {version}, package.json pins {declared[package]}: run npm ci"
        expected = (installed / inner).read_bytes()
        assert (ROOT / "docs" / served).read_bytes() == expected, f"docs/{served} is not {package} {version}'s {inner}: copy it again"
        assert (site / served).read_bytes() == expected, f"the built site does not serve {package}'s {inner} at /{served}"
        notice = (site / Path(served).parent / "LICENSE.txt").read_text(encoding="utf-8")
        assert f"{package} {version}" in notice and (installed / "LICENSE").read_text(encoding="utf-8") in notice
