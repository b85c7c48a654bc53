#!/usr/bin/env bash
# `make run`: the demo newsroom and its background workers, together, in the foreground.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT=${PORT:-8000}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-masthead.settings.dev}
export MASTHEAD_BASE_URL=${MASTHEAD_BASE_URL:-http://127.0.0.1:$PORT}

if ! $PY - "$PORT" 2>/dev/null <<'PY'
import socket, sys
with socket.socket() as sock:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as runserver does
    sock.bind(("127.0.0.1", int(sys.argv[1])))
PY
then
  echo "Port $PORT on 127.0.0.1 is already in use (another make run?). Stop that, or choose another port: PORT=8001 make run" >&2
  exit 1
fi

bash scripts/system-packages.sh run
(cd masthead && ../$PY ../manage.py compilemessages --locale uk -v 0)  # the Ukrainian edition's strings
$PY manage.py migrate --noinput -v 0
$PY manage.py load_demo --quiet-if-loaded

pids=()
stop() {
  trap - INT TERM EXIT
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Two workers, so mail never waits behind audio or an import (masthead/core/queues.py):
# one for emails and quick jobs, one for the long jobs, narration and imports.
$PY manage.py db_worker --queue-name default,mail --no-reload &
pids+=($!)
$PY manage.py db_worker --queue-name narration,imports --no-reload &
pids+=($!)
$PY manage.py runserver "127.0.0.1:$PORT" --noreload &
web=$!
pids+=("$web")

# The address is printed once the site answers (or the site's own error, if it stops).
for _ in $(seq 60); do
  if $PY -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=2)" \
    "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then
    break
  fi
  kill -0 "$web" 2>/dev/null || break
  sleep 0.5
done
# Where the workers put the nightly backups (masthead/core/nightly_backup.py): read from the settings alone.
backups=$($PY -c 'from django.conf import settings as s; d = s.MASTHEAD_BACKUP_DIR
print(f"{d}, every night at {s.MASTHEAD_BACKUP_TIME} newsroom time" if d else "off (MASTHEAD_BACKUP_DIR is empty)")' 2>/dev/null || echo "see Settings → Background work")
cat <<MSG

  Masthead is running.
    Site:   http://127.0.0.1:$PORT/
    Admin:  http://127.0.0.1:$PORT/admin/
    Outbox: http://127.0.0.1:$PORT/outbox/   (emails the site "sent")
    Backups: $backups
  Logins (user / password): admin / masthead-admin, editor / masthead-editor, writer / masthead-writer
  Press Ctrl-C to stop the site and the workers.

MSG
# Stop everything when any process ends.
wait -n "${pids[@]}"
