# Reference for ratio-of-sums.test.ts: the paired ratio of sums, the delta method's SE of its log with its two floors
# (Agresti-Coull quality, lognormal costs within outcome cells) and the kurtosis df, with numpy, from the definitions
# in docs/decisions/0032-interval-for-work-per-dollar.md (not from the TypeScript's running moments).
# Run: python3 reports/stats/ratio-of-sums-reference.py (numpy 2.4.6 here)
import numpy as np


def read(qA, cA, qB, cB, single=False):
    n = len(qA)
    cols = [qA, cA, qB, cB]
    w = np.array([1 / qA.mean(), -1 / cA.mean(), 0.0 if single else -1 / qB.mean(), 0.0 if single else 1 / cB.mean()])
    X = np.column_stack(cols)
    S = np.cov(X, rowvar=False, ddof=1)
    psi = (X - X.mean(axis=0)) @ w
    sample = psi.var(ddof=1)
    # 1. Each side's quality: two passes and two failures added before its variance is read.
    quality = 0.0
    for j in ([0] if single else [0, 2]):
        padded = np.concatenate([cols[j], [1, 1, 0, 0]])
        quality += w[j] ** 2 * max(0.0, padded.var(ddof=1) - S[j, j])
    # 2. Costs: lognormal within the cells of (A passed, B passed), cell means the sample's, ln spread pooled.
    a, b = -w[1], w[3]
    cell = (qA >= 0.5) * 2 + (qB >= 0.5)
    resid = []
    for c in range(4):
        at = cell == c
        both = at & (cA > 0) & (cB > 0)
        if both.sum() >= 1:
            resid.append(np.column_stack([np.log(cA[both]) - np.log(cA[both]).mean(), np.log(cB[both]) - np.log(cB[both]).mean()]))
    R = np.vstack(resid)
    df = len(R) - len(resid)
    cost = 0.0
    if df >= 2:
        sAA, sBB, sAB = (R[:, 0] ** 2).sum() / df, (R[:, 1] ** 2).sum() / df, (R[:, 0] * R[:, 1]).sum() / df
        second, first = 0.0, 0.0
        for c in range(4):
            at = cell == c
            if at.sum() == 0:
                continue
            mA, mB, pi = a * cA[at].mean(), b * cB[at].mean(), at.sum() / n
            second += pi * (mB ** 2 * np.exp(sBB) + mA ** 2 * np.exp(sAA) - 2 * mA * mB * np.exp(sAB))
            first += pi * (mB - mA)
        model = (second - first ** 2) * n / (n - 1)
        cost = max(0.0, model - (b * cB - a * cA).var(ddof=1))
    se = np.sqrt((sample + quality + cost) / n)
    # 3. The t's df: 2(n - 1) / (kurtosis - 1) where psi's kurtosis is above 3, at most n - 1.
    kurtosis = (psi ** 4).mean() / (psi ** 2).mean() ** 2
    dof = n - 1 if kurtosis <= 3 else max(1.0, min(n - 1.0, 2 * (n - 1) / (kurtosis - 1)))
    ratio = (qA.sum() / cA.sum()) / (1 if single else qB.sum() / cB.sum())
    return ratio, np.sqrt(sample / n), se, dof


qA = np.array([1, 0, 1, 1, 0.5]); cA = np.array([0.2, 0.1, 0.3, 0.25, 0.15])
qB = np.array([1, 1, 0, 1, 1.0]); cB = np.array([0.5, 0.4, 0.9, 0.6, 0.3])
print('pair: ratio %.17g plain %.17g se %.17g df %.17g' % read(qA, cA, qB, cB))
print('one provider: ratio %.17g plain %.17g se %.17g df %.17g' % read(qA, cA, np.ones(5), np.ones(5), single=True))
# Cheap failures (a tenth of a solved arm's cost) beside a provider that always passes, twelve tasks of spread sizes.
size = np.array([0.06, 0.33, 0.15, 0.38, 0.43, 0.07, 0.1, 0.19, 0.07, 0.79, 0.51, 0.29])
qA = np.array([1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1.0]); cA = np.where(qA > 0, size, size / 10) * 1.1
qB = np.ones(12); cB = size * 2.2
print('cheap failures: ratio %.17g plain %.17g se %.17g df %.17g' % read(qA, cA, qB, cB))
# Runaways: two of twenty arms of A cost 15 times the rest.
cA = np.array([1.0] * 18 + [15, 15]); qA = np.array([1.0] * 14 + [0] * 6); cB = np.linspace(0.8, 1.2, 20); qB = np.array([1.0, 0] * 10)
print('runaways: ratio %.17g plain %.17g se %.17g df %.17g' % read(qA, cA, qB, cB))
