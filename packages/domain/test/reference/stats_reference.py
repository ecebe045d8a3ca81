"""Independent reference values for packages/domain/src/stats.ts.

Regenerate (Debian's SciPy, not the pyenv python on PATH):
    apt-get install -y python3-scipy
    /usr/bin/python3 packages/domain/test/reference/stats_reference.py \
        > packages/domain/test/reference/stats-expected.ts
    npx biome check --write packages/domain/test/reference/stats-expected.ts

Welch: scipy.stats.ttest_ind(equal_var=False) for t and p; df, SE, CI, Hedges' g, MDE,
difference-in-differences and DerSimonian-Laird by direct numpy formulas (docs/product.md §5);
quantiles and CDF from scipy.stats.t.

SciPy 1.10's t.ppf (Cephes stdtrit) is only accurate to about 1e-9 for fractional df
(e.g. t.ppf(0.8, 21.92) is 2e-9 off: t.cdf of it is not 0.8), which is the size of the test
tolerance, so every quantile below is polished with Newton steps on SciPy's own t.cdf/t.pdf.
DerSimonian-Laird is computed in exact rational arithmetic (fractions.Fraction) up to the
final square root, so the reference does not inherit the cancellation in
sum(w) - sum(w^2)/sum(w) that a zero-variance study (floored weight 1e8) causes in floats.
"""

from fractions import Fraction

import json

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20260105)


def sample(n, mu, sd):
    return [float(x) for x in np.round(rng.normal(mu, sd, n), 1)]


# name -> treated before, treated after, control before, control after
DATASETS = {
    'tiny n=2 vs n=3': (
        [55.0, 70.0],
        [60.0, 80.0, 75.0],
        [50.0, 65.0],
        [45.0, 60.0, 70.0],
    ),
    'equal means': (
        [40.0, 50.0, 60.0, 70.0, 55.0],
        [45.0, 65.0, 55.0, 55.0, 60.0, 50.0],
        [35.0, 45.0, 60.0, 50.0],
        [40.0, 50.0, 55.0, 50.0, 45.0],
    ),
    'zero variance in one group': (
        [60.0, 60.0, 60.0, 60.0],
        [55.0, 70.0, 80.0, 65.0, 75.0],
        [50.0, 50.0, 50.0],
        [45.0, 55.0, 60.0, 50.0],
    ),
    'unequal sizes 3 vs 40': (
        [35.0, 50.0, 45.0],
        [float(x) for x in (5 * np.round(rng.normal(55, 15, 40) / 5)).clip(0, 100)],
        [float(x) for x in (5 * np.round(rng.normal(50, 12, 25) / 5)).clip(0, 100)],
        [float(x) for x in (5 * np.round(rng.normal(52, 12, 30) / 5)).clip(0, 100)],
    ),
    'large effect, tiny p': (
        sample(12, 40, 4),
        sample(12, 64, 4),
        sample(20, 45, 10),
        sample(20, 47, 10),
    ),
    'engagement indices, moderate effect': (
        [45.0, 60.0, 55.0, 70.0, 50.0, 65.0, 40.0, 55.0, 60.0],
        [60.0, 75.0, 55.0, 80.0, 65.0, 70.0, 50.0, 85.0],
        [50.0, 55.0, 60.0, 45.0, 65.0, 55.0, 50.0, 70.0, 40.0, 60.0, 55.0],
        [55.0, 50.0, 60.0, 50.0, 65.0, 60.0, 45.0, 70.0, 55.0, 50.0],
    ),
    'decline with non-integer data': (
        [3.25, 4.5, 2.75, 5.0, 4.0, 3.5, 4.25],
        [2.0, 3.25, 1.5, 2.75, 2.5, 3.0],
        [3.0, 3.5, 4.0, 2.5, 3.75],
        [3.25, 3.0, 4.25, 2.75, 3.5, 3.0],
    ),
}


def tppf(p, df):
    x = stats.t.ppf(p, df)
    for _ in range(3):
        x -= (stats.t.cdf(x, df) - p) / stats.t.pdf(x, df)
    assert abs(stats.t.cdf(x, df) - p) < 1e-15, (p, df)
    assert abs(x - stats.t.ppf(p, df)) < 1e-8, (p, df)
    return x


def welch(before, after):
    b, a = np.asarray(before), np.asarray(after)
    n1, n2 = len(b), len(a)
    v1, v2 = b.var(ddof=1), a.var(ddof=1)
    diff = a.mean() - b.mean()
    u1, u2 = v1 / n1, v2 / n2
    se = np.sqrt(u1 + u2)
    df = (u1 + u2) ** 2 / (u1**2 / (n1 - 1) + u2**2 / (n2 - 1))
    res = stats.ttest_ind(a, b, equal_var=False)
    t975 = tppf(0.975, df)
    sp = np.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    g = diff / sp * (1 - 3 / (4 * (n1 + n2) - 9))
    # Cross-check the direct formulas against SciPy's own Welch test.
    assert np.isclose(res.statistic, diff / se, rtol=1e-12)
    assert np.isclose(res.pvalue, 2 * stats.t.cdf(-abs(diff / se), df), rtol=1e-9)
    return {
        'diff': diff,
        'se': se,
        'df': df,
        'ci95': [diff - t975 * se, diff + t975 * se],
        'p': float(res.pvalue),
        'hedgesG': g,
        'mde': (t975 + tppf(0.80, df)) * se,
    }


