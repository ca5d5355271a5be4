# The two commands of the quick start, and the developer's other entry points.
#   make site    build the site into site/          make serve   live preview on 127.0.0.1:8000
#   make test    lint, type-check and run every test (what CI runs)
# Everything installs itself on first use: a virtualenv in .venv/ and, for the browser tests,
# Debian's chromium (needs root or sudo).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check test lint bench lighthouse schemas clean

site: $(VENV)/.installed
	$(PY) build_site.py

serve: $(VENV)/.installed
	$(PY) build_site.py serve

check: $(VENV)/.installed
	$(PY) build_site.py check

test: $(VENV)/.installed chromium lint
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(VENV)/.installed chromium
	$(PY) benchmarks/scale.py
	$(PY) benchmarks/preview.py --scales 1,1000
	$(PY) benchmarks/page_weight.py

lighthouse: $(VENV)/.installed chromium
	$(PY) scripts/lighthouse.py

schemas: $(VENV)/.installed
	$(PY) -m explainer.schemas

chromium:
	@scripts/ensure-chromium.sh

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache .hypothesis bench-out
