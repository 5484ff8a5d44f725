# Reference for build-limit-changes.test.ts: the ratio estimator's t interval of % per token, ends inverted to tokens per 1%.
# Run: /usr/bin/python3 reports/usage/limit-changes-reference.py (numpy and scipy, as Debian packages them).
import numpy as np
from scipy import stats


def calibrate(deltas, tokens, confidence=0.95):
    d = np.array(deltas, float)
    t = np.array(tokens, float)
    n = len(d)
    rate = d.sum() / t.sum()
    se = np.sqrt(((d - rate * t) ** 2).sum() / (n - 1) / n) / t.mean()
    q = stats.t.ppf(1 - (1 - confidence) / 2, n - 1)
    low, high = max(0.0, rate - q * se), rate + q * se
    return 1 / rate, 1 / high, (1 / low if low > 0 else None)


print('2026-W47', calibrate([2, 3, 4, 2.5, 3.5], [4800, 7000, 9500, 5900, 8200]))
print('2026-W48', calibrate([3, 4, 2, 5], [4900, 6300, 3300, 8000]))
