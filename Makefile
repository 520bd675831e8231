# Each target sets up its own virtual environment (.venv) first, so a fresh clone needs only
# Python 3.11+ and make.
VENV := .venv
PY := $(VENV)/bin/python
QUESTION ?= wie is verantwoordelijk voor network security?

.PHONY: ask index test lint bench

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

ask: $(VENV)/.installed  ## answer a sample question from the bundled knowledge base
	$(VENV)/bin/faqbot ask "$(QUESTION)"

index: $(VENV)/.installed
	$(VENV)/bin/faqbot index

test: $(VENV)/.installed  ## type check, then the whole test suite
	$(PY) -m mypy
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
