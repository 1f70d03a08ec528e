# hegui — every target sets up what it needs; a fresh clone needs only `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := scan,app,web,spark,presidio,dev,bench

.PHONY: demo test lint typecheck unit bench clean venv system-deps postgres-start postgres-stop

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e ".[$(EXTRAS)]"
	touch $(STAMP)

venv: $(STAMP)

# Debian packages the slow suites need (PostgreSQL and MariaDB servers, Chromium + driver, Java
# for Spark).
# Installed only when missing; skipped silently when not root (the suites then skip with a reason).
system-deps:
	@bash scripts/system-deps.sh

demo: $(STAMP)
	$(BIN)/hegui assess examples/acme/profile.yaml --format html --output out/report.html
	HEGUI_HOME=$(CURDIR)/out/register $(BIN)/hegui register load-example examples/acme/profile.yaml
	@echo "Start the register with: HEGUI_HOME=$(CURDIR)/out/register $(BIN)/hegui serve"

lint: $(STAMP)
	$(BIN)/ruff check hegui tests benchmarks
	$(BIN)/ruff format --check hegui tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q

test: $(STAMP) system-deps
	$(MAKE) lint
	$(MAKE) typecheck
	bash scripts/with-postgres.sh bash scripts/with-mariadb.sh $(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
