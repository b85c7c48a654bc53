#!/usr/bin/env bash
# `make messages`: gather every string marked for translation (all apps, templates,
# emails) into the Ukrainian catalogue masthead/locale/uk/LC_MESSAGES/django.po.
# Translate what is new there, then `make test` checks no string, the readers' or the editors', is left.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-masthead.settings.dev}
.venv/bin/python manage.py makemessages --locale uk --add-location file \
  --ignore "var/*" --ignore "bench/*" --ignore "scripts/*" --ignore "test-artifacts/*" \
  --ignore "*/tests/*" --ignore "*/migrations/*" -v 0
