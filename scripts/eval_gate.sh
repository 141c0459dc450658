#!/usr/bin/env bash
# The eval CI job: extract each labelled set, score it against its gold, and fail
# when overall F1 drops more than MAX_DROP below the committed baseline report.
#
#   bash scripts/eval_gate.sh                         # gate every set in its default mode
#   bash scripts/eval_gate.sh tune test               # gate some sets only
#   bash scripts/eval_gate.sh --update-baseline tune  # rewrite these baselines only
#   EVAL_MODE=model bash scripts/eval_gate.sh tune test   # the corpus with the model (slow)
#
# Sets: gold (the seed articles), devset (written here; a regression set for number
# formats), tune and test (the real-news corpus, corpus/<split>/).
#
# Modes: model, the embedded default (rules + the Gemma 3 270M model, `assay extract`),
# or rules, the guided strategy's rules alone with no model loaded (`assay gold draft
# --rules-only`). gold and devset run in model mode; tune and test (714 articles)
# run rules-only, since the model costs 7-10 s an article on 2 cores (most of an hour) and would not
# fit the CI job. EVAL_MODE=model|rules sets the mode of every set named.
#
# Baselines: evals/baselines/<set>.json for the set's default mode, and
# evals/baselines/<set>.<mode>.json for the other one, so that a run is never
# compared with a baseline of the other mode. Update a baseline only on purpose,
# with the reason in the commit message; --update-baseline with no set rewrites all
# four. The first model run of the corpus creates its baselines:
#   EVAL_MODE=model bash scripts/eval_gate.sh --update-baseline tune test
#
# The test split is read only to report (corpus/README.md): the gate prints its
# overall, per-type and per-field scores only, writes no HTML page for it, and its
# reports (the baseline too) keep no per-article scores or field outcomes.
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_DROP="${MAX_DROP:-0.02}"
OUT="${OUT:-out/eval}"
ALL_SETS=(gold devset tune test)
update=0
if [ "${1:-}" = "--update-baseline" ]; then
  update=1
  shift
fi
sets=("$@")
if [ ${#sets[@]} -eq 0 ]; then
  sets=("${ALL_SETS[@]}")
fi
case "${EVAL_MODE:-}" in
  "" | model | rules) ;;
  *) echo "eval gate: EVAL_MODE must be model or rules, not '$EVAL_MODE'" >&2; exit 2 ;;
esac

gold_dir_of() {
  case "$1" in
    gold) echo gold ;;
    devset) echo devset/gold ;;
    tune | test) echo "corpus/$1/gold" ;;
    *) echo "eval gate: unknown set '$1' (sets: ${ALL_SETS[*]})" >&2; return 2 ;;
  esac
}

articles_of() {
  case "$1" in
    gold) echo gold/articles ;;
    devset) echo devset/articles ;;
    tune | test) echo "corpus/$1/articles" ;;
  esac
}

default_mode_of() {
  case "$1" in
    gold | devset) echo model ;;
    tune | test) echo rules ;;
  esac
}

baseline_of() { # set, mode
  if [ "$2" = "$(default_mode_of "$1")" ]; then
    echo "evals/baselines/$1.json"
  else
    echo "evals/baselines/$1.$2.json"
  fi
}

# Extract ARTICLES into PRED_DIR in MODE. A rules-only run's per-article lines go to
# a log (they would show the test split article by article); its errors are printed.
predict() { # set, mode, articles, pred_dir
  rm -rf "$4"
  if [ "$2" = model ]; then
    assay extract "$3" --out "$4" >/dev/null
  elif ! assay gold draft --rules-only "$3" --out "$4" 2>"$OUT/$1-draft.log"; then
    grep '^error:' "$OUT/$1-draft.log" >&2 || true
    echo "eval gate: $1: the rules-only run failed (log: $OUT/$1-draft.log)" >&2
    return 1
  fi
}

# Drop the per-article scores and field outcomes of a report (the test split's).
aggregate_only() {
  python - "$1" <<'EOF'
import json, sys
path = sys.argv[1]
report = json.load(open(path, encoding="utf-8"))
report["by_article"], report["fields"] = {}, {}
with open(path, "w", encoding="utf-8") as handle:
    handle.write(json.dumps(report, indent=2) + "\n")
EOF
}

# Overall, per record type and per field from a JSON report: no per-article line.
summary() { # set, mode, report
  python - "$1" "$2" "$3" <<'EOF'
import json, sys
name, mode, report = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
row = "{:28} {:>6.3f} {:>6.3f} {:>6.3f}"
print(f"{name} ({mode}): {report['overall']['articles']} articles")
print("{:28} {:>6} {:>6} {:>6}".format("", "P", "R", "F1"))
for label, s in [("overall", report["overall"]), ("records", report["overall"]["records"]),
                 *((f"{t} (all fields)", s) for t, s in report["by_type"].items()),
                 *report["by_field"].items()]:
    print(row.format(label, s["precision"], s["recall"], s["f1"]))
EOF
}

# Extract and score one set; the status of `assay eval` (1: the gate failed). Called
# in an `||` list, where `set -e` does not apply: every step checks its status.
gate_set() { # set
  local set="$1" gold_dir articles mode baseline report status=0
  gold_dir="$(gold_dir_of "$set")"
  articles="$(articles_of "$set")"
  mode="${EVAL_MODE:-$(default_mode_of "$set")}"
  baseline="$(baseline_of "$set" "$mode")"
  if [ "$update" = 0 ] && [ ! -f "$baseline" ]; then
    local env=""
    [ -n "${EVAL_MODE:-}" ] && env="EVAL_MODE=$EVAL_MODE "
    echo "eval gate: $baseline is missing; create it on purpose:" \
      "${env}bash scripts/eval_gate.sh --update-baseline $set" >&2
    return 2
  fi
  predict "$set" "$mode" "$articles" "$OUT/$set-pred" || return 1
  report="$OUT/$set.json"
  local options=(--json "$report" --baseline "$baseline" --max-drop "$MAX_DROP")
  if [ "$update" = 1 ]; then
    report="$baseline"
    options=(--json "$report")
  fi
  if [ "$set" = test ]; then
    options+=(--quiet)
  else
    options+=(--html "$OUT/$set.html")
  fi
  echo "== $set ($mode)"
  assay eval --gold "$gold_dir" --pred "$OUT/$set-pred" --articles "$articles" \
    "${options[@]}" || status=$?
  if [ "$set" = test ] && [ "$status" -le 1 ]; then
    aggregate_only "$report" && summary "$set" "$mode" "$report" || return 1
  fi
  return "$status"
}

mkdir -p "$OUT"
failed=()
for set in "${sets[@]}"; do
  gold_dir_of "$set" >/dev/null
  gate_set "$set" || failed+=("$set")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "eval gate: failed: ${failed[*]}" >&2
  exit 1
fi
