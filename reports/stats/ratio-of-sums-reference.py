# Reference for ratio-of-sums.test.ts: the paired ratio of sums and the delta method's SE of its log, its cost part
# floored by a lognormal fit of the costs, with numpy. Run: /usr/bin/python3 reports/stats/ratio-of-sums-reference.py
import numpy as np

qA = np.array([1, 0, 1, 1, 0.5]); cA = np.array([0.2, 0.1, 0.3, 0.25, 0.15])
qB = np.array([1, 1, 0, 1, 1.0]); cB = np.array([0.5, 0.4, 0.9, 0.6, 0.3])
n = len(qA)
psi = (qA - qA.mean()) / qA.mean() - (cA - cA.mean()) / cA.mean() - (qB - qB.mean()) / qB.mean() + (cB - cB.mean()) / cB.mean()
cost = cB / cB.mean() - cA / cA.mean()
lA, lB = np.log(cA), np.log(cB)
lognormal = np.expm1(lA.var(ddof=1)) + np.expm1(lB.var(ddof=1)) - 2 * np.expm1(np.cov(lA, lB, ddof=1)[0, 1])
var = psi.var(ddof=1) + max(0.0, lognormal - cost.var(ddof=1))
print('ratio', (qA.sum() / cA.sum()) / (qB.sum() / cB.sum()), 'log se plain', np.sqrt(psi.var(ddof=1) / n), 'floored', np.sqrt(var / n))
psi1 = (qA - qA.mean()) / qA.mean() - (cA - cA.mean()) / cA.mean()
var1 = psi1.var(ddof=1) + max(0.0, np.expm1(lA.var(ddof=1)) - (cA / cA.mean()).var(ddof=1))
print('one provider', qA.sum() / cA.sum(), 'log se plain', np.sqrt(psi1.var(ddof=1) / n), 'floored', np.sqrt(var1 / n))
