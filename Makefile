# Two commands do everything: `make run` (set up, train if needed, start, print the
# chat URL) and `make test` (set up, train if needed, run the whole suite).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
BIN      := $(VENV)/bin
PY       := $(BIN)/python
RASA     := $(BIN)/rasa
INSTALLED := $(VENV)/.installed
SPACY_MODEL := build/spacy_twitching
SPACY_STAMP := $(SPACY_MODEL)/.built
MODEL    := models/twitching.tar.gz
WEBCHAT  := web/node_modules/rasa-webchat/lib/index.js
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml data/nlu/*.yml) $(SPACY_STAMP)
# Every setting's default (config/defaults.env, generated from settings.py), exported
# to every recipe unless already set; quiet logs and no telemetry included. Defaults
# built from other settings (${...}) are left to the scripts (scripts/settings.sh).
# Every variable: docs/configuration.md.
DEFAULTS_ENV := config/defaults.env
RANDOM_ORDER_SEEDS ?= 1 2 3
$(foreach line,$(shell grep -E '^[A-Z][A-Z0-9_]*=[^$$]*$$' $(DEFAULTS_ENV)),$(eval export $(subst =, ?= ,$(line))))

.PHONY: help setup run shell train test test-unit test-sweep test-integration test-browser test-order eval bench bench-broad bench-profile knowledge lock clean browser prune attack insights-consumer report haproxy scale scale-bench

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup: $(INSTALLED) $(SPACY_STAMP) $(WEBCHAT) ## Create .venv, install pinned packages, build the spaCy pipeline, install the chat widget

$(INSTALLED): requirements.lock
	@echo "==> Creating $(VENV) with Python 3.10 and installing pinned packages (first time: ~2 min)"
	@[ -x $(PY) ] || { PY310=$$(scripts/find_python.sh) && $$PY310 -m venv $(VENV); }
	@$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip==24.0" 2>&1 | grep -v "WARNING: Location" || true
	@set -o pipefail; $(BIN)/pip install --disable-pip-version-check --progress-bar off \
		-r requirements.lock 2>&1 | { grep --line-buffered -v "WARNING: Location" \
		| grep --line-buffered -E "^(Collecting|Successfully|ERROR|  )" | cut -c1-100 || true; }
	@$(BIN)/pip check
	@touch $@

$(SPACY_STAMP): $(INSTALLED) knowledge/twitching.yml scripts/build_spacy_model.py
	@echo "==> Building the spaCy pipeline from the knowledge file"
	@$(PY) scripts/build_spacy_model.py $(SPACY_MODEL) 2> >(grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild|AVX' >&2)
	@touch $@

# The chat widget and axe-core (dev dependency, loaded only by the browser test),
# exactly as pinned in web/package-lock.json (no install scripts run).
$(WEBCHAT): web/package.json web/package-lock.json
	@echo "==> Installing the chat widget (rasa-webchat 1.0.1) and, for the browser test, axe-core into web/node_modules"
	@cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

browser: ## Install Debian chromium + chromium-driver for the browser test, only if missing
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "==> Installing chromium and chromium-driver (apt)"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y chromium chromium-driver; \
	fi

train: $(MODEL) ## Train the model if training data, domain or config changed

$(MODEL): $(TRAINING_INPUTS) | $(INSTALLED)
	@echo "==> Training (data, domain or config changed)"
	@mkdir -p models .rasa
	@$(RASA) train --fixed-model-name twitching --out models --num-threads 2
	@touch $@

attack: setup train ## Send 60+ hostile requests to every channel of a local stack and print a table
	@$(PY) scripts/attack.py

prune: $(INSTALLED) ## Delete conversations idle longer than TRACKER_RETENTION_DAYS (default 30)
	@$(PY) scripts/prune.py

knowledge: $(INSTALLED) ## Rebuild knowledge/twitching.yml from the article and curation
	@$(PY) knowledge/build.py

run: setup train ## Start the action server and Rasa (REST on 127.0.0.1:5005) and print the chat URL
	@scripts/run.sh

shell: setup train ## Talk to the assistant in the terminal (rasa shell + action server)
	@scripts/run.sh --shell

lint: setup ## ruff (style, imports, unused names; formatting checked) and mypy (actions, channels, stores, rasa_patches, settings)
	@$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

test-unit: setup ## The tests that need no server, database or browser, without the data sweeps (about half a minute)
	@$(PY) -m pytest tests -q -m "not servers and not sweep"

test-sweep: setup ## Whole data sets through the logic: every blind red-flag set, training-data hygiene
	@$(PY) -m pytest tests -q -m "sweep"

test-integration: setup train ## The tests against real servers (Rasa, action server; PostgreSQL/Redis/RabbitMQ if up)
	@$(PY) -m pytest tests -q -ra -m "servers and not browser"

test-browser: setup train browser ## The chat page in headless chromium
	@$(PY) -m pytest tests -q -ra -m browser

test-order: setup ## The unit tier three times in random order (RANDOM_ORDER_SEEDS="1 2 3")
	@for seed in $(RANDOM_ORDER_SEEDS); do echo "==> seed $$seed"; \
		$(PY) -m pytest tests -q -m "not servers" --random-order-bucket=global --random-order-seed=$$seed || exit 1; done

test: setup train browser ## Run the whole test suite
	@scripts/test.sh

eval: setup train ## Cross-validation (per-intent F1) and the black-box answer sets
	@scripts/eval.sh

# `make bench BENCH_ARGS=--quick`: one round, SQLite only, 100,000 stored events (a few minutes)
ifneq (,$(findstring --quick,$(BENCH_ARGS)))
SIDE_ARGS ?= --rounds 1
HISTORY_ARGS ?= --rounds 1 --backends sqlite --events 100000 --conversations 1000
endif

bench: setup train ## Harness loads side by side with the rasa init starter bot, then 1,000,000 stored events (~30 min; BENCH_ARGS=--quick a few)
	@$(PY) bench/side_by_side.py $(SIDE_ARGS)
	@$(PY) bench/history.py $(HISTORY_ARGS) 2> >(grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild|AVX|Warning|warn|declare_namespace|^  ' >&2)

bench-broad: setup train ## Training, start-up, memory, accuracy vs Rasa's default config (~30 min; BENCH_ARGS=--quick ~6 min)
	@$(PY) bench/run.py $(BENCH_ARGS)

bench-profile: setup train ## py-spy: CPU ms per message of the Rasa and action servers, by part, under the harness load
	@$(PY) bench/profile.py $(PROFILE_ARGS)

haproxy: ## Install the Debian haproxy package, only if missing (make scale / scale-bench)
	@if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then \
		echo "==> Installing haproxy (apt)"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y haproxy; \
	fi

scale: setup train haproxy ## HAProxy + N Rasa servers (SCALE_SERVERS, default cores) + action servers, PostgreSQL, Redis; prints the URL
	@$(PY) deploy/scale.py 2> >(grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild|AVX|Warning|warn|declare_namespace|^  ' >&2)

scale-bench: setup train haproxy ## Harness load through HAProxy with N = 1, 2, 3 Rasa servers, and the 0-events-lost check
	@$(PY) bench/scale_bench.py $(SCALE_ARGS) 2> >(grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild|AVX|Warning|warn|declare_namespace|^  ' >&2)

# Operator insights (docs/insights.md): run Rasa with EVENT_BROKER_URL set, then
insights-consumer: $(INSTALLED) ## Store Rasa's events from RabbitMQ (EVENT_BROKER_URL) for the report; Ctrl-C stops
	@$(PY) -m insights.consumer $(CONSUMER_ARGS)

report: $(INSTALLED) $(SPACY_STAMP) ## Write the operator report, results/insights/report.html
	@$(PY) -m insights.report $(REPORT_ARGS) 2> >(grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild|AVX' >&2)

lock: ## Re-resolve requirements.in into requirements.lock
	@rm -rf /tmp/lock-venv && $$(scripts/find_python.sh) -m venv /tmp/lock-venv
	@/tmp/lock-venv/bin/pip install --quiet "pip==24.0" && /tmp/lock-venv/bin/pip install --quiet -r requirements.in
	@/tmp/lock-venv/bin/pip freeze > requirements.lock && echo "wrote requirements.lock"

clean: ## Remove the virtualenv, built pipeline and models
	rm -rf $(VENV) build models .rasa results
