# Reference for build-limit-changes.test.ts: the ratio estimator's t interval of % per token and the readings' rounding
# (each run of joined readings off by the difference of two uniform errors: variance step^2 / 6), added in quadrature,
# ends inverted to tokens per 1% (reports/metrics/calibrate-bars.ts).
# Run: /usr/bin/python3 reports/usage/limit-changes-reference.py (numpy and scipy, as Debian packages them).
import numpy as np
from scipy import stats


def calibrate(deltas, tokens, confidence=0.95, step=0.1, chains=None):
    d = np.array(deltas, float)
    t = np.array(tokens, float)
    n = len(d)
    chains = n if chains is None else chains  # the test's windows all start at 10%: none joins the last
    rate = d.sum() / t.sum()
    excess = max(0.0, ((d - rate * t) ** 2).sum() / (n - 1) - step**2 / 4)  # the rounding's share is not scatter
    se = np.sqrt(excess / n) / t.mean()
    q = stats.t.ppf(1 - (1 - confidence) / 2, n - 1)
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    rounding = min(chains * step, z * step * np.sqrt(chains / 6)) / t.sum()
    half = np.hypot(q * se, rounding)
    low, high = max(0.0, rate - half), rate + half
    return 1 / rate, 1 / high, (1 / low if low > 0 else None)


print('2026-W47', calibrate([2, 3, 4, 2.5, 3.5], [4800, 7000, 9500, 5900, 8200]))
print('2026-W48', calibrate([3, 4, 2, 5], [4900, 6300, 3300, 8000], step=1))  # whole-number readings: a whole-percent bar
