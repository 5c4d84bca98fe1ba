# Sésame: `make run` serves the portal, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# Links that commands print or email (create-staff) point where `make run`
# serves, unless FLASK_PUBLIC_URL is already set (the https:// address
# behind a proxy, or the machine's name when HOST=0.0.0.0).
export FLASK_PUBLIC_URL ?= http://$(HOST):$(PORT)
FLASK := $(BIN)/flask --app app

.PHONY: run test bench pages views photos rush gestion install install-dev clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(FLASK) init-db
	$(FLASK) demo --if-none
	$(FLASK) serve --host $(HOST) --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest

# `make bench` runs every section; `make bench rush N=50` only the ones named
# (pages, views, photos, rush, gestion), N the number of candidates of the rush.
BENCH_SECTIONS := $(filter pages views photos rush gestion,$(MAKECMDGOALS))
bench: install-dev
	$(BIN)/python -m bench $(BENCH_SECTIONS) $(if $(N),--candidates $(N))

# Section names are words of `make bench`, not targets of their own.
pages views photos rush gestion:
	@:

clean:
	rm -rf $(VENV) .pytest_cache
