#!/usr/bin/env bash
# The eval CI job: extract gold/ and devset/ with the embedded default, score each
# against its gold, and fail when overall F1 drops more than MAX_DROP below the
# committed baseline report. Update a baseline only on purpose, with the reason
# in the commit message: scripts/eval_gate.sh --update-baseline
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_DROP="${MAX_DROP:-0.02}"
OUT="${OUT:-out/eval}"
update=0
[ "${1:-}" = "--update-baseline" ] && update=1
mkdir -p "$OUT"
for set in gold devset; do
  gold_dir="$set"; [ "$set" = devset ] && gold_dir="devset/gold"
  articles="$gold_dir/articles"; [ "$set" = devset ] && articles="devset/articles"
  baseline="evals/baselines/$set.json"
  assay extract "$articles" --out "$OUT/$set-pred" >/dev/null
  if [ "$update" = 0 ] && [ ! -f "$baseline" ]; then
    echo "eval gate: $baseline is missing; create it on purpose with --update-baseline" >&2
    exit 1
  fi
  if [ "$update" = 1 ]; then
    assay eval --gold "$gold_dir" --pred "$OUT/$set-pred" --articles "$articles" \
      --json "$baseline" --html "$OUT/$set.html"
  else
    assay eval --gold "$gold_dir" --pred "$OUT/$set-pred" --articles "$articles" \
      --json "$OUT/$set.json" --html "$OUT/$set.html" \
      --baseline "$baseline" --max-drop "$MAX_DROP"
  fi
done
