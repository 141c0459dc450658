"""Cross-fit the learned investor choice on tune-370 halves, end to end against the rules.

    python scripts/learned/investor_crossfit.py            # after investor_collect.py

For each direction (train on A, apply to B; train on B, apply to A): a logistic
regression over the training half's (deal figure, candidate) rows of
out/learned/investor_rows.jsonl scores every candidate; per deal figure the best
scored one is the investor. Settings are chosen inside the training half only
(5 folds grouped by article) by out-of-fold investor accuracy: C, the candidate
tier (the rules' priors, or every company of the article too) and the gate tau
(the rules' choice is replaced only when the learned probability of the new one
exceeds the rules' one by at least tau; 0 = always the model's best). The
other half is then extracted rules-only with the learned investor and scored with
``python -m evals`` against the rules-only run on the same half.

Only aggregate numbers are printed; the result goes to out/learned/investor-crossfit.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from crossfit import save  # the role experiment's writer: one JSON file per article
from investor_collect import ROWS, agrees, half, tune_articles
from investor_hook import run_all
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from stack_data import OUT, ROOT, TUNE, cached_parses

CS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
TIERS = {
    "priors": ("priors",),
    "companies": ("priors", "companies"),
    "names": ("priors", "companies", "names"),
}
TAUS = (0.0, 0.1, 0.2, 0.3, 0.5)
Model = tuple[LogisticRegression, DictVectorizer]


def rows_of(part: str) -> list[dict[str, Any]]:
    """The collected deal figures of one half, in extraction order."""
    lines = ROWS.read_text().splitlines()
    return [row for row in map(json.loads, lines) if row["half"] == part]


def pool(row: dict[str, Any], tier: str) -> list[dict[str, Any]]:
    """The candidates of a figure in a tier."""
    return [c for c in row["candidates"] if c["tier"] in TIERS[tier]]


def trainable(rows: list[dict[str, Any]], tier: str) -> list[dict[str, Any]]:
    """Figures whose gold investor is among the tier's candidates: they teach a ranking."""
    return [r for r in rows if any(c["label"] for c in pool(r, tier))]


def fit(rows: list[dict[str, Any]], tier: str, c: float) -> Model:
    """A logistic regression on the candidates of ``rows`` (those with a positive)."""
    cands = [cand for r in trainable(rows, tier) for cand in pool(r, tier)]
    vec = DictVectorizer()
    x = vec.fit_transform([cand["features"] for cand in cands])
    clf = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    return clf.fit(x, [cand["label"] for cand in cands]), vec


def pick(
    model: Model, row: dict[str, Any], tier: str, tau: float, *, keep_none: bool = False
) -> str | None:
    """The learned investor of one figure: the best candidate, gated by ``tau``.

    ``keep_none``: a figure the rules gave no investor keeps none (many such deals have
    none in gold either, and a wrong name costs the field a false positive).
    """
    cands = pool(row, tier)
    if not cands or (keep_none and row["rules"] is None):
        return row["rules"]
    clf, vec = model
    p = clf.predict_proba(vec.transform([c["features"] for c in cands]))[:, 1]
    prob = {c["name"]: float(q) for c, q in zip(cands, p, strict=True)}
    best = max(prob, key=prob.__getitem__)
    return best if prob[best] - prob.get(row["rules"] or "", 0.0) >= tau else row["rules"]


def _oracle(row: dict[str, Any]) -> str | None:
    """The ceiling: a candidate that agrees with gold when there is one, else the rules'."""
    if agrees(row["gold"], row["rules"]):
        return row["rules"]
    return next((c["name"] for c in row["candidates"] if c["label"]), row["rules"])


def accuracy(rows: list[dict[str, Any]], picks: list[str | None]) -> float:
    """Share of figures with a gold investor whose pick agrees with it."""
    known = [(r, p) for r, p in zip(rows, picks, strict=True) if r["gold"]]
    return sum(agrees(r["gold"], p) for r, p in known) / len(known)


def oof_picks(
    rows: list[dict[str, Any]],
    tier: str,
    c: float,
    taus: tuple[float, ...],
    keep_none: bool = False,
) -> dict[float, list[str | None]]:
    """Out-of-fold picks of every figure of a half, per tau (5 folds grouped by article)."""
    ids = sorted({r["id"] for r in rows})
    fold_of: dict[str, int] = {}
    for k, (_, held) in enumerate(GroupKFold(n_splits=5).split(ids, groups=ids)):
        fold_of.update({ids[i]: k for i in held})
    picks: dict[float, list[str | None]] = {t: [None] * len(rows) for t in taus}
    for k in range(5):
        model = fit([r for r in rows if fold_of[r["id"]] != k], tier, c)
        for i, row in enumerate(rows):
            if fold_of[row["id"]] == k:
                for t in taus:
                    picks[t][i] = pick(model, row, tier, t, keep_none=keep_none)
    return picks


def select(rows: list[dict[str, Any]], mode: str) -> tuple[tuple[float, str, float], dict]:
    """(C, tier, tau) by out-of-fold accuracy inside the half (ties: larger tau, smaller C).

    argmax: tau 0 (the model's best always wins); gated: tau chosen too; "+keep" after
    either: a figure the rules gave no investor keeps none. A mode
    "fixed:C:tier:tau" takes that setting as given (an exploratory check, not a selection).
    """
    if mode == "oracle":
        return (1.0, "names", 0.0), {"1.0 names 0.0": float("nan")}
    if mode.startswith("fixed:"):
        _, c, tier, tau = mode.split(":")
        return (float(c), tier, float(tau)), {f"{float(c)} {tier} {float(tau)}": float("nan")}
    table = {}
    for tier in TIERS:
        for c in CS:
            taus = TAUS if mode.startswith("gated") else (0.0,)
            for tau, picks in oof_picks(rows, tier, c, taus, mode.endswith("+keep")).items():
                table[f"{c} {tier} {tau}"] = accuracy(rows, picks)
    best = max(table, key=lambda k: (table[k], float(k.split()[2]), -float(k.split()[0])))
    c, tier, tau = best.split()
    return (float(c), tier, float(tau)), table


