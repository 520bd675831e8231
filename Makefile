# Each target sets up its own virtual environment (.venv) first, so a fresh clone needs only
# Python 3.11+ and make.
VENV := .venv
PY := $(VENV)/bin/python
QUESTION ?= wie is verantwoordelijk voor network security?
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: ask index test lint bench postgres

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

ask: $(VENV)/.installed  ## answer a sample question from the bundled knowledge base
	$(VENV)/bin/faqbot ask "$(QUESTION)"

index: $(VENV)/.installed
	$(VENV)/bin/faqbot index

test: $(VENV)/.installed postgres  ## type check, then the whole test suite
	$(PY) -m mypy
	$(PY) -m pytest

# The store's tests start a throwaway PostgreSQL server of their own (tests/postgres.py); its
# programs come from Debian's postgresql package, installed here where they are not found.
postgres:
	@if { command -v initdb && command -v pg_ctl; } >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; \
	then :; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql package (the store's tests run a PostgreSQL server)"; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q postgresql \
	    || echo "WARNING: PostgreSQL could not be installed: its tests will skip (and fail in CI)"; \
	else echo "WARNING: no PostgreSQL (initdb, pg_ctl) and no apt-get: install PostgreSQL, or its tests skip"; fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
