# Tværs: `make run` serves the seeded demo on http://127.0.0.1:5000; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app tracker
TRANSLATIONS := tracker/translations
PO_FILES := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install install-test translations extract-messages lint clean screenshots

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Tværs needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

%.mo: %.po | $(VENV)/bin/python
	$(VENV)/bin/pybabel compile --use-fuzzy -i $< -o $@

translations: $(MO_FILES)

run: install translations
	$(FLASK) db upgrade
	$(FLASK) seed --demo
	$(FLASK) run --host 127.0.0.1 --port 5000

# With PostgreSQL configured, the two engines run at once in two processes (one per core); the SQLite
# process also runs the tests that need no database (browser, pure functions). Both reports are shown.
test: install-test translations
	@if [ -n "$$TRACKER_TEST_DATABASE_URL" ]; then \
	  TRACKER_TEST_ONLY=postgresql $(PY) -m pytest -p no:cacheprovider --basetemp=$(VENV)/pytest-postgresql \
	    > $(VENV)/pytest-postgresql.log 2>&1 & postgres=$$!; \
	  TRACKER_TEST_ONLY=sqlite $(PY) -m pytest --basetemp=$(VENV)/pytest-sqlite; sqlite=$$?; \
	  wait $$postgres; postgresql=$$?; \
	  echo; echo "---- PostgreSQL ----"; cat $(VENV)/pytest-postgresql.log; \
	  echo; echo "SQLite: exit $$sqlite · PostgreSQL: exit $$postgresql"; \
	  [ $$sqlite -eq 0 ] && [ $$postgresql -eq 0 ]; \
	else \
	  $(PY) -m pytest; \
	fi

extract-messages: install
	$(VENV)/bin/pybabel extract --ignore-dirs '.*' -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 -o $(TRANSLATIONS)/messages.pot .
	$(VENV)/bin/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

lint: install-test
	$(VENV)/bin/ruff check tracker tests seed

clean:
	rm -rf $(VENV) instance .pytest_cache

screenshots: install-test translations
	TRACKER_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest tests/browser -k screenshots -q
