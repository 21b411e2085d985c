# Payung Desa. `make run` and `make test` set everything up from a fresh Debian/Ubuntu machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
TS := $(wildcard resources/i18n/*.ts)
QM := $(TS:.ts=.qm)
export LANG := C.UTF-8

.PHONY: run test lint bench i18n system setup clean lock build build-check

run: setup
	$(VENV)/bin/payung

test: setup
	@bash scripts/ensure-system.sh test
	QT_QPA_PLATFORM=offscreen bash scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check app tests bench
	$(VENV)/bin/ruff format --check app tests bench
	$(VENV)/bin/mypy --strict app
	$(VENV)/bin/lint-imports

bench: setup
	@bash scripts/ensure-system.sh test
	QT_QPA_PLATFORM=offscreen bash scripts/with-postgres.sh $(PY) -m bench $(BENCH_ARGS)

setup: system $(STAMP) $(QM)

# The frozen one-folder desktop app in dist/payung/ (packaging/README.md).
build: setup $(QM)
	PYTHONPATH=$(CURDIR) $(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/payung.spec

# Builds, then starts the frozen executable offscreen: --version, a window shown and closed on
# a village set up by the frozen CLI, an older database migrated after a backup.
build-check: build
	QT_QPA_PLATFORM=offscreen PYTHONPATH=$(CURDIR) $(PY) packaging/check_build.py dist/payung

system:
	@bash scripts/ensure-system.sh

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

i18n: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -no-obsolete $$(find app/ui -name '*.py') -ts $(TS)
	$(MAKE) $(QM)
	$(PY) scripts/i18n-report.py

resources/i18n/%.qm: resources/i18n/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

lock:
	rm -rf /tmp/payung-lock && $(PYTHON) -m venv /tmp/payung-lock
	/tmp/payung-lock/bin/pip install -q -e '.[dev,server]'
	( head -2 requirements.lock; /tmp/payung-lock/bin/pip freeze --exclude-editable | grep -vi '^pip=='; \
	  grep '^setuptools==' requirements.lock ) > requirements.lock.new && mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) dist build resources/i18n/*.qm .pytest_cache .mypy_cache .ruff_cache
