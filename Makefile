# intercom-sdkgen. `make generate` builds generated/intercom-$(API_VERSION); `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
API_VERSION ?= 2.9
VERSIONS := 2.7 2.8 2.9 2.10 2.11 2.12 2.13 2.14 2.15

# No internet here: read Intercom's files from the mirror beside the checkout when it exists.
MIRROR_DEFAULT := $(abspath ../shared/intercom-openapi)
INTERCOM_SPEC_MIRROR ?= $(if $(wildcard $(MIRROR_DEFAULT)/descriptions),$(MIRROR_DEFAULT),)
export INTERCOM_SPEC_MIRROR

.PHONY: setup generate generate-all test typecheck clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

generate: setup
	$(BIN)/python -m generator generate --api-version $(API_VERSION)

generate-all: setup
	set -e; for v in $(VERSIONS); do $(BIN)/python -m generator generate --api-version $$v; done

typecheck: generate
	$(BIN)/mypy --strict generated/intercom-$(API_VERSION)/src

test: generate
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf generated .cache
