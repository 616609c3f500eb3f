# Two commands for a fresh machine: `make report` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ENGAGEMENT ?= data/example
# make lab: where JupyterLab listens, and the folder it serves (the project by default).
LAB_IP   ?= 127.0.0.1
LAB_PORT ?= 8888
LAB_ROOT ?= $(CURDIR)
LAB_TOKEN ?=

.PHONY: install test test-quick report validate bench lab clean catalogue

install: $(STAMP)

# Reinstall whenever the declared dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv $(VENV); }
	@# uv installs the same packages as pip in a third of the time (19 s against 61 s here, no
	@# cache); pip itself when uv cannot be had or fails. Compiled now, as pip does: where
	@# PYTHONDONTWRITEBYTECODE is set, every kernel would otherwise compile pandas at each start.
	@echo "Installing the packages into $(VENV) ..."
	@{ $(BIN)/python -m pip install --quiet --disable-pip-version-check uv && \
		$(BIN)/python -m uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[test]'; } || \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@# Notebooks reach git without outputs: nbstripout cleans them on `git add` (.gitattributes
	@# names the filter). Cell ids are kept, so that an inserted cell does not renumber the rest.
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git config filter.nbstripout.clean '"$(CURDIR)/$(BIN)/python" -m nbstripout --keep-id' && \
		git config filter.nbstripout.smudge cat && \
		git config diff.ipynb.textconv '"$(CURDIR)/$(BIN)/python" -m nbstripout -t --keep-id'; fi
	@touch $(STAMP)

# Two test processes (pytest-xdist), a test file each at a time (nbval runs a notebook's cells in
# order, in one kernel): the renders wait on kernels and subprocesses, so two keep both cores busy.
TEST_WORKERS ?= 2
PARALLEL = $(if $(filter-out 0 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)
test: $(STAMP)
	$(BIN)/python -m pytest tests --nbval-lax --nbval-cell-timeout=600 notebooks $(PARALLEL)

# The tests without those marked `render` (the report fixtures, the browser, PDF, cluster and notebooks): about a minute.
test-quick: $(STAMP)
	$(BIN)/python -m pytest tests -m "not render" $(PARALLEL)

report: $(STAMP) catalogue
	$(BIN)/workbook render $(ENGAGEMENT)

# The example partner catalogue (data/catalogue/) in data/catalogue.sqlite, made once: the example
# engagement's matchmaking page reads it (unless WORKBOOK_CATALOGUE names another catalogue).
catalogue: $(STAMP)
	@test -n "$$WORKBOOK_CATALOGUE" || test -f data/catalogue.sqlite || \
		$(BIN)/workbook catalogue import data/catalogue --catalogue data/catalogue.sqlite

bench: $(STAMP) catalogue
	$(BIN)/python benchmarks/bench.py

validate: $(STAMP)
	$(BIN)/workbook validate $(ENGAGEMENT)

# JupyterLab with real-time collaboration (jupyter-collaboration): share the URL it prints and
# the team edits the same notebook at once. LAB_IP=0.0.0.0 to let colleagues on the network in.
lab: $(STAMP)
	@mkdir -p $(LAB_ROOT)/.jupyter
	$(BIN)/jupyter lab --no-browser --ip=$(LAB_IP) --port=$(LAB_PORT) --ServerApp.port_retries=0 \
		--ServerApp.root_dir=$(LAB_ROOT) --LabApp.default_url=/lab/tree/notebooks \
		--YDocExtension.disable_rtc=False --LabApp.news_url=None \
		--SQLiteYStore.db_path=$(LAB_ROOT)/.jupyter/ystore.db \
		--BaseFileIdManager.db_path=$(LAB_ROOT)/.jupyter/file_ids.db \
		$(if $(LAB_TOKEN),--IdentityProvider.token=$(LAB_TOKEN)) \
		$(if $(filter 0,$(shell id -u)),--allow-root)

clean:
	rm -rf $(VENV) reports/*/ .pytest_cache
