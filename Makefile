# The two commands most people need: `make lab` (work through the course) and
# `make test` (run the whole test suite). Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
# The folder `make lab` serves; tests point it at a temporary copy of the release.
NOTEBOOKS ?= $(CURDIR)/release
# Two test processes (the machines this course targets have 2 cores; three were measured
# no faster: 707 s of tests against 663-735 s with two); tests that share an executed
# chapter are grouped onto one process (see tests/test_catalogue.py), and the longest
# groups start first (tests/conftest.py orders them; xdist's own reorder is off).
PYTEST_ARGS ?= -n 2 --dist loadgroup --no-loadscope-reorder
# Jupyter refuses to run as root (containers, CI) unless told it is on purpose.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: setup lab test check release gpu-check clean-venv system-packages

setup: $(STAMP)

# Re-install only when the dependency list changed; the stamp makes setup idempotent.
$(STAMP): pyproject.toml
	@{ command -v bwrap && command -v chromium && ls /usr/lib/postgresql/*/bin/pg_ctl; } >/dev/null 2>&1 || \
	    $(MAKE) --no-print-directory system-packages
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	@touch $(STAMP)

# JupyterLab on the student notebooks. Headless-friendly: no browser is opened,
# the URL with its token is printed. Set PORT=... to choose the port, NOTEBOOKS=...
# to serve another folder than release/.
lab: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab --no-browser \
	    --ip=127.0.0.1 --port=$(PORT) $(ALLOW_ROOT) --ServerApp.root_dir="$(NOTEBOOKS)"

test: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest $(PYTEST_ARGS)

release: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dlcourse release

check: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/dlcourse check

# Every chapter's reference on the CPU and, when PyTorch sees CUDA, on the GPU: seconds and
# pass/fail of each side (CHAPTERS=02_neural_networks,05 for some).
gpu-check: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m utils.gpu_check $(if $(CHAPTERS),--chapters $(CHAPTERS))

clean-venv:
	rm -rf $(VENV)

# Debian packages: bubblewrap sandboxes student code while grading; PostgreSQL serves
# the tests of the PostgreSQL gradebook (started on loopback by the tests themselves);
# Chromium is the browser the site and JupyterLab tests drive through Playwright.
SYSTEM_PACKAGES := bubblewrap postgresql chromium
system-packages:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null && apt-get install -y -q $(SYSTEM_PACKAGES) >/dev/null; }; \
	else \
	    echo "note: grading needs bubblewrap (its tests PostgreSQL, the browser tests chromium): sudo apt-get install $(SYSTEM_PACKAGES)"; \
	fi
