# Two commands do all the set-up on a fresh machine (Python 3.10+, Debian):
#   make build   creates .venv, installs actor-kg, builds the graph of seeds/ into output/
#   make test    creates .venv, installs actor-kg with its test and cluster extras (and Debian's
#                chromium for the browser tests, when run as root), then runs the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: build test install install-test chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,cluster]'

chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium not installed: the browser tests will be skipped"

build: install
	$(BIN)/kg build seeds/ -o output/

test: install-test chromium
	$(BIN)/python -m pytest
