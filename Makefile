# RepReady: `make serve` serves the portal at http://127.0.0.1:8000, `make test` runs every test.
# Both set up everything they need on a fresh machine (a virtualenv in .venv; Debian's chromium for tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint typecheck bench pages clean setup-site setup-test setup-lrs chromium lrs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[site]'
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.site $(VENV)/.lrs

$(VENV)/.lrs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[site,lrs]'
	touch $@ $(VENV)/.site

setup-site: $(VENV)/.site
setup-lrs: $(VENV)/.lrs
setup-test: $(VENV)/.test chromium

## The portal with the bundled sample content, rebuilt when a bank or page changes.
serve: setup-site
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## A local Ralph LRS at http://127.0.0.1:8100/xAPI/ for trying the LRS link with `make serve`
## (data and credentials in lrs-data/; ROSTER=roster.csv gives each rep a user). See docs/managers/lrs.md.
lrs: setup-lrs
	$(BIN)/python -m generator.lrs.trial --data lrs-data --cors http://127.0.0.1:8000 $(if $(ROSTER),--roster $(ROSTER))

## A static copy of the portal in site/.
build: setup-site
	$(BIN)/mkdocs build --strict

## Quiz pages as plain Markdown + assets, for engines without MkDocs plugins.
pages: setup-site
	$(BIN)/repready build-pages --out build/pages

chromium:
	@command -v /usr/bin/chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: setup-test
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/ruff check generator tests benchmarks

typecheck: setup-test
	$(BIN)/mypy

## Every test: lint, types, banks, schema, unit, build, browser.
test: setup-test lint typecheck
	$(BIN)/repready validate
	$(BIN)/repready schema --check
	$(BIN)/pytest

check: test

bench: setup-test
	$(BIN)/python benchmarks/build_bench.py
	$(BIN)/python benchmarks/score_bench.py
	$(BIN)/python benchmarks/lrs_bench.py

clean:
	rm -rf site build reports .pytest_cache .mypy_cache .ruff_cache benchmarks/.work
