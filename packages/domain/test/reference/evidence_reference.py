"""Independent reference values for packages/domain/src/{meta,panel,drivers,design}.ts.

Regenerate with Debian's Python, which has statsmodels (apt-get install -y python3-statsmodels):
    /usr/bin/python3 packages/domain/test/reference/evidence_reference.py \
        > packages/domain/test/reference/evidence-expected.ts
    npx biome check --write packages/domain/test/reference/evidence-expected.ts

- pooled per type: statsmodels.stats.meta_analysis.combine_effects(method_re="dl", use_t=True),
  row "random effect wls" = DerSimonian-Laird tau^2 with the Hartung-Knapp-Sidik-Jonkman CI
  on t(m - 1); the prediction interval mu +- t(0.975, m - 2) sqrt(tau^2 + SE^2) from its
  tau2 and sd_eff_w_re (Higgins, Thompson & Spiegelhalter 2009) with scipy.stats.t.
- panel: statsmodels WLS of y on C(team) + C(week) + one 0/1 column per type, weights = n,
  cov_type="cluster" by team (CR1: G/(G-1) (N-1)/(N-K)); CI on t(G - 1) from scipy.
- drivers: scipy.stats.pearsonr(x, y).confidence_interval(0.95) (Fisher z).
- design MDE: (t(0.975, df) + t(0.80, df)) * SE with Welch-Satterthwaite df, quantiles from
  scipy (polished with Newton steps as in stats_reference.py).
- Holm: statsmodels.stats.multitest.multipletests(method="holm").
"""

import json
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.formula.api as smf
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects
from statsmodels.stats.multitest import multipletests

warnings.filterwarnings('ignore')
rng = np.random.default_rng(20261130)


def tppf(p, df):
    x = stats.t.ppf(p, df)
    for _ in range(3):
        x -= (stats.t.cdf(x, df) - p) / stats.t.pdf(x, df)
    return float(x)


# --- pooled per type -------------------------------------------------------------------------
META = {
    'm = 2': ([4.0, 9.0], [6.0, 8.5]),
    'm = 3, tau2 = 0': ([2.0, 3.0, 2.5], [4.0, 9.0, 6.25]),
    'm = 3, heterogeneous': ([-6.0, 2.0, 11.0], [3.0, 4.0, 2.5]),
    'm = 5, tau2 > 0': ([-3.0, 1.5, 8.0, 12.5, 4.0], [2.0, 3.5, 1.5, 4.0, 2.5]),
    'm = 8, engagement-sized': (
        [float(x) for x in np.round(rng.normal(5, 4, 8), 3)],
        [float(x) for x in np.round(rng.uniform(4, 30, 8), 3)],
    ),
}
meta = []
for name, (ys, vs) in META.items():
    y, v = np.array(ys), np.array(vs)
    m = len(y)
    res = combine_effects(y, v, method_re='dl', use_t=True)
    frame = res.summary_frame()
    # statsmodels 0.13 does not truncate the DL tau^2 at 0; a negative one means tau^2 = 0,
    # where the random-effects model is the fixed-effect one: its "fixed effect wls" row is
    # the HKSJ interval with w* = w.
    tau2 = max(0.0, float(res.tau2))
    if res.tau2 > 0:
        row = frame.loc['random effect wls']
        mu, se = float(res.mean_effect_re), float(res.sd_eff_w_re)
    else:
        row = frame.loc['fixed effect wls']
        mu, se = float(res.mean_effect_fe), float(res.sd_eff_w_fe)
    assert abs(float(row['eff']) - mu) < 1e-12
    pi = None
    if m >= 3:
        half = tppf(0.975, m - 2) * np.sqrt(tau2 + se**2)
        pi = [mu - half, mu + half]
    meta.append(
        {
            'name': name,
            'studies': [{'y': a, 'v': b} for a, b in zip(ys, vs)],
            'expected': {
                'diff': mu,
                'ci95': [float(row['ci_low']), float(row['ci_upp'])],
                'tau2': tau2,
                'i2': 100 * max(0.0, float(res.i2)),
                'se': se,
                'pi95': pi,
            },
        }
    )


