PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KG     ?= kg-out

.PHONY: run test quick lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/kg-builder build --kg $(KG)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q -m "slow or not slow"

quick: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check kg_builder tests

clean:
	rm -rf $(VENV) $(KG) .pytest_cache
