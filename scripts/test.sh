#!/usr/bin/env bash
# The whole test suite, in the order that fails fastest. `make test` runs set-up and
# training first; this script assumes both are done.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/settings.sh  # defaults (config/defaults.env), quiet logs included
RASA=.venv/bin/rasa
quiet() { grep -v -E 'tensorflow|oneDNN|cuda|TensorRT|rebuild TensorFlow|AVX|DeprecationWarning|declare_namespace|xla_computation|pkg_resources|^\s*$' || true; }
step() { echo; echo "==> $*"; }

step "0/4 lint: ruff and mypy"
# two commands, not "ruff && mypy": under `set -e` a failure on the left of && does not stop
# the script, so a lint error used to pass unnoticed
.venv/bin/ruff check .
.venv/bin/mypy

step "1/4 knowledge file matches the article and curation"
.venv/bin/python knowledge/build.py --check

step "2/4 rasa data validate (warnings fail)"
$RASA data validate --fail-on-warnings 2>&1 | quiet

step "3/4 rasa test: test stories must be predicted without errors"
rm -rf results/stories
ACTION_SERVER_URL=$ACTION_SERVER_URL $RASA test core --e2e --stories tests/stories --model models/twitching.tar.gz \
  --out results/stories --fail-on-prediction-errors 2>&1 | quiet \
  | grep -v -E '^Processed|it/s|written to' | tail -15
head -1 results/stories/failed_test_stories.yml

step "4/4 pytest: plain modules, actions, servers, channels"
.venv/bin/python -m pytest tests -q -ra "$@"
