# watchfloor — the two set-up commands are `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha256sum | cut -c1-12)
SHARED ?= ../shared
DB     ?= watchfloor.db

.PHONY: install demo test test-fast lint eval eval-extract eval-ner bench clean browser-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,lint]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/watchfloor --db demo.db run --watch watch.example.toml

# Browser tests drive Debian's Chromium; CI must have it, a developer's machine may skip them.
browser-deps:
	sh scripts/install-browser.sh || { [ "$${CI:-}" != "true" ] && echo "no Chromium: browser tests will be skipped"; }

test: install browser-deps
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: install
	$(BIN)/ruff check src tests bench eval scripts
	$(BIN)/ruff format --check src tests bench eval scripts
	$(BIN)/mypy

eval: install
	$(BIN)/python -m eval.corpus --shared $(SHARED)

eval-extract: install
	$(BIN)/python -m eval.extraction --shared $(SHARED)

eval-ner: install
	$(BIN)/python -m eval.ner --shared $(SHARED)

bench: install
	$(BIN)/python bench/ingest.py --shared $(SHARED)
	$(BIN)/python bench/extract.py --shared $(SHARED)
	$(BIN)/python bench/entities.py --shared $(SHARED)
	$(BIN)/python bench/ner.py --shared $(SHARED)
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/fusion_copies.py
	$(BIN)/python bench/run.py --shared $(SHARED)

clean:
	rm -rf $(VENV) out demo.db .pytest_cache .mypy_cache .ruff_cache
