#!/usr/bin/env bash
# Set up a fresh Debian/Ubuntu machine for this project, idempotently:
#   - system packages: Apertium (bokmål<->nynorsk), Chromium (browser tests), Java (HTML validator),
#     poppler-utils (importing PDFs: pdftohtml; print test: pdftotext, pdftoppm);
#     installed with apt-get when missing (needs root, as in CI);
#   - the browser libraries the site serves itself (package.json, exact versions in package-lock.json)
#     in node_modules, installed with npm ci; docs/assets/vendor holds the copies the site publishes
#     (tests/test_vendor.py checks they are the installed files);
#   - a Python virtual environment in .venv with the exact versions of requirements-test.txt and this
#     project's package (pyproject.toml, src/municipal_guidelines) installed into it.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(apertium-nno-nob chromium default-jre-headless poppler-utils)
# Node.js and npm (for npm ci below): the machine's own if it has them, else Debian's.
command -v npm >/dev/null || APT_PACKAGES+=(nodejs npm)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-test.txt -c constraints.txt
# The project's own package (src/municipal_guidelines), editable: the hooks and the command line
# `guidelines` use the code of this checkout. Its dependencies are the pinned ones above.
.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e .

# npm ci: exactly package-lock.json's versions and checksums, no install scripts.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
