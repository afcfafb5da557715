# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
BENCH_DIR ?= ../shared/bench

.PHONY: install test demo bench bench-quick train lint clean

install: $(STAMP)

# Re-install when the project's metadata changes.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $(STAMP)

test: install
	$(VENV)/bin/ruff check declutter tests
	$(PY) -m pytest -q

demo: install
	$(PY) -m declutter.demo fixtures

bench: install
	$(PY) -m declutter.bench --data $(BENCH_DIR) --jobs 2 --write BENCHMARKS.md --csv bench-out/pages.csv --worst 20

bench-quick: install
	$(PY) -m declutter.bench --data $(BENCH_DIR) --quick --jobs 2 --csv bench-out/pages-quick.csv --worst 10

# The learned block scorer's models (declutter/learned/models/), from the tune halves only.
train: install
	$(PY) -m declutter.learned.train --data $(BENCH_DIR) --loco

lint: install
	$(VENV)/bin/ruff check declutter tests

clean:
	rm -rf $(VENV) bench-out .pytest_cache
