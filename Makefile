# Two commands for a fresh machine: `make report` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ENGAGEMENT ?= data/example

.PHONY: install test report validate bench clean

install: $(STAMP)

# Reinstall whenever the declared dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest tests --nbval-lax --nbval-cell-timeout=600 notebooks

report: $(STAMP)
	$(BIN)/workbook render $(ENGAGEMENT)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

validate: $(STAMP)
	$(BIN)/workbook validate $(ENGAGEMENT)

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache
