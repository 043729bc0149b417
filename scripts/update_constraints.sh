#!/usr/bin/env bash
# Re-pin constraints.txt: install the project with every extra into a fresh
# virtual environment, taking the newest releases pip finds, and freeze what
# it installed. Run the whole suite with the new pins before committing them.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q -e ".[test,bench,lint]"
{
  echo "# What a clean clone installs: every package of .[test,bench,lint] and its"
  echo "# dependencies, at versions the suite passes with. Use it with"
  echo "#   pip install -c constraints.txt -e \".[test,lint]\""
  echo "# and regenerate it with scripts/update_constraints.sh (never by hand)."
  "$venv/bin/python" -m pip freeze --exclude-editable
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned"
