#!/usr/bin/env bash
# Installs the Debian packages the tests and benchmarks need, if missing:
# PostgreSQL 15 (server started by the tests), Chromium (browser tests), wrk (bench), gettext,
# nginx (the tests and the bench run deploy/nginx.conf on their own port; the service is stopped).
# `system-packages.sh run` installs only what `make run` needs: gettext (msgfmt compiles the
# Ukrainian catalogue).
set -euo pipefail
missing=()
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
if [ "${1:-}" != run ]; then
  [ -x /usr/lib/postgresql/15/bin/pg_ctl ] || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  # Debian's nginx is /usr/sbin/nginx, which is not on every user's PATH.
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Installing nginx may start its service on port 80; the tests start their own nginx on a free port.
if [[ " ${missing[*]} " == *" nginx "* ]]; then
  $SUDO /usr/sbin/nginx -s stop >/dev/null 2>&1 || true
fi
