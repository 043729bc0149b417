#!/usr/bin/env bash
# Refresh the interface's message catalogues after changing a string in
# bilateral/ or templates/: extract every message into locale/messages.pot,
# then merge it into each language's locale/<lang>/LC_MESSAGES/messages.po
# (new messages arrive untranslated; tests/test_i18n.py fails until they are
# translated). No fuzzy matching: a guessed translation is worse than none.
#   scripts/update_catalogues.sh          # every language under locale/
#   scripts/update_catalogues.sh az       # also start a new language
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k N_ -k NP_:1c,2 --sort-by-file --add-location=file --no-wrap \
  --project=bilateral --copyright-holder="the bilateral contributors" \
  -o locale/messages.pot .
for lang in "$@"; do
  [ -f "locale/$lang/LC_MESSAGES/messages.po" ] || pybabel init -i locale/messages.pot -d locale -l "$lang" --no-wrap
done
pybabel update -i locale/messages.pot -d locale --no-fuzzy-matching --ignore-obsolete --no-wrap --ignore-pot-creation-date
