#!/usr/bin/env bash
# One entry point for people and CI:
#   ./site.sh serve   set up, then serve the site at http://127.0.0.1:8000 (rebuilds when data/ changes)
#   ./site.sh build   set up, validate and build the site into site/ (nothing is replaced if anything fails)
#   ./site.sh test [--quick]   set up, then run the whole test suite (--quick: the fixture-scale tests only)
#   ./site.sh validate  check the YAML records only
#   ./site.sh reports [--out DIR]   write each briefing in reports/ as PDF and printable HTML (default: build/reports)
#   ./site.sh new event "Title" [--date YYYY-MM-DD]   start a new record file (any type: case, source, person, ...)
#   ./site.sh ingest 287g FILE.xlsx [FILE...]   read ICE's 287(g) lists into data/datasets/ice-287g/
#   ./site.sh ingest npr FOLDER | ingest ddp FILE   validate a publisher's detainer data, write data/datasets/
#   ./site.sh ingest detention FOLDER_OR_FILE.xlsx...   read ICE's detention statistics into data/datasets/ice-detention/
#   ./site.sh translated FILE [FILE...]   record that each file's Spanish (es:) translates its current English
#   ./site.sh format [--check]   write the record files in canonical form (or only report the ones that are not)
set -euo pipefail
cd "$(dirname "$0")"
export NO_MKDOCS_2_WARNING=1 PYTHONDONTWRITEBYTECODE=1

# The Debian packages a build (site) or the test suite (tests) needs, from the one list in scripts/site/system_packages.py
# that .ci/run uses too: as root it installs missing ones; otherwise it names them and exits with code 3.
system_packages() {
  "${PYTHON:-python3}" -m scripts.site.system_packages "$1"
}

setup() {
  local python=${PYTHON:-python3}
  if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
  fi
  local stamp=.venv/.requirements.sha256
  local want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$want" > "$stamp"
  fi
}

command=${1:-}
shift || true
case "$command" in
  serve)
    system_packages site
    setup
    # No validation first: with broken data the server still starts and every page lists the problems.
    exec .venv/bin/mkdocs serve --strict -a 127.0.0.1:8000 "$@"
    ;;
  build|reports)
    system_packages site
    setup
    exec .venv/bin/python -m scripts "$command" "$@"
    ;;
  validate|new|format|translated|ingest)
    setup
    exec .venv/bin/python -m scripts "$command" "$@"
    ;;
  test)
    system_packages tests
    setup
    .venv/bin/python -m scripts schema --check
    .venv/bin/python -m scripts templates --check
    .venv/bin/python -m scripts format --check
    # On every core (pytest-xdist), a module's tests on one worker, modules in the order tests/conftest.py gives
    # (the real site is built once, by the first worker that needs it, while the other works on other modules; xdist
    # would otherwise hand out the largest modules first). --quick: the fixture-scale tests only, what to run while
    # working.
    if [ "${1:-}" = "--quick" ]; then
      shift
      exec .venv/bin/python -m pytest -n auto -m "not slow" "$@"
    fi
    exec .venv/bin/python -m pytest -n auto --dist loadscope --no-loadscope-reorder "$@"
    ;;
  *)
    echo "usage: ./site.sh serve|build|validate|reports|new|format|translated|ingest|test" >&2
    exit 2
    ;;
esac