# --- two-way fixed-effects panel -------------------------------------------------------------
def panel_case(name, teams, weeks, runs, missing, seed):
    """runs: list of (team, first week, weeks, type); missing: set of (team, week) not published."""
    r = np.random.default_rng(seed)
    team_level = {t: r.normal(60, 8) for t in range(teams)}
    week_level = {w: r.normal(0, 3) for w in range(weeks)}
    true = {'decision_rights': 6.0, 'planning_voice': -2.0, 'flexible_schedule': 3.0, 'custom': 1.0}
    active = {}
    for team, first, length, kind in runs:
        for w in range(first, first + length):
            active[(team, w)] = kind
    rows = []
    for t in range(teams):
        for w in range(weeks):
            if (t, w) in missing:
                continue
            kind = active.get((t, w))
            n = int(r.integers(5, 13))
            y = team_level[t] + week_level[w] + (true[kind] if kind else 0) + r.normal(0, 12 / np.sqrt(n))
            rows.append({'team': f't{t}', 'week': f'2026-W{w + 10:02d}', 'y': round(float(y), 4), 'weight': n, 'active': kind})
    df = pd.DataFrame(rows)
    types = sorted({k for k in df['active'] if k})
    for kind in types:
        df['d_' + kind] = (df['active'] == kind).astype(float)
    formula = 'y ~ C(team) + C(week)' + ''.join(f' + d_{k}' for k in types)
    groups = pd.Categorical(df['team']).codes
    fit = smf.wls(formula, data=df, weights=df['weight']).fit(cov_type='cluster', cov_kwds={'groups': groups})
    g = df['team'].nunique()
    t975 = tppf(0.975, g - 1)
    expected = {}
    for kind in types:
        ran = df.loc[df['active'] == kind, 'team'].nunique()
        if ran < 2:
            expected[kind] = None
            continue
        b = float(fit.params['d_' + kind])
        s = float(fit.bse['d_' + kind])
        expected[kind] = {'diff': b, 'se': s, 'ci95': [b - t975 * s, b + t975 * s], 'teams': int(ran)}
    return {'name': name, 'rows': rows, 'teams': g, 'expected': expected}


panels = [
    panel_case(
        'balanced, 6 teams x 12 weeks, back-to-back runs',
        6,
        12,
        [(0, 2, 2, 'decision_rights'), (0, 4, 1, 'planning_voice'), (1, 3, 2, 'decision_rights'),
         (2, 5, 1, 'planning_voice'), (2, 6, 2, 'decision_rights'), (3, 8, 3, 'flexible_schedule'),
         (4, 1, 1, 'planning_voice'), (4, 9, 2, 'flexible_schedule'), (5, 7, 1, 'custom')],
        set(),
        1,
    ),
    panel_case(
        'unbalanced, hidden team-weeks left out',
        5,
        10,
        [(0, 1, 2, 'decision_rights'), (1, 2, 1, 'decision_rights'), (2, 4, 2, 'planning_voice'),
         (3, 5, 1, 'planning_voice'), (4, 6, 2, 'decision_rights'), (1, 7, 1, 'custom')],
        {(0, 0), (2, 3), (3, 9), (4, 4), (4, 5), (1, 1)},
        2,
    ),
]

# --- drivers ---------------------------------------------------------------------------------
ITEMS = ['energy', 'autonomy', 'voice', 'growth', 'trust']
driver_rows = []
for _ in range(40):
    base = rng.normal(60, 10)
    items = {item: float(np.round(np.clip(base + rng.normal(0, 6 + 2 * i), 0, 100), 2)) for i, item in enumerate(ITEMS)}
    enps = float(np.round(np.clip(-120 + 2.2 * items['trust'] + 0.8 * items['voice'] + rng.normal(0, 18), -100, 100), 2))
    driver_rows.append({'items': items, 'enps': enps})
drivers = []
for item in ITEMS:
    x = np.array([r['items'][item] for r in driver_rows])
    y = np.array([r['enps'] for r in driver_rows])
    res = stats.pearsonr(x, y)
    ci = res.confidence_interval(0.95)
    drivers.append({'item': item, 'estimate': float(res.statistic), 'ci95': [float(ci.low), float(ci.high)]})

# --- design MDE ------------------------------------------------------------------------------
designs = []
for r_, sd, b, d in [(5, 15.0, 2, 1), (5, 15.0, 2, 2), (5, 15.0, 2, 4), (8, 12.5, 4, 4), (12, 18.0, 1, 1), (3, 20.0, 1, 1)]:
    n1, n2 = r_ * b, r_ * d
    u1, u2 = sd**2 / n1, sd**2 / n2
    se = np.sqrt(u1 + u2)
    df = (u1 + u2) ** 2 / (u1**2 / (n1 - 1) + u2**2 / (n2 - 1))
    designs.append({'respondentsPerWeek': r_, 'sd': sd, 'baselineWeeks': b, 'durationWeeks': d, 'mde': (tppf(0.975, df) + tppf(0.8, df)) * se})

# --- Holm ------------------------------------------------------------------------------------
holms = []
for ps in [[0.01, 0.04, 0.03, 0.005], [0.2, 0.5, 0.01, 0.04, 0.04], [0.9, 0.8], [0.001]]:
    holms.append({'p': ps, 'adjusted': [float(x) for x in multipletests(ps, method='holm')[1]]})


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, (np.floating, float)):
        return float(o)
    if isinstance(o, (np.integer, int)):
        return int(o)
    return o


print(
    f'// Generated by evidence_reference.py (statsmodels {statsmodels.__version__}, SciPy {scipy.__version__}, '
    f'NumPy {np.__version__}); do not edit.'
)
for const, value in [('meta', meta), ('panels', panels), ('driverRows', driver_rows), ('drivers', drivers), ('designs', designs), ('holms', holms)]:
    print(f'export const {const} = {json.dumps(clean(value), indent=2)};')
