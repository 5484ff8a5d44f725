# Purpose: regenerate williams-carryover.json, an independent numpy/scipy fit of y = subject + period + treatment + carryover for williams-analysis tests.
"""
Writes the datasets (3 and 4 providers on Williams designs with planted treatment and first-order carryover
effects, a 4-provider one with dropouts, an AB/BA one, and Senn's exercise-induced asthma trial) together with
the expected analysis, computed here independently of the TypeScript code:

  * a different parametrisation (one dummy per subject and no intercept) fitted by numpy.linalg.lstsq;
  * estimability decided by numpy.linalg.matrix_rank (SVD) of the carryover design;
  * covariance sigma^2 (X'X)^-1 by numpy.linalg.inv; t, p and quantiles from scipy.stats.t;
  * Holm step-down written out here from Holm (1979);
  * least-squares means from that parametrisation (mean of the subject coefficients, mean of the periods').

Model (Jones & Kenward, Design and Analysis of Cross-Over Trials, 3rd ed., ch. 5): y_ij = subject_i + period_j
+ tau_d(i,j) + lambda_d(i,j-1), no carryover in the first period, effects of the reference treatment (sorted
first) set to 0. Observations whose previous period has no observation (dropout in the middle) are left out
of the carryover fit. Run: python3 reports/stats/test-fixtures/williams_carryover.py (numpy 2.4, scipy 1.17).
"""
import json
import pathlib

import numpy as np
from scipy import stats

ALPHA = 0.05


