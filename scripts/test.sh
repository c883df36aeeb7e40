#!/usr/bin/env bash
# Set up the machine (scripts/setup.sh), then run every test: model, site build, translations,
# import, browser (Chromium + axe-core), links, HTML validation, print, scale limits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
exec .venv/bin/python -m pytest -n 2 -q --durations=30 "$@"
