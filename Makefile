# iamconsole: `make run` serves the console, `make test` runs ruff and the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
MANAGE := $(BIN)/python manage.py

.PHONY: run test conformance bench fuzz lint setup migrate demo screenshots clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

setup: $(STAMP)

migrate: $(STAMP)
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_aws_managed_policies
	$(MANAGE) load_demo

run: demo
	@echo "iamconsole: http://127.0.0.1:$(PORT)/"
	$(MANAGE) runserver --noreload 127.0.0.1:$(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest -n auto
	$(MAKE) conformance

# moto's IAM tests against a live server: prints passed / in scope / rate (tests/conformance).
conformance: $(STAMP)
	CONFORMANCE=all $(BIN)/python -m pytest -n auto -q tests/conformance

screenshots: demo
	$(MANAGE) screenshots

bench: $(STAMP)
	$(BIN)/python -m bench

# schemathesis with two workers against two gunicorn workers on a fresh SQLite database with
# the demo: no server error (tests/fuzz_api.py; FUZZ_MAX_EXAMPLES, ARGS for `st run`).
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz_api $(ARGS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
