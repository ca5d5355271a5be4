# The two commands of the quick start, and the developer's other entry points.
#   make site    build the site into site/          make serve   live preview on 127.0.0.1:8000
#   make test    lint, type-check and run every test (what CI runs)
# Everything installs itself on first use: a virtualenv in .venv/ (with Zensical, the second engine),
# the HTML checker from npm, and for the tests Debian's chromium and a Java runtime (root or sudo).
#   make site-zensical   the same site built with Zensical instead of MkDocs

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site site-zensical serve check test lint bench lighthouse schemas tools clean

site: $(VENV)/.installed
	$(PY) build_site.py

site-zensical: $(VENV)/.installed
	$(PY) build_site.py --engine zensical

serve: $(VENV)/.installed
	$(PY) build_site.py serve

check: $(VENV)/.installed
	$(PY) build_site.py check

test: $(VENV)/.installed node_modules/.installed tools lint
	$(PY) -m pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# 1000× last: it takes an hour and most of the machine's memory; everything else is measured
# first, and if a 1000× step fails (make says "ignored") the report says that scale is missing.
bench: $(VENV)/.installed tools
	$(PY) benchmarks/scale.py --scales 1,10,100
	$(PY) benchmarks/preview.py --scales 1,100
	$(PY) benchmarks/page_weight.py
	$(PY) scripts/lighthouse.py
	-$(PY) benchmarks/scale.py --scales 1000 --keep
	-$(PY) benchmarks/preview.py --scales 1000 --keep
	$(PY) benchmarks/report.py

lighthouse: $(VENV)/.installed tools
	$(PY) scripts/lighthouse.py

schemas: $(VENV)/.installed
	$(PY) -m explainer.schemas

tools:
	@scripts/ensure-tools.sh

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache .hypothesis bench-out node_modules
