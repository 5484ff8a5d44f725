# Regenerate burn-rate-statsmodels.json (Debian's python3-statsmodels 0.13.5):
#   /usr/bin/python3 reports/bars/test-fixtures/burn_rate_statsmodels.py > reports/bars/test-fixtures/burn-rate-statsmodels.json
# Series shaped like real bars: a Claude 5h bar read every few minutes (integer percentages, as the quota endpoint
# rounds them), a GLM bar with exact fractions, a short 3-reading series and a flat-then-rising one. Each is fitted as
# used_pct ~ hours by ordinary least squares; the slope and its 95% (and 90%) t-interval are what fitBurnRate must give.
import json
import numpy as np
import statsmodels.api as sm

rng = np.random.default_rng(20261125)
cases = []

def add(name, hours, pct):
    x = sm.add_constant(np.asarray(hours, dtype=float))
    fit = sm.OLS(np.asarray(pct, dtype=float), x).fit()
    ci95 = fit.conf_int(alpha=0.05)[1]
    ci90 = fit.conf_int(alpha=0.10)[1]
    cases.append({'name': name, 'hours': list(map(float, hours)), 'pct': list(map(float, pct)),
                  'slope': float(fit.params[1]), 'low95': float(ci95[0]), 'high95': float(ci95[1]),
                  'low90': float(ci90[0]), 'high90': float(ci90[1])})

hours = np.sort(rng.uniform(0, 2.5, 30))
add('claude-5h-integer', 100 + hours, np.round(12 + 9.5 * hours + rng.normal(0, 1.2, 30)))
hours = np.arange(0, 3, 0.25)
add('glm-5h-exact', hours, 4.115233 + 3.1 * hours + rng.normal(0, 0.05, len(hours)))
add('three-readings', [0.0, 0.5, 1.25], [10.0, 14.0, 21.0])
hours = np.arange(0, 4, 0.5)
add('flat-then-rising', hours, [5, 5, 5, 5, 9, 14, 20, 26])
print(json.dumps({'cases': cases}, indent=1))
