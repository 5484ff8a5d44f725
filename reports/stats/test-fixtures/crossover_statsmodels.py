# Purpose: regenerate crossover-statsmodels.json, statsmodels' OLS fit of y ~ subject + period + treatment + carry for the k-treatment crossover tests.
"""
The numbers `experiment crossover` must reproduce for long data (subject,sequence,period,treatment,y), computed
by statsmodels with the model written the way a statistician would type it:

    y ~ C(subject) + C(period) + C(treatment, Treatment(ref)) + C(carry, Treatment(ref))

carry being the subject's treatment in the previous period and 'none' in period 1. The 'none' level is aliased
with the period-1 effect, so X is rank-deficient by design: statsmodels fits it through the pseudo-inverse and
takes df from the rank, and the estimable contrasts (treatment differences, carryover differences) are what
they would be in a full-rank coding. Observations whose previous period is missing (a dropout in the middle)
are left out, as reports/stats/williams-analysis.ts does. Contrasts, SEs, t, p and CIs come from
results.t_test; Holm from statsmodels.stats.multitest.multipletests. Nothing here shares code with the
TypeScript side.

Datasets: a 4x4 Williams square used three times (12 subjects, treatments A-D) with planted treatment and
first-order carryover effects; the same with four periods dropped; and Senn's exercise-induced asthma trial
(3 treatments, 30 patients; Senn, Cross-over Trials in Clinical Research, 2nd ed., Table 5.2). The first is
also written to docs/examples/crossover-williams-4.csv and the last to docs/examples/crossover-senn-3.csv.

Regenerate (Debian's statsmodels: apt-get install -y python3-statsmodels; checked with statsmodels 0.13.5,
numpy 1.24, scipy 1.10, pandas 1.5):

    /usr/bin/python3 reports/stats/test-fixtures/crossover_statsmodels.py
"""
import json
import pathlib

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.stats.multitest import multipletests

from williams_carryover import EIA

ALPHA = 0.05
HERE = pathlib.Path(__file__).resolve().parent
EXAMPLES = HERE.parents[2] / "docs" / "examples"

# A 4x4 Williams square (every treatment follows every other once), written out rather than built.
WILLIAMS_4 = ["ABDC", "BCAD", "CDBA", "DACB"]
TAU = {"A": 0.0, "B": 0.8, "C": -0.4, "D": 0.3}
LAMBDA = {"A": 0.0, "B": 0.5, "C": -0.3, "D": 0.2}


def simulate_williams(replicates, seed, drop=()):
    rng = np.random.default_rng(seed)
    rows = []
    for r in range(replicates):
        for sequence in WILLIAMS_4:
            subject = f"s{r * 4 + WILLIAMS_4.index(sequence) + 1}"
            level = rng.normal(20, 2)
            for p, t in enumerate(sequence):
                carry = LAMBDA[sequence[p - 1]] if p > 0 else 0.0
                y = level + 0.3 * p + TAU[t] + carry + rng.normal(0, 0.4)
                if (subject, p + 1) not in drop:
                    rows.append({"subject": subject, "sequence": sequence, "period": p + 1, "treatment": t, "y": round(float(y), 4)})
    return rows


# Senn Table 5.2 (patient, sequence of F formoterol / S salbutamol / P placebo, FEV1 in ml per period), as typed in
# for the numpy fixture beside this script.
SENN_3 = [
    {"subject": str(n), "sequence": seq, "period": p + 1, "treatment": seq[p], "y": ys[p]} for n, seq, *ys in EIA for p in range(3)
]

DATASETS = {
    "williams-4": simulate_williams(3, 2024),
    "williams-4-dropouts": simulate_williams(3, 2025, drop={("s2", 2), ("s5", 4), ("s7", 3), ("s12", 1)}),
    "senn-3": SENN_3,
}


def estimate(test, df):
    low, high = test.conf_int(alpha=ALPHA)[0]
    return {
        "estimate": float(np.squeeze(test.effect)),
        "se": float(np.squeeze(test.sd)),
        "t": float(np.squeeze(test.tvalue)),
        "df": int(df),
        "p": float(np.squeeze(test.pvalue)),
        "ciLow": float(low),
        "ciHigh": float(high),
    }


def fit(rows):
    data = pd.DataFrame(rows)
    treatment_of = {(r["subject"], r["period"]): r["treatment"] for r in rows}
    first = data["period"].min()
    data["carry"] = [
        "none" if p == first else treatment_of.get((s, p - 1), "?") for s, p in zip(data["subject"], data["period"])
    ]
    data = data[data["carry"] != "?"].reset_index(drop=True)
    treatments = sorted(data["treatment"].unique())
    ref = treatments[0]
    formula = f"y ~ C(subject) + C(period) + C(treatment, Treatment('{ref}')) + C(carry, Treatment('{ref}'))"
    result = smf.ols(formula, data=data).fit()
    names = list(result.params.index)
    df = result.df_resid

    def column(prefix, level):
        name = f"C({prefix}, Treatment('{ref}'))[T.{level}]"
        return names.index(name) if name in names else None

    def contrast(prefix, a, b):
        row = np.zeros(len(names))
        for level, sign in ((a, 1.0), (b, -1.0)):
            j = column(prefix, level)
            if j is not None:
                row[j] += sign
        return estimate(result.t_test(row), df)

    pairs = []
    for i, a in enumerate(treatments):
        for b in treatments[i + 1:]:
            pairs.append({"a": a, "b": b, **contrast("treatment", a, b)})
    holm = multipletests([c["p"] for c in pairs], method="holm")[1]
    for c, adjusted in zip(pairs, holm):
        c["pHolm"] = float(adjusted)
    carried = sorted(set(data["carry"]) - {"none", ref})
    return {
        "formula": formula,
        "observations": int(result.nobs),
        "rank": int(np.linalg.matrix_rank(result.model.exog)),
        "columns": len(names),
        "df": int(df),
        "residualSd": float(np.sqrt(result.scale)),
        "pairwise": pairs,
        "carryover": [{"treatment": t, "reference": ref, **contrast("carry", t, ref)} for t in carried],
    }


def write_csv(path, rows):
    lines = ["subject,sequence,period,treatment,y"] + [f"{r['subject']},{r['sequence']},{r['period']},{r['treatment']},{r['y']}" for r in rows]
    path.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    out = {name: {"observations": rows, "expected": fit(rows)} for name, rows in DATASETS.items()}
    (HERE / "crossover-statsmodels.json").write_text(json.dumps(out, indent=1) + "\n")
    write_csv(EXAMPLES / "crossover-williams-4.csv", DATASETS["williams-4"])
    write_csv(EXAMPLES / "crossover-senn-3.csv", DATASETS["senn-3"])
    for name, case in out.items():
        e = case["expected"]
        print(name, "n", e["observations"], "rank", e["rank"], "of", e["columns"], "df", e["df"],
              [(c["a"], c["b"], round(c["estimate"], 4), round(c["pHolm"], 6)) for c in e["pairwise"]],
              [(c["treatment"], round(c["estimate"], 4)) for c in e["carryover"]])
