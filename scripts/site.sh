#!/usr/bin/env bash
# Set up the machine (scripts/setup.sh), then serve the site on http://127.0.0.1:8000/ (default)
# or build it into site/:   bash scripts/site.sh [serve|build]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
case "${1:-serve}" in
  serve) exec .venv/bin/guidelines serve ;;  # mkdocs serve --dirty: a saved guideline rebuilds only what derives from it
  build) exec .venv/bin/mkdocs build --strict ;;
  *) echo "usage: bash scripts/site.sh [serve|build]" >&2; exit 2 ;;
esac
