#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server on 127.0.0.1 in a temporary folder.
#   scripts/postgres.sh start DIR PORT    (prints nothing; the server listens on 127.0.0.1:PORT)
#   scripts/postgres.sh stop DIR
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
action=$1 dir=$2
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$action" in
  start)
    port=$3
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    as_postgres "$BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    as_postgres "$BIN/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      -w start >/dev/null
    ;;
  stop)
    as_postgres "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
esac
