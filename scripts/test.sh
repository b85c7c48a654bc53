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

# The two passes are independent (each its own database, var folder and ports), and
# each keeps about one core busy, so on a machine with two or more cores they run
# side by side: the suite then takes about as long as its longer pass.
# MASTHEAD_TEST_SERIAL=1 runs them one after the other.
PGDIR=$(mktemp -d /tmp/masthead-pg.XXXXXX)
PGPORT=$($PY -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
postgres_pid=
finish() {
  # A pass still running (Ctrl-C, or the other pass's failure stopped the script) stops with the server.
  if [ -n "$postgres_pid" ]; then kill "$postgres_pid" 2>/dev/null || true; fi
  bash scripts/postgres.sh stop "$PGDIR"
}
trap finish EXIT
bash scripts/postgres.sh start "$PGDIR" "$PGPORT"
postgres_pass() {
  MASTHEAD_VAR_DIR="$MASTHEAD_VAR_DIR/postgresql" DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres" \
    exec $PY -m pytest -q -p no:cacheprovider -m "not browser" "$@"
}

if [ "${MASTHEAD_TEST_SERIAL:-0}" != 1 ] && [ "$(nproc)" -ge 2 ]; then
  echo "== pytest on SQLite (with browser tests), and on PostgreSQL beside it (with the tests that use no database; its report follows)"
  # The tests that use no database run once, in the PostgreSQL pass: it is the shorter (masthead/conftest.py).
  (MASTHEAD_TEST_WITHOUT_DATABASE=run postgres_pass --durations=15) >"$PGDIR/pytest.log" 2>&1 &  # exec: $! is pytest
  postgres_pid=$!
  sqlite_status=0
  # The slowest tests are printed, to keep the suite quick.
  MASTHEAD_TEST_WITHOUT_DATABASE=skip $PY -m pytest -q -p no:cacheprovider --durations=15 || sqlite_status=$?
  postgres_status=0
  wait "$postgres_pid" || postgres_status=$?
  postgres_pid=
  echo "== pytest on PostgreSQL"
  cat "$PGDIR/pytest.log"
  if [ "$sqlite_status" != 0 ] || [ "$postgres_status" != 0 ]; then
    echo "== failed: SQLite pass exit $sqlite_status, PostgreSQL pass exit $postgres_status"
    exit 1
  fi
else
  echo "== pytest on SQLite (with browser tests)"
  $PY -m pytest -q -p no:cacheprovider
  echo "== pytest on PostgreSQL"
  (postgres_pass)
fi
echo "== all checks passed"
