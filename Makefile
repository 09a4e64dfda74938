# RepReady: `make serve` serves the portal at http://127.0.0.1:8000, `make test` runs every test.
# Both set up everything they need on a fresh machine (a virtualenv in .venv; Debian's chromium for tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check lint typecheck jstest widget bench pages zensical clean setup-site setup-test setup-lrs chromium pdftotext lrs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[site]'
	touch $@

$(VENV)/.test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.site $(VENV)/.lrs $(VENV)/.zensical

$(VENV)/.lrs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[site,lrs]'
	touch $@ $(VENV)/.site

# The widget's linter and test runner, exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup-site: $(VENV)/.site
setup-lrs: $(VENV)/.lrs
setup-test: $(VENV)/.test chromium pdftotext node_modules/.installed

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

## The whole portal built with Zensical (no MkDocs plugin involved) in build/zensical/.
$(VENV)/.zensical: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[site,zensical]'
	touch $@

zensical: $(VENV)/.zensical
	$(BIN)/repready zensical --out build/zensical

chromium:
	@command -v /usr/bin/chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

## Debian's poppler-utils: the print test reads the report's PDF back with pdftotext.
pdftotext:
	@command -v pdftotext >/dev/null 2>&1 || { \
	  echo "installing Debian's poppler-utils (pdftotext) for the print tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

lint: setup-test
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/ruff check generator tests benchmarks
	npx --no-install eslint
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/zizmor --offline --config .github/zizmor.yml .github/workflows/*.yml

## The widget's unit tests (graders, ids, bundles current) under node's own test runner.
jstest: setup-test
	node --test tests/js/

## Rebundle the widget (theme/assets/repready/dist/, committed) after changing its sources.
widget: node_modules/.installed
	npm run build --silent

typecheck: setup-test
	$(BIN)/mypy

## Every test: lint, types, banks, schema, unit, build, browser.
test: setup-test lint typecheck jstest
	$(BIN)/repready validate
	$(BIN)/repready schema --check
	$(BIN)/pytest

check: test

bench: setup-test
	$(BIN)/python benchmarks/build_bench.py
	$(BIN)/python benchmarks/score_bench.py
	$(BIN)/python benchmarks/lrs_bench.py
	$(BIN)/python benchmarks/widget_weight.py
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --prefix benchmarks/gift-pegjs; fi
	$(BIN)/python benchmarks/gift_bench.py

clean:
	rm -rf site build reports .pytest_cache .mypy_cache .ruff_cache benchmarks/.work
