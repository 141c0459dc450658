"""Cross-fit the stacked role decision on tune halves, end to end against the rules.

    python scripts/learned/crossfit.py --select accuracy    # v1 (or e2e: v2, gated: v3)

For each direction (train on A, apply to B; train on B, apply to A): a logistic
regression over out/learned/figures.jsonl of the training half decides each
money and tonnage figure's role (deal, plant_fact or skip; a tonnage is never a
deal) of the other half's articles in a full rules-only extraction; that run and
the rules-only one are scored with ``python -m evals`` on the applied half. Its
settings are chosen inside the training half only (grouped 5-fold by article):

- accuracy: C by out-of-fold figure accuracy; every figure's role is the argmax.
- e2e: C and the scope (all figures, tonnages only, money only) by out-of-fold
  end-to-end fields F1 of the half (one extraction of the half per setting).
- gated: C and a gate tau by out-of-fold accuracy; the rules' role is changed only
  when the model gives the new role a probability of at least tau.

Only aggregate numbers are printed; the result goes to out/learned/crossfit-SELECT.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from stack_data import OUT, ROOT, TUNE, articles, cached_parses, half
from stack_features import features
from stack_hook import run_all

PLANT_KEY = ("plant_fact.metric", "plant_fact.value", "plant_fact.unit", "plant_fact.period")
DEAL_KEY = ("deal.amount", "deal.currency", "deal.investor")
CS = (0.01, 0.03, 0.1, 0.3, 1.0)
TAUS = (0.0, 0.5, 0.6, 0.7, 0.8)
SCOPES = ("all", "mass", "money")
Model = tuple[LogisticRegression, DictVectorizer]


def rows_of(part: str) -> list[dict[str, Any]]:
    """The collected figures of one half."""
    lines = (OUT / "figures.jsonl").read_text().splitlines()
    return [row for row in map(json.loads, lines) if row["half"] == part]


def fit(rows: list[dict[str, Any]], c: float) -> Model:
    """A logistic regression on ``rows`` with inverse regularisation ``c``."""
    vec = DictVectorizer()
    x = vec.fit_transform([r["features"] for r in rows])
    return LogisticRegression(C=c, max_iter=5000).fit(x, [r["label"] for r in rows]), vec


def decide(model: Model, feats: dict[str, float], kind: str, rule: str, tau: float) -> str:
    """The model's role for one figure; a tonnage chooses between plant_fact and skip.

    The rules' role stays unless the model's role has a probability of at least ``tau``.
    """
    clf, vec = model
    p = dict(zip(clf.classes_, clf.predict_proba(vec.transform([feats]))[0], strict=True))
    allowed = [c for c in p if kind == "money" or c != "deal"]
    best = max(allowed, key=p.__getitem__)
    return best if p[best] >= tau else rule


def oof_models(rows: list[dict[str, Any]], ids: list[str], c: float) -> dict[str, Model]:
    """For each article of the half, a model fitted on the other four of five folds."""
    model_of = {}
    for fit_idx, held_idx in GroupKFold(n_splits=5).split(ids, groups=ids):
        fitted = {ids[i] for i in fit_idx}
        model = fit([r for r in rows if r["id"] in fitted], c)
        model_of.update({ids[i]: model for i in held_idx})
    return model_of


def accuracy(rows: list[dict[str, Any]], model_of: dict[str, Model], tau: float) -> float:
    """Share of figures whose decided role is their gold label."""
    hits = sum(decide(model_of[r["id"]], r["features"], r["kind"], r["rule"], tau) == r["label"]
               for r in rows)  # fmt: skip
    return hits / len(rows)


def extract_with(
    arts: list[Any], model_of: dict[str, Model], scope: str, tau: float
) -> dict[str, Any]:
    """Extract ``arts`` with ``model_of[id]`` deciding the figures in ``scope``."""
    current = {"id": ""}

    def visit(figure, decision, index):  # type: ignore[no-untyped-def]
        kind = figure.candidate.kind
        if scope not in ("all", kind):
            return None
        feats = features(figure, decision, index)
        return decide(model_of[current["id"]], feats, kind, figure.role, tau)

    with cached_parses():
        return run_all(arts, visit, current)


def save(predictions: dict[str, Any], folder: Path) -> Path:
    """Write predictions as one JSON file per article."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, extraction in predictions.items():
        (folder / f"{doc_id}.json").write_text(extraction.model_dump_json(indent=2))
    return folder


