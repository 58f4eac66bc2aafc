#!/usr/bin/env bash
# `make eval`: the slower evaluations, not part of `make test`. Everything it reads is
# in this repository (eval/ and tests/safety/); results and failing cases go to results/.
#   1. the red-flag screen: the sealed set (never tuned on) and the dev sets, 5-fold
#      cross-validated (the learned signal is fitted on them, so training fit would flatter);
#   2. lab values typed by users: the sealed set and the dev set;
#   3. every answer set (public, sealed, dev, own) over REST against the real servers:
#      per-category scores, category x answered topic, failing cases;
#   4. NLU cross-validation (5 folds): per-intent F1 and the intents each is confused with.
#   scripts/eval.sh [--skip-cv]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/settings.sh  # defaults (config/defaults.env), quiet logs included
PY=.venv/bin/python
mkdir -p results

echo "==> 1/4 Red-flag screen (sealed set, then the dev sets cross-validated)"
$PY eval/safety_report.py tests/safety/red_flags_sealed.yml
$PY eval/safety_report.py --cv data/safety/red_flags_dev*.yml --failures results/safety-cv-failures.yml

echo; echo "==> 2/4 Lab values (sealed set, then the dev set)"
$PY eval/lab_report.py tests/safety/lab_values_sealed.yml tests/safety/lab_values_dev.yml

echo; echo "==> 3/4 Answer sets over REST (starts the servers once, ~1 min)"
$PY eval/run.py

if [ "${1:-}" != "--skip-cv" ]; then
  echo; echo "==> 4/4 NLU cross-validation, 5 folds (several minutes)"
  rm -rf results/cv
  .venv/bin/rasa test nlu --nlu data/nlu --cross-validation --folds 5 --out results/cv \
    2>&1 | grep -E "Intent evaluation|F1-Score|Accuracy" | head -8 || true
  $PY - <<'PY'
import json
report = json.load(open("results/cv/intent_report.json"))
print(f"{'intent':22s} {'F1':>6s} {'support':>8s}  most often confused with")
for name, row in sorted(report.items()):
    if isinstance(row, dict) and "f1-score" in row and name not in (
            "macro avg", "weighted avg", "micro avg"):
        confused = ", ".join(f"{k} {v}" for k, v in list(row.get("confused_with", {}).items())[:3])
        print(f"{name:22s} {row['f1-score']:6.3f} {row['support']:8d}  {confused}")
print(f"{'macro F1':22s} {report['macro avg']['f1-score']:6.3f}")
PY
fi
