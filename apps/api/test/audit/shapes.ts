import type { FigureRoute } from './collector.ts';

/**
 * Every field of every figure response, as the audit models it: a new field is audited the day
 * it is added, or the audit fails naming it (like a new route, see collector.ts). Paths use `.`
 * for keys and `[]` for array elements; a field may be null or empty where a container is listed.
 */
const ITEMS = ['energy', 'autonomy', 'voice', 'growth', 'trust'];
const WEEK_AGGREGATE = [
  'week',
  'respondents',
  'members',
  'participation',
  'suppressed',
  'reason',
  'engagement.mean',
  'engagement.sd',
  'enps',
  ...ITEMS.map((i) => `items.${i}`),
];
const OPEN = ['current.week', 'current.closesAt'];
const WINDOW = ['weeks[]', 'leftOut[].week', 'leftOut[].reason', 'n', 'people', 'mean', 'sd'];

export const SHAPES: Record<FigureRoute, string[]> = {
  '/api/teams/:teamId/trends': [
    'k',
    'from',
    'to',
    ...OPEN,
    ...WEEK_AGGREGATE.map((p) => `weeks[].${p}`),
  ],
  '/api/org/trends': [
    'k',
    'from',
    'to',
    ...OPEN,
    ...WEEK_AGGREGATE.map((p) => `weeks[].${p}`),
    'weeks[].experiments',
  ],
  '/api/org/heatmap': [
    'metric',
    'k',
    ...OPEN,
    'weeks[]',
    'teams[].teamId',
    'teams[].name',
    ...['week', 'value', 'respondents', 'suppressed', 'reason'].map((p) => `teams[].cells[].${p}`),
  ],
  // CSV: its columns are checked against EXPORT_COLUMNS in the audit.
  '/api/org/export.csv': [],
  '/api/teams/:teamId/comments': ['week', 'k', 'suppressed', 'reason', 'comments[]'],
  '/api/experiments/:id/impact': [
    'experimentId',
    'status',
    'k',
    'partial',
    'suppressed',
    ...WINDOW.map((p) => `before.${p}`),
    ...WINDOW.map((p) => `after.${p}`),
    ...['diff', 'ci95[]', 'p', 'hedgesG', 'verdict', 'mde', 'df'].map((p) => `effect.${p}`),
    ...['diff', 'ci95[]', 'p', 'df', 'comparisonTeams', 'comparisonBefore', 'comparisonAfter'].map(
      (p) => `did.${p}`,
    ),
    ...ITEMS.flatMap((i) => ['before', 'after', 'diff'].map((p) => `items.${i}.${p}`)),
    'enps.before',
    'enps.after',
    'reading.measured',
    'reading.primaryOutcome',
    'reading.tooEarly',
    ...['outcome', 'primary', 'before', 'after', 'diff', 'ci95[]', 'p', 'pAdjusted'].map(
      (p) => `reading.outcomes[].${p}`,
    ),
    ...['experimentId', 'title', 'type', 'weeks[]'].map((p) => `reading.overlaps[].${p}`),
    ...['usualMean', 'baselineMean', 'earlierWeeks', 'lowBaseline'].map(
      (p) => `reading.rebound.${p}`,
    ),
    // The fidelity item's answers are not pulse answers; no scenario answers it, so the audit
    // requires every fidelity figure to be absent (audit.ts).
    'reading.fidelity.statement',
    ...['week', 'mean', 'answers', 'reason'].map((p) => `reading.fidelity.weeks[].${p}`),
    'reading.fidelity.mean',
  ],
  '/api/org/experiment-types': [
    'types[].type',
    'types[].experiments',
    ...['diff', 'ci95[]', 'i2', 'pi95[]', 'tau2', 'se'].map((p) => `types[].pooled.${p}`),
    ...['diff', 'ci95[]', 'se', 'teams'].map((p) => `types[].panel.${p}`),
  ],
  '/api/org/drivers': [
    'teamWeeks',
    'teams',
    'shown',
    'minimum.teamWeeks',
    'minimum.teams',
    'estimator',
    'items[].item',
    'items[].estimate',
    'items[].ci95[]',
    // Words about the items above (no figure of its own).
    'reading',
  ],
  '/api/teams/:teamId/experiments/preflight': [
    'measurable',
    // Words about the figures below (the team's recent answers per week and k).
    'reason',
    'mde',
    ...[
      'primaryOutcome',
      'durationWeeks',
      'baselineWeeks',
      'members',
      'k',
      'respondentsPerWeek',
      'sd',
      'source',
      'publishedWeeks',
      'alpha',
      'power',
    ].map((p) => `assumptions.${p}`),
    'options[].durationWeeks',
    'options[].baselineWeeks',
    'options[].mde',
  ],
  '/api/experiments/:id/votes': [
    'votingWeek',
    'open',
    'closesAt',
    'votedByMe',
    'canVote',
    'shown',
    'reason',
    'k',
    'voters',
    'counts.adopt',
    'counts.adapt',
    'counts.abandon',
  ],
  '/api/teams/:teamId/recommendations': [
    'weakestItem',
    'suggestions[].type',
    // One sentence that restates `expected` (the organisation's pooled figures) in words.
    'suggestions[].reason',
    ...['diff', 'ci95[]', 'pi95[]', 'experiments'].map((p) => `suggestions[].expected.${p}`),
    'suggestions[].source',
    'suggestions[].title',
    'suggestions[].hypothesis',
  ],
};

/** The leaf paths of a JSON value (a null, an empty array or object is a leaf). */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [prefix];
    return [...new Set(value.flatMap((v) => leafPaths(v, `${prefix}[]`)))];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

/** The paths of a response that its route's shape does not list. */
export function allowedShape(route: FigureRoute, body: unknown): string[] {
  const allowed = SHAPES[route];
  return leafPaths(body).filter(
    (path) =>
      !allowed.some((a) => a === path || a.startsWith(`${path}.`) || a.startsWith(`${path}[]`)),
  );
}