def extract_with(arts: list[Any], choice: dict[tuple[str, int], str | None]) -> dict[str, Any]:
    """Extract ``arts`` with the k-th deal figure of article ``id`` given ``choice[id, k]``."""
    current, seen = {"id": ""}, Counter()

    def visit(figure, index, cands):  # type: ignore[no-untyped-def]
        k = seen[current["id"]]
        seen[current["id"]] += 1
        return choice.get((current["id"], k))

    with cached_parses():
        return run_all(arts, visit, current)


def score(pred_dir: Path, ids: list[str]) -> dict[str, float]:
    """``python -m evals`` on the articles ``ids``: fields, records, deal records, deal.investor."""
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred, out = Path(tmp, "g"), Path(tmp, "p"), Path(tmp, "r.json")
        gold.mkdir(), pred.mkdir()
        for doc_id in ids:
            os.symlink(TUNE / "gold" / f"{doc_id}.json", gold / f"{doc_id}.json")
            os.symlink(pred_dir / f"{doc_id}.json", pred / f"{doc_id}.json")
        subprocess.run(
            [
                "nice",
                "-n",
                "5",
                sys.executable,
                "-m",
                "evals",
                "--gold",
                str(gold),
                "--pred",
                str(pred),
                "--articles",
                str(TUNE / "articles"),
                "--json",
                str(out),
            ],
            check=False,
            capture_output=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        report = json.loads(out.read_text())
    investor = report["by_field"]["deal.investor"]
    return {
        "fields": report["overall"]["f1"],
        "records": report["overall"]["records"]["f1"],
        "deal records": report["by_type"]["deal"]["records"]["f1"],
        "deal.investor": investor["f1"],
    }


def weights(model: Model, top: int = 15) -> list[tuple[str, float]]:
    """The features that weigh most (largest absolute coefficients)."""
    clf, vec = model
    named = zip(vec.get_feature_names_out(), clf.coef_[0], strict=True)
    return [(n, round(float(w), 3)) for n, w in sorted(named, key=lambda p: -abs(p[1]))[:top]]


def direction(train: str, apply: str, mode: str) -> dict[str, Any]:
    """Train on half ``train`` (settings chosen inside it), extract half ``apply``, score."""
    rows = rows_of(train)
    (c, tier, tau), table = select(rows, mode)
    model = fit(rows, tier, c)
    held = rows_of(apply)
    keep = mode.endswith("+keep")
    picks = [
        _oracle(r) if mode == "oracle" else pick(model, r, tier, tau, keep_none=keep) for r in held
    ]
    seq: Counter[str] = Counter()
    choice = {}
    for row, chosen in zip(held, picks, strict=True):
        choice[(row["id"], seq[row["id"]])] = chosen
        seq[row["id"]] += 1
    arts = [a for a in tune_articles() if half(a.id) == apply]
    setting = "oracle" if mode == "oracle" else f"{c}-{tier}-{tau}"
    name = f"pred-inv-{setting}-{train}to{apply}"
    name += "-keep" if keep else ""
    folder = OUT / name
    if not folder.exists():  # the same setting chosen by another mode: extracted already
        save(extract_with(arts, choice), folder)
    ids = sorted(a.id for a in arts)
    known = [r for r in held if r["gold"]]
    return {
        "C": c,
        "tier": tier,
        "tau": tau,
        "inner best": table[f"{c} {tier} {tau}"],
        "inner rules": accuracy(rows, [r["rules"] for r in rows]),
        "figures": len(held),
        "with gold investor": len(known),
        "changed": sum(p != r["rules"] for p, r in zip(picks, held, strict=True)),
        "accuracy learned": accuracy(held, picks),
        "accuracy rules": accuracy(held, [r["rules"] for r in held]),
        "learned": score(folder, ids),
        "rules": score(OUT / "pred-inv-rules", ids),
        "weights": weights(model),
    }


def main() -> None:
    """Both directions per mode; printed and kept in out/learned/investor-crossfit.json."""
    modes = sys.argv[1:] or ["argmax", "gated"]
    path = OUT / "investor-crossfit.json"
    results = json.loads(path.read_text()) if path.exists() else {}
    for mode in modes:
        for train, apply in (("A", "B"), ("B", "A")):
            key = f"{mode} {train}->{apply}"
            results[key] = r = direction(train, apply, mode)
            print(
                f"{key}: C={r['C']} tier={r['tier']} tau={r['tau']} inner {r['inner best']:.3f}"
                f" (rules {r['inner rules']:.3f}) figures={r['figures']} "
                f"gold-investor={r['with gold investor']} changed={r['changed']} accuracy "
                f"learned {r['accuracy learned']:.3f} rules {r['accuracy rules']:.3f}"
            )
            for k in r["learned"]:
                new, old = r["learned"][k], r["rules"][k]
                print(f"  {k:14} learned {new:.4f}  rules {old:.4f}  diff {new - old:+.4f}")
            print("  weights", r["weights"])
            sys.stdout.flush()
            path.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
