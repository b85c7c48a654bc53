#!/usr/bin/env bash
# `make test`: everything CI checks, on a fresh machine, with no standard input.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

bash scripts/system-packages.sh
make --no-print-directory install-dev

export DJANGO_SETTINGS_MODULE=masthead.settings.test
export MASTHEAD_VAR_DIR="${MASTHEAD_VAR_DIR:-$PWD/var/test}"
mkdir -p "$MASTHEAD_VAR_DIR"

echo "== translations (the Ukrainian catalogue, compiled from the committed .po)"
(cd masthead && ../$PY ../manage.py compilemessages --locale uk -v 0)

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "== migrations and system checks"
$PY manage.py makemigrations --check --dry-run
$PY manage.py check --fail-level WARNING
SECRET_KEY="check-deploy-$(date +%s)-a-long-random-looking-value-for-the-check-only" \
  ALLOWED_HOSTS=news.example MASTHEAD_BASE_URL=https://news.example DJANGO_SETTINGS_MODULE=masthead.settings.production \
  $PY manage.py check --deploy --fail-level WARNING

echo "== third-party licences (compatible with GPL-3.0-or-later, THIRD_PARTY_LICENSES.md up to date)"
$PY scripts/licenses.py --check

echo "== pytest on SQLite (with browser tests)"
$PY -m pytest -q -p no:cacheprovider

echo "== pytest on PostgreSQL"
PGDIR=$(mktemp -d /tmp/masthead-pg.XXXXXX)
PGPORT=$($PY -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
trap 'bash scripts/postgres.sh stop "$PGDIR"' EXIT
bash scripts/postgres.sh start "$PGDIR" "$PGPORT"
DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres" \
  $PY -m pytest -q -p no:cacheprovider -m "not browser"
echo "== all checks passed"
