# Masthead: `make run` for the demo newsroom, `make test` for the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test bench lint format lock licenses install install-dev clean messages

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## The demo newsroom on http://127.0.0.1:$(PORT)/ with its background worker.
run: $(VENV)/.installed
	bash scripts/run.sh

## Lint, migrations check, system checks, the suite on SQLite and PostgreSQL, browser tests.
test:
	bash scripts/test.sh

## Load-test pages and workers; prints one table.
bench: $(VENV)/.installed-dev
	bash scripts/bench.sh

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Gather new strings into the Ukrainian catalogue (masthead/locale/uk/LC_MESSAGES/django.po) to translate.
messages: $(VENV)/.installed
	bash scripts/messages.sh

## Re-pin the lock files from requirements.in and requirements-dev.in.
lock:
	rm -rf /tmp/masthead-lock && $(PYTHON) -m venv /tmp/masthead-lock
	/tmp/masthead-lock/bin/pip install --quiet -r requirements.in
	/tmp/masthead-lock/bin/pip freeze --all --exclude pip --exclude setuptools --exclude wheel > requirements.txt
	/tmp/masthead-lock/bin/pip install --quiet -r requirements-dev.in
	/tmp/masthead-lock/bin/pip freeze --all --exclude pip --exclude setuptools --exclude wheel | grep -vxFf requirements.txt > requirements-dev.txt || true

## Rewrite THIRD_PARTY_LICENSES.md (after a dependency changes); `make test` checks it.
licenses: $(VENV)/.installed-dev
	$(PY) scripts/licenses.py

clean:
	rm -rf $(VENV) var test-artifacts
