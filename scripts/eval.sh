#!/usr/bin/env bash
# Slower evaluations, not part of `make test`:
#   1. NLU cross-validation (5 folds): per-intent F1 and the macro average;
#   2. the black-box answer sets through the REST channel: every case set in
#      eval/ (the harness in eval/harness.py is the repository's own copy).
#   scripts/eval.sh [--skip-cv]
set -euo pipefail
cd "$(dirname "$0")/.."
export SQLALCHEMY_SILENCE_UBER_WARNING=1 TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false
HARNESS=eval/harness.py
mkdir -p results

if [ "${1:-}" != "--skip-cv" ]; then
  echo "==> NLU cross-validation, 5 folds (takes several minutes)"
  rm -rf results/cv
  .venv/bin/rasa test nlu --nlu data/nlu --cross-validation --folds 5 --out results/cv \
    2>&1 | grep -E "Intent evaluation|F1-Score|Accuracy" | head -8 || true
  .venv/bin/python - <<'PY'
import json
report = json.load(open("results/cv/intent_report.json"))
print(f"{'intent':22s} {'F1':>6s} {'support':>8s}")
for name, row in sorted(report.items()):
    if isinstance(row, dict) and "f1-score" in row and name not in (
            "macro avg", "weighted avg", "micro avg"):
        print(f"{name:22s} {row['f1-score']:6.3f} {row['support']:8d}")
print(f"{'macro F1':22s} {report['macro avg']['f1-score']:6.3f}")
PY
fi

for cases in eval/public.yml eval/own.yml; do
  if [ ! -f "$cases" ]; then echo "(skipping $cases: not found)"; continue; fi
  echo; echo "==> Answer set: $cases"
  python3 "$HARNESS" answers --cases "$cases" --project . --report "results/$(basename "$cases" .yml)-failures.yml"
  echo "(failures, if any: results/$(basename "$cases" .yml)-failures.yml)"
done