def did(tb, ta, cb, ca):
    groups = [np.asarray(x) for x in (ta, tb, ca, cb)]
    d = (groups[0].mean() - groups[1].mean()) - (groups[2].mean() - groups[3].mean())
    u = np.array([g.var(ddof=1) / len(g) for g in groups])
    n = np.array([len(g) for g in groups])
    se = np.sqrt(u.sum())
    df = u.sum() ** 2 / (u**2 / (n - 1)).sum()
    t975 = tppf(0.975, df)
    return {
        'diff': d,
        'se': se,
        'df': df,
        'ci95': [d - t975 * se, d + t975 * se],
        'p': 2 * stats.t.cdf(-abs(d / se), df),
    }


def dl(ys, vs, floor=None):
    y = [Fraction(v) for v in ys]
    v = [Fraction(x) for x in vs]
    if floor is not None:
        v = [max(x, Fraction(floor)) for x in v]
    m = len(y)
    w = [1 / x for x in v]
    sw = sum(w)
    ybar = sum(wi * yi for wi, yi in zip(w, y)) / sw
    q = sum(wi * (yi - ybar) ** 2 for wi, yi in zip(w, y))
    c = sw - sum(wi**2 for wi in w) / sw
    tau2 = Fraction(0) if m == 1 else max(Fraction(0), (q - (m - 1)) / c)
    ws = [1 / (x + tau2) for x in v]
    pooled = float(sum(wi * yi for wi, yi in zip(ws, y)) / sum(ws))
    se = 1 / np.sqrt(float(sum(ws)))
    i2 = 0.0 if (m == 1 or q == 0) else float(100 * max(Fraction(0), (q - (m - 1)) / q))
    return {
        'pooled': pooled,
        'se': se,
        'ci95': [pooled - 1.959964 * se, pooled + 1.959964 * se],
        'tau2': float(tau2),
        'q': float(q),
        'i2': i2,
        'm': m,
    }


def summary(xs):
    a = np.asarray(xs)
    return {'n': len(a), 'mean': a.mean(), 'variance': a.var(ddof=1)}


datasets = []
for name, (tb, ta, cb, ca) in DATASETS.items():
    datasets.append(
        {
            'name': name,
            'treatedBefore': tb,
            'treatedAfter': ta,
            'controlBefore': cb,
            'controlAfter': ca,
            'summaries': {
                'treatedBefore': summary(tb),
                'treatedAfter': summary(ta),
                'controlBefore': summary(cb),
                'controlAfter': summary(ca),
            },
            'welch': welch(tb, ta),
            'did': did(tb, ta, cb, ca),
        }
    )

META = {
    'm = 1': ([4.5], [6.25]),
    'm = 3, tau2 = 0': ([2.0, 3.0, 2.5], [4.0, 9.0, 6.25]),
    'm = 5, tau2 > 0': ([-3.0, 1.5, 8.0, 12.5, 4.0], [2.0, 3.5, 1.5, 4.0, 2.5]),
    'm = 4, one zero variance (floored at 1e-8)': ([5.0, 2.0, 7.5, 3.0], [0.0, 3.0, 5.0, 2.0]),
}
meta = []
for name, (ys, vs) in META.items():
    floor = 1e-8 if 'floored' in name else None
    meta.append({'name': name, 'studies': [{'y': y, 'v': v} for y, v in zip(ys, vs)], 'expected': dl(ys, vs, floor)})

quantiles = [
    {'p': p, 'df': df, 'expected': tppf(p, df)}
    for p, df in [(0.975, 1), (0.975, 1.37), (0.975, 4), (0.8, 4), (0.975, 29.5), (0.8, 120.25), (0.025, 7), (0.5, 3), (0.999999, 2.5)]
]
cdfs = [
    {'x': x, 'df': df, 'expected': stats.t.cdf(x, df)}
    for x, df in [(0.0, 5), (1.5, 3), (-2.1, 10.5), (2.7, 1), (-12.0, 30), (-40.0, 50), (-8.0, 4.2)]
]


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


print(f'// Generated by stats_reference.py (SciPy {scipy.__version__}, NumPy {np.__version__}); do not edit.')
for const, value in [('datasets', datasets), ('meta', meta), ('quantiles', quantiles), ('cdfs', cdfs)]:
    print(f'export const {const} = {json.dumps(clean(value), indent=2)};')