def score(pred_dir: Path, ids: list[str]) -> dict[str, float]:
    """``python -m evals`` on the articles ``ids``: fields, records, key groups."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred, out = Path(tmp, "g"), Path(tmp, "p"), Path(tmp, "r.json")
        gold.mkdir(), pred.mkdir()
        for doc_id in ids:
            os.symlink(TUNE / "gold" / f"{doc_id}.json", gold / f"{doc_id}.json")
            os.symlink(pred_dir / f"{doc_id}.json", pred / f"{doc_id}.json")
        subprocess.run([sys.executable, "-m", "evals", "--gold", str(gold), "--pred", str(pred),
                        "--articles", str(TUNE / "articles"), "--json", str(out)], check=False,
                       capture_output=True, cwd=ROOT, env=_env())  # fmt: skip
        report = json.loads(out.read_text())
    return {"fields": report["overall"]["f1"], "records": report["overall"]["records"]["f1"],
            "plant records": report["by_type"]["plant_fact"]["records"]["f1"],
            "deal records": report["by_type"]["deal"]["records"]["f1"],
            "PlantFact key": _pooled(report, PLANT_KEY),
            "deal key": _pooled(report, DEAL_KEY)}  # fmt: skip


def _env() -> dict[str, str]:
    """The environment of the scorer: this worktree's evals/, not an installed copy."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _pooled(report: dict[str, Any], names: tuple[str, ...]) -> float:
    tp, fp, fn = (sum(report["by_field"][n][k] for n in names) for k in ("tp", "fp", "fn"))
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def select(train: str, how: str) -> tuple[tuple[float, str, float], dict[str, float]]:
    """(C, scope, tau) with the best out-of-fold result inside half ``train`` (ties: smaller C)."""
    rows = rows_of(train)
    arts = [a for a in articles() if half(a.id) == train]
    ids = [a.id for a in arts]
    table = {}
    for c in CS:
        model_of = oof_models(rows, ids, c)
        if how == "e2e":
            for scope in SCOPES:
                folder = save(extract_with(arts, model_of, scope, 0.0), OUT / "inner")
                table[f"{c} {scope} 0.0"] = score(folder, ids)["fields"]
        else:
            for tau in TAUS if how == "gated" else (0.0,):
                table[f"{c} all {tau}"] = accuracy(rows, model_of, tau)
    best = max(table, key=lambda k: (table[k], -float(k.split()[0])))
    c, scope, tau = best.split()
    return (float(c), scope, float(tau)), table


def direction(train: str, apply: str, how: str) -> dict[str, Any]:
    """Train on half ``train`` (settings chosen inside it), extract half ``apply``, score."""
    (c, scope, tau), table = select(train, how)
    model = fit(rows_of(train), c)
    held = [r for r in rows_of(apply) if scope in ("all", r["kind"])]
    guess = [decide(model, r["features"], r["kind"], r["rule"], tau) for r in held]
    arts = [a for a in articles() if half(a.id) == apply]
    folder = save(extract_with(arts, {a.id: model for a in arts}, scope, tau),
                  OUT / f"pred-{how}-{train}to{apply}")  # fmt: skip
    ids = sorted(a.id for a in arts)
    right = sum(g == r["label"] for g, r in zip(guess, held, strict=True))
    return {"C": c, "scope": scope, "tau": tau, "inner": table, "figures": len(held),
            "accuracy learned": right / len(held),
            "accuracy rules": sum(r["rule"] == r["label"] for r in held) / len(held),
            "changed": sum(g != r["rule"] for g, r in zip(guess, held, strict=True)),
            "learned": score(folder, ids), "rules": score(OUT / "pred-rules", ids)}  # fmt: skip


def main() -> None:
    """Both directions; the result is printed and kept in out/learned/crossfit-SELECT.json."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--select", choices=("accuracy", "e2e", "gated"), default="accuracy")
    how = parser.parse_args().select
    results = {f"{t}->{a}": direction(t, a, how) for t, a in (("A", "B"), ("B", "A"))}
    (OUT / f"crossfit-{how}.json").write_text(json.dumps(results, indent=2))
    for name, r in results.items():
        print(
            f"{name}: C={r['C']} scope={r['scope']} tau={r['tau']} figures={r['figures']} "
            f"changed={r['changed']} accuracy learned {r['accuracy learned']:.3f} "
            f"rules {r['accuracy rules']:.3f}"
        )
        for key in r["learned"]:
            new, old = r["learned"][key], r["rules"][key]
            print(f"  {key:14} learned {new:.4f}  rules {old:.4f}  diff {new - old:+.4f}")


if __name__ == "__main__":
    main()
