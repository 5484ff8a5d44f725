# Regenerate share-primary-statsmodels.json (Debian's python3-statsmodels 0.13.5):
#   /usr/bin/python3 reports/report/test-fixtures/share_primary_statsmodels.py > reports/report/test-fixtures/share-primary-statsmodels.json
# and the default run's (`experiment run --seed 42`, its priced task-level windows exported as {"windows": [...]}):
#   /usr/bin/python3 reports/report/test-fixtures/share_primary_statsmodels.py WINDOWS.json > reports/report/test-fixtures/share-primary-seed42.json
# Four providers whose per-task efficiencies differ 25-fold in spread; each pair of providers, on the tasks both ran,
# is fitted as an AB/BA crossover by ordinary least squares on the share of the pair each provider earned:
# y ~ C(subject) + C(period) + C(treatment). The treatment contrast is the mean share gap A - B (2 x the share
# difference / 2, since y_B = 1 - y_A); p-values are Holm-adjusted over the 6 pairs, intervals Bonferroni (alpha / 6).
import json
import itertools
import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.stats.multitest import multipletests
from scipy import stats

import sys
rng = np.random.default_rng(20261124)
providers = ['p1', 'p2', 'p3', 'p4']
means = {'p1': 5.0, 'p2': 5.3, 'p3': 9.0, 'p4': 8.5}
sds = {'p1': 0.02, 'p2': 0.02, 'p3': 0.5, 'p4': 0.5}  # log-scale spreads: 25-fold apart
tasks = 16
windows = []
for task in range(tasks):
    order = list(rng.permutation(providers))
    size = float(np.exp(rng.normal(0, 0.3)))
    for period, provider in enumerate(order, start=1):
        efficiency = means[provider] * size * float(np.exp(rng.normal(0, sds[provider])))
        windows.append({'task': f'T{task}', 'provider': provider, 'period': period, 'efficiency': efficiency})

if len(sys.argv) > 1:
    windows = json.load(open(sys.argv[1]))['windows']
    providers = ['sim-claude', 'sim-codex', 'sim-glm', 'sim-claude+glm']  # the default plan's order
    tasks = len({w['task'] for w in windows})
    names = sorted({w['task'] for w in windows})
    for w in windows:
        w['task'] = f"T{names.index(w['task'])}"
alpha = 0.05
pairs = list(itertools.combinations(providers, 2))
rows = []
for a, b in pairs:
    long = []
    for task in range(tasks):
        wa = next(w for w in windows if w['task'] == f'T{task}' and w['provider'] == a)
        wb = next(w for w in windows if w['task'] == f'T{task}' and w['provider'] == b)
        total = wa['efficiency'] + wb['efficiency']
        share_a = 0.5 if total == 0 else wa['efficiency'] / total  # both scored 0: no information, a tie
        a_first = wa['period'] < wb['period']
        long.append({'subject': f'T{task}', 'period': 1 if a_first else 2, 'treatment': 'A', 'y': share_a})
        long.append({'subject': f'T{task}', 'period': 2 if a_first else 1, 'treatment': 'B', 'y': 1 - share_a})
    frame = pd.DataFrame(long)
    fit = smf.ols("y ~ C(subject) + C(period) + C(treatment, Treatment(reference='B'))", data=frame).fit()
    name = "C(treatment, Treatment(reference='B'))[T.A]"
    # The treatment coefficient is share_A - share_B as one provider's share moves by g/2: the gap is the coefficient.
    estimate = float(fit.params[name])
    se = float(fit.bse[name])
    df = float(fit.df_resid)
    q = stats.t.ppf(1 - alpha / (2 * len(pairs)), df)
    rows.append({'a': a, 'b': b, 'estimate': estimate, 'se': se, 'df': df, 'p': float(fit.pvalues[name]),
                 'low': estimate - q * se, 'high': estimate + q * se})
holm = multipletests([r['p'] for r in rows], method='holm')[1]
for row, adjusted in zip(rows, holm):
    row['p_holm'] = float(adjusted)
print(json.dumps({'providers': providers, 'windows': windows, 'alpha': alpha, 'contrasts': rows}, indent=1))
