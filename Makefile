# intercom-sdkgen. `make generate` builds generated/intercom-$(API_VERSION); `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
API_VERSION ?= 2.9
# Every package line in the lock (add-release adds one): the quoted keys of spec/lock.yaml.
VERSIONS := $(shell sed -n 's/^  "\([0-9.]*\)":$$/\1/p' spec/lock.yaml)

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

test: generate contract-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf generated .cache

# ---- releases (docs/versioning.md) -------------------------------------------------------------
# `make dist API_VERSION=2.9`: wheel + sdist of generated/intercom-2.9 in dist/, checked by twine.
# `make package` does the same for an already generated PACKAGE_DIR (used by tests/release/test_dist.py).
# `make check`: drift check - every lock entry is reproducible and regenerates to its output_sha256.
DIST_DIR ?= dist
PACKAGE_DIR ?= generated/intercom-$(API_VERSION)

.PHONY: dist package check check-update

dist: generate
	$(MAKE) package API_VERSION=$(API_VERSION) PACKAGE_DIR=$(PACKAGE_DIR) DIST_DIR=$(DIST_DIR)

package:
	rm -f $(DIST_DIR)/intercom_sdk-$(API_VERSION).*
	$(BIN)/python -m build --outdir $(DIST_DIR) $(PACKAGE_DIR)
	$(BIN)/twine check --strict $(DIST_DIR)/intercom_sdk-$(API_VERSION).*

check: setup
	$(BIN)/python -m generator check $(if $(CHECK_VERSIONS),$(foreach v,$(CHECK_VERSIONS),--api-version $(v)),)

check-update: setup
	$(BIN)/python -m generator check-update

# ---- contract tests against a Prism mock (tests/contract/run.py) ---------------------------------
# `make contract API_VERSION=2.12`: install Prism (npm ci, pinned in package-lock.json), generate,
# start Prism on generated/intercom-<v>/openapi.yaml, run the generated tests/ against it, stop it.
# `make contract-all`: the same for CONTRACT_VERSIONS; runs them all, fails if any failed.
CONTRACT_VERSIONS ?= 2.9 2.12 2.15

.PHONY: contract contract-deps contract-all

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

contract-deps: node_modules/.installed

contract: generate contract-deps
	$(BIN)/python -m tests.contract.run --api-version $(API_VERSION)

contract-all: setup contract-deps
	status=0; for v in $(CONTRACT_VERSIONS); do \
	  $(BIN)/python -m generator generate --api-version $$v && \
	  $(BIN)/python -m tests.contract.run --api-version $$v || status=1; \
	done; exit $$status

# ---- benchmarks (bench/bench.py, docs/performance.md) -------------------------------------------
.PHONY: bench
bench: generate
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# ---- fuzzing (docs/reliability.md) ---------------------------------------------------------------
# `make test` runs the fuzz suites with a small fixed-seed budget; `make fuzz` runs the long campaign
# (same seed, more examples) and appends outcome counts to $(FUZZ_STATS) for docs/reliability.md.
FUZZ_EXAMPLES ?= 200
FUZZ_LEGIT_EXAMPLES ?= 100
RESPONSE_FUZZ_EXAMPLES ?= 1000
FUZZ_MYPY_SAMPLE ?= 5
FUZZ_STATS ?= .cache/fuzz-stats.jsonl

.PHONY: fuzz

fuzz: generate
	mkdir -p $(dir $(FUZZ_STATS)) && rm -f $(FUZZ_STATS)
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_LEGIT_EXAMPLES=$(FUZZ_LEGIT_EXAMPLES) FUZZ_MYPY_SAMPLE=$(FUZZ_MYPY_SAMPLE) \
	RESPONSE_FUZZ_EXAMPLES=$(RESPONSE_FUZZ_EXAMPLES) FUZZ_STATS=$(abspath $(FUZZ_STATS)) \
	  $(BIN)/python -m pytest -p no:cacheprovider --durations=0 $(PYTEST_ARGS) \
	  tests/generator/test_spec_fuzz.py tests/generator/test_fetch_faults.py tests/runtime/test_response_fuzz.py \
	  tests/runtime/test_network_faults.py tests/runtime/test_secret_leaks.py
	cat $(FUZZ_STATS)

# ---- mutation testing (tests/mutation/, docs/reliability.md) ------------------------------------
# `make mutate`: the wire-level mutation campaign on generated/intercom-2.9: >= 300 mutants over
# all 108 operations (fixed seed), the tests run on each, the score and every survivor printed;
# exits 1 on a survivor that tests/mutation/survivors.yaml does not explain. MUTATE_TESTS="pytest
# args" replaces the tests run on each mutant (default: TESTS in tests/mutation/campaign.py),
# MUTATE_ARGS="--strict" also fails on known gaps, "--sample 16" runs make test's sample.
# `make test` runs a fixed 16-mutant sample (tests/package/test_mutation.py).
MUTATE_JOBS ?= 2
MUTATE_ARGS ?=
export MUTATE_TESTS MUTATE_SEED

.PHONY: mutate
mutate: generate
	MUTATE_JOBS=$(MUTATE_JOBS) $(BIN)/python -m tests.mutation.campaign $(MUTATE_ARGS)

# ---- every supported Python (tests/pythons.py, docs/reliability.md) ------------------------------
# `make test-pythons PYTHONS="3.10 3.11 3.12 3.13"`: the package-level tests (per-operation,
# runtime, model, contract) on each interpreter, each in its own venv .venvs/py<v>. The package
# is generated once by the main .venv.
PYTHONS ?= 3.10 3.11 3.12 3.13

.PHONY: test-pythons
test-pythons: generate contract-deps
	$(BIN)/python -m tests.pythons $(PYTHONS)
