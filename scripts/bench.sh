#!/usr/bin/env bash
# `make bench`: load tests on 127.0.0.1 only; prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
(cd masthead && ../.venv/bin/python ../manage.py compilemessages --locale uk -v 0)  # as make run and make test do
.venv/bin/python bench/run.py "$@"