def williams(k):
    """Sheehe & Bross (1961) rows, as reports/stats/williams-design.ts builds them."""
    first = [0 if j == 0 else ((j + 1) // 2 if j % 2 == 1 else k - j // 2) for j in range(k)]
    square = [[(t + s) % k for t in first] for s in range(k)]
    return square if k % 2 == 0 else square + [row[::-1] for row in square]


def simulate(names, tau, lam, replicates, noise, seed, drop=()):
    rng = np.random.default_rng(seed)
    obs = []
    for r in range(replicates):
        for q, seq in enumerate(williams(len(names))):
            subject = f"t{r}-{q}"
            base = rng.normal(10, 1)
            for p, t in enumerate(seq):
                carry = lam[seq[p - 1]] if p > 0 else 0.0
                y = base + 0.25 * p + tau[t] + carry + (rng.normal(0, noise) if noise > 0 else 0.0)
                if (subject, p + 1) not in drop:
                    obs.append({"subject": subject, "period": p + 1, "treatment": names[t], "y": round(float(y), 6)})
    return obs


def holm(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out, running = [0.0] * m, 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def design(rows, treatments, carryover):
    subjects = sorted({r["subject"] for r in rows})
    periods = sorted({r["period"] for r in rows})
    cols = [f"subject {s}" for s in subjects] + [f"period {p}" for p in periods[1:]] + [f"treatment {t}" for t in treatments[1:]]
    if carryover:
        cols += [f"carryover {t}" for t in treatments[1:]]
    x = np.zeros((len(rows), len(cols)))
    for i, r in enumerate(rows):
        x[i, subjects.index(r["subject"])] = 1
        for name in (f"period {r['period']}", f"treatment {r['treatment']}", f"carryover {r.get('previous')}"):
            if name in cols:
                x[i, cols.index(name)] = 1
    return x, cols


def estimate(value, se, df, alpha):
    t = value / se
    q = stats.t.ppf(1 - alpha / 2, df)
    return {"estimate": value, "se": se, "t": t, "p": float(2 * stats.t.sf(abs(t), df)), "ciLow": value - q * se, "ciHigh": value + q * se}


def analyse(obs):
    treatments = sorted({o["treatment"] for o in obs})
    by_key = {(o["subject"], o["period"]): o["treatment"] for o in obs}
    first = min(o["period"] for o in obs)
    rows = []
    for o in obs:
        prev = None if o["period"] == first else by_key.get((o["subject"], o["period"] - 1), "?")
        rows.append({**o, "previous": prev})
    known = [r for r in rows if r["previous"] != "?"]
    x, cols = design(known, treatments, True)
    fitted = np.linalg.matrix_rank(x) == x.shape[1] and x.shape[0] > x.shape[1]
    if not fitted:
        known = rows
        x, cols = design(rows, treatments, False)
    y = np.array([r["y"] for r in known])
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    df = x.shape[0] - x.shape[1]
    sigma2 = float(np.sum((y - x @ beta) ** 2) / df)
    cov = sigma2 * np.linalg.inv(x.T @ x)

    def contrast(c):
        return estimate(float(c @ beta), float(np.sqrt(c @ cov @ c)), df, ALPHA)

    def unit(name):
        c = np.zeros(len(cols))
        if name in cols:
            c[cols.index(name)] = 1
        return c

    # Least-squares means: equal weight to subjects and periods, carryover columns at their mean in the data.
    subjects = len({r["subject"] for r in known})
    periods = len({r["period"] for r in known})
    common = beta[:subjects].mean() + sum(beta[j] for j, c in enumerate(cols) if c.startswith("period ")) / periods
    common += sum(x[:, j].mean() * beta[j] for j, c in enumerate(cols) if c.startswith("carryover "))
    means = [{"treatment": t, "lsMean": float(common + (unit(f"treatment {t}") @ beta))} for t in treatments]
    m = len(treatments) * (len(treatments) - 1) // 2
    pairs = []
    for i, a in enumerate(treatments):
        for b in treatments[i + 1:]:
            c = unit(f"treatment {a}") - unit(f"treatment {b}")
            e = contrast(c)
            q = stats.t.ppf(1 - ALPHA / (2 * m), df)
            pairs.append({"a": a, "b": b, **e, "simultaneousLow": e["estimate"] - q * e["se"], "simultaneousHigh": e["estimate"] + q * e["se"]})
    for pair, adjusted in zip(pairs, holm([pair["p"] for pair in pairs])):
        pair["pHolm"] = adjusted
    return {
        "carryoverFitted": bool(fitted),
        "df": df,
        "observations": len(known),
        "residualSd": float(np.sqrt(sigma2)),
        "means": means,
        "pairwise": pairs,
        "carryover": [{"treatment": t, **contrast(unit(f"carryover {t}"))} for t in treatments[1:]] if fitted else [],
    }


EIA = [
    (1, "FSP", 3500, 3200, 2900), (2, "FPS", 3100, 1800, 2400), (3, "SFP", 2100, 3200, 1000), (4, "SPF", 2200, 1100, 2600),
    (5, "PSF", 900, 1900, 2900), (6, "PFS", 2200, 2500, 2400), (7, "PSF", 1500, 2600, 2000), (8, "SPF", 2800, 2000, 2800),
    (9, "PFS", 2200, 3200, 3300), (10, "FSP", 3400, 2800, 2200), (11, "FPS", 2800, 1600, 2200), (12, "SFP", 1600, 2300, 1600),
    (13, "PFS", 800, 1400, 1000), (14, "FPS", 3100, 1600, 1400), (15, "PSF", 1200, 2200, 2700), (16, "SPF", 2400, 1700, 3400),
    (17, "FSP", 2300, 2200, 1700), (18, "SFP", 1600, 1400, 800), (19, "FPS", 2300, 1500, 2200), (20, "PFS", 950, 1320, 1480),
    (21, "FSP", 2300, 1300, 1400), (22, "PSF", 2400, 2600, 3800), (23, "FSP", 3000, 2400, 1800), (24, "SFP", 3100, 3200, 1000),
    (25, "FPS", 3000, 1700, 2600), (26, "PFS", 1700, 2600, 2400), (27, "SFP", 2800, 3100, 2000), (28, "FPS", 3100, 2100, 2800),
    (30, "PSF", 1900, 2700, 2800), (31, "PFS", 1400, 2500, 2200),
]

DATASETS = {
    "three": simulate(["sim-a", "sim-b", "sim-c"], [1.0, 0.2, -0.3], [0.0, 0.6, -0.5], 3, 0.2, 3),
    "four": simulate(["sim-a", "sim-b", "sim-c", "sim-d"], [0.9, 0.0, 0.5, -0.4], [0.0, -0.5, 0.4, 0.3], 3, 0.2, 4),
    "four-dropouts": simulate(["sim-a", "sim-b", "sim-c", "sim-d"], [0.9, 0.0, 0.5, -0.4], [0.0, -0.5, 0.4, 0.3], 4, 0.2, 5,
                              drop={("t0-1", 3), ("t0-1", 4), ("t1-2", 4), ("t2-0", 2), ("t3-3", 1)}),
    "ab-ba": simulate(["sim-a", "sim-b"], [0.5, 0.0], [0.0, 0.3], 5, 0.2, 2),
    "eia": [{"subject": str(n), "period": p + 1, "treatment": seq[p], "y": ys[p]} for n, seq, *ys in EIA for p in range(3)],
}

if __name__ == "__main__":
    out = {name: {"observations": obs, "expected": analyse(obs)} for name, obs in DATASETS.items()}
    path = pathlib.Path(__file__).with_name("williams-carryover.json")
    path.write_text(json.dumps(out, indent=1) + "\n")
    for name, case in out.items():
        e = case["expected"]
        print(name, "carryover" if e["carryoverFitted"] else "no carryover", "df", e["df"], "n", e["observations"], [round(c["estimate"], 4) for c in e["carryover"]])
