# Terreau: `make run` to try it, `make test` before a commit. GNU make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app:create_app
PORT ?= 5000

.PHONY: venv run test bench lint migrate clean

# The virtualenv, reinstalled whenever pyproject.toml changes.
venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[dev]'
	touch $@

# Embedded deployment: SQLite, local media, web server with a job worker, demo content.
run: venv
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) serve --demo --port $(PORT)

# The suite on SQLite, then on PostgreSQL (skipped without a server, fatal with TERREAU_REQUIRE_SERVICES=1).
test: venv
	$(BIN)/pytest
	$(BIN)/pytest --db postgresql -m "not browser"

bench: venv
	$(BIN)/python -m bench all

lint: venv
	$(BIN)/ruff check .

# Write a revision for the model changes, to review before committing: make migrate m="ajoute les sessions"
migrate: venv
	@test -n "$(m)" || { echo 'usage: make migrate m="what changed"'; exit 2; }
	$(FLASK) db upgrade
	$(FLASK) db migrate -m "$(m)"

# Build leftovers and the virtualenv; instance/ (database, media) is data and is kept.
clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache test-results
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Re-extract the marked strings into messages.pot, merge them into each language's .po, compile the .mo files.
.PHONY: translations
translations: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o app/translations/messages.pot --no-location \
		--sort-output --project Terreau app commons courses media observatory partners paths
	$(BIN)/pybabel update -i app/translations/messages.pot -d app/translations --no-fuzzy-matching
	$(BIN)/pybabel compile -d app/translations
