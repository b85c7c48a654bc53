#!/usr/bin/env bash
# `make bench`: load tests on 127.0.0.1 only; prints one table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
.venv/bin/python bench/run.py "$@"
