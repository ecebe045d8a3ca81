import { designMde, holm } from '@leeway/domain/design';
import { enpsDrivers, MIN_DRIVER_TEAM_WEEKS, MIN_DRIVER_TEAMS } from '@leeway/domain/drivers';
import {
  type ExperimentSchedule,
  endWeekOf,
  experimentStatus,
  impactWindows,
  occupiedWeeks,
  rangesOverlap,
} from '@leeway/domain/experiments';
import { poolTypeEffects } from '@leeway/domain/meta';
import {
  indexVariance,
  LIKERT_ITEMS,
  type LikertItem,
  type SufficientStats,
} from '@leeway/domain/metrics';
import { type PanelRow, twoWayPanel } from '@leeway/domain/panel';
import {
  differenceInDifferences,
  type SampleSummary,
  sampleFromStats,
  summarizeSample,
  verdictOf,
  welch,
} from '@leeway/domain/stats';
import { addWeeks, weekRange } from '@leeway/domain/weeks';
import { parse } from 'csv-parse/sync';
import { FIGURE_METHOD, type Observation, type Snapshot } from './collector.ts';
import { indicator, RowSpace } from './rank.ts';
import { allowedShape } from './shapes.ts';
import { cellKey, type ExperimentRecord, splitKey, type Truth } from './truth.ts';

/**
 * The attacker of docs/product.md §4 and /work/shared/ANONYMITY-AUDIT.md.
 *
 * Every number fetched becomes a linear relation over team-week cells: a published cell's figure
 * is that cell; an org-week figure is the sum of every team's cell of the week; an impact window
 * is the sum over the weeks it lists; a comparison group the sum over its teams' published cells;
 * a per-type pool reveals its experiments' window sums. Each relation is first checked against
 * the truth (recomputed from the planted answers over its claimed support): a figure the model
 * cannot explain fails the audit, so the attacker model stays honest. Then the rank test: with
 * published cells substituted as known, no hidden cell with people in it, and no set of cells
 * holding 1 … k−1 people, may have a determined sum.
 */

export type Stat = 'n' | 'sumIndex' | 'sumSqIndex' | 'items' | 'enps';
export const STATS: Stat[] = ['n', 'sumIndex', 'sumSqIndex', 'items', 'enps'];
type State = 'published' | 'fewer_than_k' | 'protecting' | 'no_data';
const STATES = new Set<string>(['published', 'fewer_than_k', 'protecting', 'no_data']);

interface Figure {
  support: string[];
  stats: Set<Stat>;
  sources: string[];
}

/** What a response shows of one aggregate; `undefined`: not part of this response. */
interface Shown {
  /** How far a shown figure may be from the truth: the export rounds to one decimal. */
  rounding?: { points: number; fraction: number };
  respondents?: number | null;
  members?: number | null;
  participation?: number | null;
  mean?: number | null;
  sd?: number | null;
  enps?: number | null;
  items?: Partial<Record<LikertItem, number>> | null;
}

export interface Failure {
  kind: string;
  message: string;
}

const EXPORT_COLUMNS = [
  'team',
  'week',
  'respondents',
  'members',
  'participation_percent',
  'suppressed',
  'reason',
  'engagement_mean',
  'engagement_sd',
  'enps',
  ...LIKERT_ITEMS,
];

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const fmt = (x: unknown) => JSON.stringify(x);
/** The earlier of two ISO weeks (they sort as strings). */
const earlier = (a: string, b: string) => (a.localeCompare(b) <= 0 ? a : b);

/** The figures of a group from its true sums, as docs/product.md §3 defines them. */
function figuresOf(s: SufficientStats) {
  if (s.n === 0) return null;
  const items = {} as Record<LikertItem, number>;
  for (const item of LIKERT_ITEMS) items[item] = (25 * s.itemSums[item]) / s.n;
  return {
    n: s.n,
    mean: s.sumIndex / s.n,
    sd: s.n < 2 ? null : Math.sqrt(indexVariance(s)),
    enps: (100 * (s.promoters - s.detractors)) / s.n,
    items,
  };
}

export class DisclosureAudit {
  readonly failures: Failure[] = [];
  readonly snapshots: Snapshot[] = [];
  /** Distinct supports with the statistics they reveal and where they were seen. */
  private readonly figures = new Map<string, Figure>();
  /** Per snapshot: each cell's state as shown, and where it was first seen. */
  private readonly states = new Map<number, Map<string, { state: State; source: string }>>();
  private readonly commentOwner = new Map<string, string>();
  private readonly unknownFields = new Set<string>();
  readonly counts = {
    observations: 0,
    figures: 0,
    relations: 0,
    /** Coverage: what the random organisations exercised. */
    impacts: 0,
    impactsLeavingOutPeople: 0,
    did: 0,
    didBesideHiddenPeople: 0,
    pooledTypes: 0,
    orgWeeksOverHiddenPeople: 0,
    votesShown: 0,
    votesHiddenWithVoters: 0,
  };

  constructor(readonly truth: Truth) {
    for (const a of truth.answers) {
      if (a.comment) this.commentOwner.set(a.comment, cellKey(a.teamId, a.week));
    }
  }

  fail(kind: string, message: string) {
    if (this.failures.length < 500) this.failures.push({ kind, message });
  }

  /** Adds one snapshot's observations: states and relations, each checked against the truth. */
  ingest(s: Snapshot, observations: Observation[]) {
    this.snapshots.push(s);
    this.states.set(s.index, new Map());
    this.counts.observations += observations.length;
    const later: Observation[] = [];
    for (const o of observations) {
      // A cancelled experiment has no impact (409); the other figures answer 200.
      const expected = o.route === '/api/experiments/:id/impact' ? [200, 409] : [200];
      if (!expected.includes(o.status)) {
        this.fail('status', `${this.source(o)} answered ${o.status}: ${o.raw.slice(0, 200)}`);
        continue;
      }
      switch (o.route) {
        case '/api/teams/:teamId/trends':
          this.teamTrends(o);
          break;
        case '/api/org/heatmap':
          this.heatmap(o);
          break;
        case '/api/org/export.csv':
          this.exportCsv(o);
          break;
        default:
          later.push(o);
      }
    }
    for (const o of later) {
      if (o.route === '/api/org/trends') this.orgTrends(o);
      else if (o.route === '/api/teams/:teamId/comments') this.comments(o);
      else if (o.route === '/api/experiments/:id/impact') this.impact(o);
      else if (o.route === '/api/org/experiment-types') this.experimentTypes(o);
      else if (o.route === '/api/org/drivers') this.drivers(o);
      else if (o.route === '/api/teams/:teamId/recommendations') this.recommendations(o);
      else if (o.route === '/api/teams/:teamId/experiments/preflight') this.preflight(o);
      else if (o.route === '/api/experiments/:id/votes') this.votes(o);
    }
    for (const o of observations) {
      if (o.status !== 200 || o.route === '/api/org/export.csv') continue;
      for (const path of allowedShape(o.route, o.body)) {
        if (this.unknownFields.has(`${o.route} ${path}`)) continue;
        this.unknownFields.add(`${o.route} ${path}`);
        this.fail(
          'unknown-field',
          `${this.source(o)} carries ${path}, which the audit does not model: teach the collector what it is (a figure, or nothing about answers)`,
        );
      }
    }
    for (const o of observations) this.scanComments(o);
  }

  private source(o: Observation, where = '') {
    return `[${o.snapshot.index}:${o.snapshot.kind}] ${o.role} ${FIGURE_METHOD[o.route]} ${o.url}${where ? ` ${where}` : ''}`;
  }

  /** The closed weeks a range shows: cut at the last closed week; by default the last 12. */
  private expectedWeeks(s: Snapshot, params: Record<string, string>): string[] {
    const to =
      params.to ?? (params.from && params.from > s.lastClosed ? params.from : s.lastClosed);
    const end = earlier(to, s.lastClosed);
    const from = params.from ?? addWeeks(end, -11);
    return from <= end ? weekRange(from, end) : [];
  }

  private checkSeries(o: Observation, weeks: string[]) {
    const s = o.snapshot;
    const open = weeks.filter((w) => w >= s.current);
    if (open.length > 0) {
      this.fail(
        'open-week',
        `${this.source(o)} shows ${open.join(', ')}; ${s.current} is in progress`,
      );
    }
    const expected = this.expectedWeeks(s, o.params);
    if (fmt(weeks) !== fmt(expected)) {
      this.fail('model', `${this.source(o)} weeks ${fmt(weeks)}, expected ${fmt(expected)}`);
    }
  }

  private checkHeader(o: Observation) {
    if (o.body.k !== undefined && o.body.k !== o.snapshot.kNow) {
      this.fail('model', `${this.source(o)} k ${o.body.k}, k is ${o.snapshot.kNow}`);
    }
    if (o.body.current && o.body.current.week !== o.snapshot.current) {
      this.fail('model', `${this.source(o)} current ${fmt(o.body.current)}`);
    }
  }

  /** Records the state a response shows for a cell; one snapshot shows one state per cell. */
  private observeState(
    o: Observation,
    key: string,
    suppressed: unknown,
    reason: unknown,
  ): State | null {
    const state = suppressed === false && reason === null ? 'published' : reason;
    if (
      typeof state !== 'string' ||
      !STATES.has(state) ||
      (suppressed === true) === (state === 'published')
    ) {
      this.fail(
        'model',
        `${this.source(o)} ${key}: suppressed ${fmt(suppressed)}, reason ${fmt(reason)}`,
      );
      return null;
    }
    const map = this.states.get(o.snapshot.index)!;
    const seen = map.get(key);
    if (seen && seen.state !== state) {
      this.fail(
        'inconsistent',
        `${key} is ${seen.state} in ${seen.source} but ${state} in ${this.source(o)}`,
      );
    }
    if (!seen) map.set(key, { state: state as State, source: this.source(o) });
    return state as State;
  }

  private stateIn(s: Snapshot, key: string): State {
    const { week } = splitKey(key);
    if (week > s.lastClosed) throw new Error(`no state for the open week ${key}`);
    return this.states.get(s.index)?.get(key)?.state ?? 'no_data';
  }

  /** A hidden aggregate shows nothing but its reason (and its member count). */
  private checkHidden(source: string, shown: Shown) {
    for (const [field, value] of Object.entries(shown)) {
      if (field === 'members' || field === 'rounding') continue;
      if (value !== null && value !== undefined) {
        this.fail('hidden-value', `${source} shows ${field} = ${fmt(value)} of a hidden aggregate`);
      }
    }
  }

  /**
   * A figure over some cells: each shown number is checked against the truth of exactly those
   * cells, and the support is kept as a relation for the statistics it reveals.
   */
  private figure(source: string, support: string[], shown: Shown, membersTruth?: number) {
    const truth = this.truth.sum(support).stats;
    const f = figuresOf(truth);
    const bad: string[] = [];
    const stats = new Set<Stat>();
    const expectNumber = (
      name: string,
      got: number | null | undefined,
      want: number | null,
      tolerance = name === 'participation'
        ? shown.rounding?.fraction
        : name === 'respondents' || name === 'members'
          ? undefined
          : shown.rounding?.points,
    ) => {
      if (got === undefined) return;
      const near = (a: number, b: number) =>
        tolerance === undefined ? close(a, b) : Math.abs(a - b) <= tolerance + 1e-9;
      if (got === null ? want !== null : want === null || !near(got, want)) {
        bad.push(`${name} ${fmt(got)} ≠ ${fmt(want)}`);
      }
    };
    if (shown.respondents !== undefined && shown.respondents !== null) stats.add('n');
    expectNumber('respondents', shown.respondents, truth.n);
    if (shown.members !== undefined && membersTruth !== undefined) {
      expectNumber('members', shown.members, membersTruth);
    }
    if (shown.participation !== undefined) {
      const members = membersTruth ?? shown.members ?? 0;
      expectNumber(
        'participation',
        shown.participation,
        members > 0 ? Math.min(1, truth.n / members) : null,
      );
      if (shown.participation !== null) stats.add('n');
    }
    if (shown.mean !== undefined) {
      expectNumber('mean', shown.mean, f ? f.mean : null);
      if (shown.mean !== null) stats.add('sumIndex');
    }
    if (shown.sd !== undefined) {
      expectNumber('sd', shown.sd, f ? f.sd : null);
      if (shown.sd !== null) stats.add('sumSqIndex');
    }
    if (shown.enps !== undefined) {
      expectNumber('enps', shown.enps, f ? f.enps : null);
      if (shown.enps !== null) stats.add('enps');
    }
    if (shown.items !== undefined) {
      if (shown.items === null) {
        if (f) bad.push('items null');
      } else {
        for (const [item, value] of Object.entries(shown.items)) {
          expectNumber(item, value, f ? f.items[item as LikertItem] : null);
        }
        stats.add('items');
      }
    }
    if (bad.length > 0) {
      this.fail(
        'unexplained',
        `${source}: the model (sum over ${support.length} cells: ${support.slice(0, 6).join(', ')}${support.length > 6 ? ', …' : ''}) does not explain ${bad.join('; ')}`,
      );
    }
    this.relation(source, support, stats);
  }

  /** Keeps a relation: the cells summed and what of them is revealed. */
  relation(source: string, support: string[], stats: Set<Stat>) {
    if (stats.size === 0 || support.length === 0) return;
    this.counts.relations += 1;
    const key = [...new Set(support)].sort().join(',');
    const existing = this.figures.get(key);
    if (existing) {
      for (const s of stats) existing.stats.add(s);
      if (existing.sources.length < 3) existing.sources.push(source);
    } else {
      this.figures.set(key, {
        support: [...new Set(support)].sort(),
        stats: new Set(stats),
        sources: [source],
      });
    }
  }

  /** A team-week as trends and the export show it. */
  private teamWeek(
    o: Observation,
    teamId: string,
    entry: any,
    where: string,
    rounding?: Shown['rounding'],
  ) {
    const s = o.snapshot;
    const key = cellKey(teamId, entry.week);
    const source = this.source(o, where);
    if (entry.week >= s.current) return; // reported by checkSeries
    const state = this.observeState(o, key, entry.suppressed, entry.reason);
    const shown: Shown = {
      ...(rounding ? { rounding } : {}),
      respondents: entry.respondents,
      members: entry.members,
      participation: entry.participation,
      mean: entry.engagement === null ? null : entry.engagement?.mean,
      sd: entry.engagement === null ? null : entry.engagement?.sd,
      enps: entry.enps,
      items: entry.items,
    };
    const members = this.truth.membersAtClose(teamId, entry.week);
    if (entry.members !== members) {
      this.fail('unexplained', `${source}: members ${entry.members}, truth ${members}`);
    }
    if (state === 'published') this.figure(source, [key], shown, members);
    else this.checkHidden(source, shown);
  }

  private teamTrends(o: Observation) {
    this.checkHeader(o);
    const weeks: any[] = o.body.weeks ?? [];
    this.checkSeries(
      o,
      weeks.map((w) => w.week),
    );
    for (const [i, entry] of weeks.entries())
      this.teamWeek(o, o.params.teamId!, entry, `weeks[${i}]`);
  }

  private orgTrends(o: Observation) {
    this.checkHeader(o);
    const s = o.snapshot;
    const weeks: any[] = o.body.weeks ?? [];
    this.checkSeries(
      o,
      weeks.map((w) => w.week),
    );
    for (const [i, entry] of weeks.entries()) {
      if (entry.week >= s.current) continue;
      const source = this.source(o, `weeks[${i}] (${entry.week})`);
      const support = s.teams.map((t) => cellKey(t.id, entry.week));
      const shown: Shown = {
        respondents: entry.respondents,
        members: entry.members,
        participation: entry.participation,
        mean: entry.engagement === null ? null : entry.engagement?.mean,
        sd: entry.engagement === null ? null : entry.engagement?.sd,
        enps: entry.enps,
        items: entry.items,
      };
      const members = s.teams.reduce(
        (acc, t) => acc + this.truth.membersAtClose(t.id, entry.week),
        0,
      );
      if (entry.members !== members) {
        this.fail('unexplained', `${source}: members ${entry.members}, truth ${members}`);
      }
      if (entry.suppressed === false) {
        this.figure(source, support, shown, members);
        const states = this.states.get(s.index);
        if (
          states &&
          support.some(
            (key) =>
              states.get(key) &&
              states.get(key)!.state !== 'published' &&
              this.truth.cell(key).stats.n > 0,
          )
        ) {
          this.counts.orgWeeksOverHiddenPeople += 1;
        }
      } else this.checkHidden(source, shown);
    }
  }

  private heatmap(o: Observation) {
    this.checkHeader(o);
    const s = o.snapshot;
    const metric = o.params.metric ?? 'engagement';
    const weeks: string[] = o.body.weeks ?? [];
    this.checkSeries(o, weeks);
    const teams: any[] = o.body.teams ?? [];
    const ids = teams.map((t) => t.teamId).sort();
    if (fmt(ids) !== fmt(s.teams.map((t) => t.id).sort())) {
      this.fail('model', `${this.source(o)} lists teams ${fmt(ids)}`);
    }
    for (const team of teams) {
      const cells: any[] = team.cells ?? [];
      if (fmt(cells.map((c) => c.week)) !== fmt(weeks)) {
        this.fail(
          'model',
          `${this.source(o)} team ${team.teamId}: cells ${fmt(cells.map((c) => c.week))}`,
        );
      }
      for (const [i, cell] of cells.entries()) {
        if (cell.week >= s.current) {
          this.fail('open-week', `${this.source(o)} shows a cell of ${cell.week}`);
          continue;
        }
        const key = cellKey(team.teamId, cell.week);
        const source = this.source(o, `${team.teamId}.cells[${i}] (${cell.week})`);
        const state = this.observeState(o, key, cell.suppressed, cell.reason);
        const shown: Shown = { respondents: cell.respondents };
        if (metric === 'engagement') shown.mean = cell.value;
        else if (metric === 'enps') shown.enps = cell.value;
        else if (metric === 'participation') shown.participation = cell.value;
        else shown.items = cell.value === null ? null : { [metric]: cell.value };
        if (state === 'published') {
          this.figure(source, [key], shown, this.truth.membersAtClose(team.teamId, cell.week));
        } else this.checkHidden(source, shown);
      }
    }
  }

  private exportCsv(o: Observation) {
    const s = o.snapshot;
    let rows: Record<string, string>[];
    try {
      rows = parse(o.raw, { columns: true, bom: true });
    } catch (error) {
      this.fail('model', `${this.source(o)} is not CSV: ${String(error)}`);
      return;
    }
    const header = parse(o.raw, { bom: true, to_line: 1 })[0] as string[] | undefined;
    if (fmt(header) !== fmt(EXPORT_COLUMNS)) {
      this.fail(
        'unknown-field',
        `${this.source(o)} has the columns ${fmt(header)}, the audit models ${fmt(EXPORT_COLUMNS)}`,
      );
    }
    const byName = new Map(s.teams.map((t) => [t.name, t.id]));
    const weeks = this.expectedWeeks(s, o.params);
    if (rows.length !== weeks.length * s.teams.length) {
      this.fail(
        'model',
        `${this.source(o)} has ${rows.length} rows, expected ${weeks.length} × ${s.teams.length}`,
      );
    }
    const num = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
    for (const [i, row] of rows.entries()) {
      const teamId = byName.get(row.team ?? '');
      if (!teamId) {
        this.fail('model', `${this.source(o)} row ${i}: unknown team ${fmt(row.team)}`);
        continue;
      }
      if (!weeks.includes(row.week ?? '')) {
        this.fail(
          row.week! >= s.current ? 'open-week' : 'model',
          `${this.source(o)} row ${i}: week ${row.week}`,
        );
        continue;
      }
      const mean = num(row.engagement_mean);
      const items = LIKERT_ITEMS.some((item) => num(row[item]) !== null)
        ? Object.fromEntries(LIKERT_ITEMS.map((item) => [item, num(row[item])]))
        : null;
      this.teamWeek(
        o,
        teamId,
        {
          week: row.week,
          respondents: num(row.respondents),
          members: num(row.members),
          participation:
            num(row.participation_percent) === null ? null : num(row.participation_percent)! / 100,
          suppressed:
            row.suppressed === 'true' ? true : row.suppressed === 'false' ? false : row.suppressed,
          reason: row.reason === '' ? null : row.reason,
          engagement:
            mean === null && num(row.engagement_sd) === null
              ? null
              : { mean, sd: num(row.engagement_sd) },
          enps: num(row.enps),
          items,
        },
        `row ${i}`,
        // One decimal: half of 0.1 in points, in percent for participation.
        { points: 0.05, fraction: 0.0005 },
      );
    }
  }

  private comments(o: Observation) {
    const s = o.snapshot;
    this.checkHeader(o);
    const week = o.params.week ?? s.lastClosed;
    const source = this.source(o);
    const got: string[] = o.body.comments ?? [];
    if (o.body.week !== week) this.fail('model', `${source}: week ${o.body.week}`);
    if (week >= s.current) {
      if (o.body.suppressed !== true || got.length > 0 || o.body.reason !== 'open') {
        this.fail('open-week', `${source} shows ${fmt(o.body)} for the week in progress`);
      }
      return;
    }
    const key = cellKey(o.params.teamId!, week);
    const state = this.stateIn(s, key);
    if (state === 'published') {
      const want = [...this.truth.cell(key).comments].sort();
      if (o.body.suppressed !== false || fmt([...got].sort()) !== fmt(want)) {
        this.fail('unexplained', `${source}: comments ${fmt(got)}, truth ${fmt(want)}`);
      }
    } else if (o.body.suppressed !== true || got.length > 0 || o.body.reason !== state) {
      this.fail('hidden-value', `${source} of a ${state} team-week shows ${fmt(o.body)}`);
    }
  }

  /** Every comment text in any response belongs to a published team-week and its comments. */
  private scanComments(o: Observation) {
    for (const token of new Set(o.raw.match(/cmt[0-9a-f]{12}/g) ?? [])) {
      const owner = this.commentOwner.get(token);
      const { week } = owner ? splitKey(owner) : { week: '' };
      const allowed =
        owner !== undefined &&
        o.route === '/api/teams/:teamId/comments' &&
        cellKey(o.params.teamId!, o.params.week ?? o.snapshot.lastClosed) === owner &&
        week <= o.snapshot.lastClosed &&
        this.stateIn(o.snapshot, owner) === 'published';
      if (!allowed) {
        this.fail(
          'comment-leak',
          `${this.source(o)} contains the comment ${token} of ${owner ?? 'nobody'}`,
        );
      }
    }
  }

  private scheduleOf(e: ExperimentRecord): ExperimentSchedule {
    return {
      startWeek: e.startWeek,
      durationWeeks: e.durationWeeks,
      baselineWeeks: e.baselineWeeks,
      cancelledWeek: e.cancelledWeek,
    };
  }

  /** The attacker's model of an experiment's design at a snapshot (docs/product.md §5). */
  private designOf(s: Snapshot, e: ExperimentRecord) {
    const schedule = this.scheduleOf(e);
    const status = experimentStatus(schedule, s.current);
    const windows = impactWindows(schedule, s.current);
    const window = (range: { from: string; to: string } | null) => {
      const weeks = range ? weekRange(range.from, range.to) : [];
      const pooled: string[] = [];
      const leftOut: { week: string; reason: string }[] = [];
      for (const week of weeks) {
        if (week > s.lastClosed) leftOut.push({ week, reason: 'open' });
        else {
          const state = this.stateIn(s, cellKey(e.teamId, week));
          if (state === 'published') pooled.push(week);
          else leftOut.push({ week, reason: state });
        }
      }
      return { weeks, pooled, leftOut, closed: weeks.filter((w) => w <= s.lastClosed) };
    };
    const before = window(windows.before);
    const after = window(windows.after);
    const suppressed = before.pooled.length === 0 || after.pooled.length === 0;
    return { schedule, status, partial: windows.partial, before, after, suppressed };
  }

  private windowStats(teamId: string, weeks: string[]) {
    return this.truth.sum(weeks.map((w) => cellKey(teamId, w)));
  }

  private welchOf(s: Snapshot, e: ExperimentRecord) {
    const d = this.designOf(s, e);
    const b = this.windowStats(e.teamId, d.before.pooled).stats;
    const a = this.windowStats(e.teamId, d.after.pooled).stats;
    return { d, b, a, test: d.suppressed ? null : welch(sampleFromStats(b), sampleFromStats(a)) };
  }

  private impact(o: Observation) {
    const s = o.snapshot;
    const e = s.experiments.find((x) => x.id === o.params.id);
    const source = this.source(o);
    if (!e) {
      this.fail('model', `${source}: unknown experiment`);
      return;
    }
    const { d, b, a, test } = this.welchOf(s, e);
    if (d.status === 'cancelled') {
      if (o.status !== 409)
        this.fail('model', `${source}: a cancelled experiment answered ${o.status}`);
      return;
    }
    if (o.status !== 200) {
      this.fail('status', `${source} answered ${o.status}`);
      return;
    }
    const body = o.body;
    if (body.status !== d.status || body.partial !== d.partial || body.k !== s.kNow) {
      this.fail(
        'model',
        `${source}: status ${body.status}/${body.partial}/k ${body.k}, expected ${d.status}/${d.partial}/k ${s.kNow}`,
      );
    }
    if (body.suppressed !== d.suppressed) {
      this.fail('model', `${source}: suppressed ${body.suppressed}, expected ${d.suppressed}`);
    }
    for (const [name, model] of [
      ['before', d.before],
      ['after', d.after],
    ] as const) {
      const w = body[name];
      const pooled: string[] = w?.weeks ?? [];
      const listed = [...pooled, ...(w?.leftOut ?? []).map((x: { week: string }) => x.week)].sort();
      const open = pooled.filter((week) => week > s.lastClosed);
      if (open.length > 0) this.fail('open-week', `${source} ${name} pools ${open.join(', ')}`);
      if (fmt(pooled) !== fmt(model.pooled) || fmt(w?.leftOut) !== fmt(model.leftOut)) {
        this.fail(
          'model',
          `${source} ${name}: pools ${fmt(pooled)} leaving out ${fmt(w?.leftOut)}; the published weeks of ${fmt(listed)} are ${fmt(model.pooled)}`,
        );
      }
      if (
        model.leftOut.some(
          (x) => x.reason !== 'open' && this.truth.cell(cellKey(e.teamId, x.week)).stats.n > 0,
        )
      ) {
        this.counts.impactsLeavingOutPeople += 1;
      }
      // The relation is what the response claims: the sum over the weeks it lists.
      const support = pooled.map((week) => cellKey(e.teamId, week));
      if (body.suppressed) {
        // A suppressed impact still counts the answers of the published weeks it lists.
        this.checkHidden(`${source} ${name}`, { mean: w?.mean, sd: w?.sd });
        this.figure(`${source} ${name}`, support, { respondents: w?.n });
      } else {
        this.figure(`${source} ${name}`, support, { respondents: w?.n, mean: w?.mean, sd: w?.sd });
      }
      const people = this.truth.sum(support).people.size;
      if (w?.people !== people) {
        this.fail(
          'unexplained',
          `${source} ${name}: people ${w?.people}, truth ${people} over ${fmt(pooled)}`,
        );
      }
    }
    if (body.reading !== undefined) this.reading(o, e, d);
    // Items and eNPS before/after (shown only when unsuppressed).
    const fb = figuresOf(b);
    const fa = figuresOf(a);
    const beforeSupport = (body.before?.weeks ?? []).map((w: string) => cellKey(e.teamId, w));
    const afterSupport = (body.after?.weeks ?? []).map((w: string) => cellKey(e.teamId, w));
    if (body.suppressed) {
      this.checkHidden(`${source} effect`, body.effect ?? {});
      this.checkHidden(`${source} enps`, body.enps ?? {});
      for (const item of LIKERT_ITEMS)
        this.checkHidden(`${source} items.${item}`, body.items?.[item] ?? {});
      if (body.did !== null)
        this.fail('hidden-value', `${source}: did ${fmt(body.did)} on a suppressed impact`);
      return;
    }
    this.counts.impacts += 1;
    const items = (which: 'before' | 'after') =>
      Object.fromEntries(LIKERT_ITEMS.map((item) => [item, body.items?.[item]?.[which] ?? null]));
    this.figure(`${source} before items/enps`, beforeSupport, {
      items: items('before'),
      enps: body.enps?.before,
    });
    this.figure(`${source} after items/enps`, afterSupport, {
      items: items('after'),
      enps: body.enps?.after,
    });
    for (const item of LIKERT_ITEMS) {
      const diff = body.items?.[item]?.diff;
      const want = fb && fa ? fa.items[item] - fb.items[item] : null;
      if (diff === null || want === null ? diff !== want : !close(diff, want)) {
        this.fail('unexplained', `${source} items.${item}.diff ${diff}, truth ${want}`);
      }
    }
    const effect = body.effect ?? {};
    const want = test
      ? {
          diff: test.diff,
          ci95: test.ci95,
          p: test.p,
          hedgesG: test.hedgesG,
          mde: test.mde,
          df: test.df,
          verdict: verdictOf(test.ci95),
        }
      : { diff: null, ci95: null, p: null, hedgesG: null, mde: null, df: null, verdict: null };
    if (!sameNumbers(effect, want)) {
      this.fail('unexplained', `${source} effect ${fmt(effect)}, truth ${fmt(want)}`);
    }
    this.did(o, e, d, b, a);
  }

  /**
   * How the impact page reads the result: per outcome (engagement and each item) Welch on the
   * pooled published weeks with Holm-adjusted p, the team's other experiments in the design, and
   * the team's usual level over its published weeks before the baseline.
   */
  private reading(o: Observation, e: ExperimentRecord, d: ReturnType<DisclosureAudit['designOf']>) {
    const s = o.snapshot;
    const r = o.body.reading;
    const source = `${this.source(o)} reading`;
    if (r === null) return;
    const primary: string = r.primaryOutcome ?? 'engagement';
    const order = [primary, ...['engagement', ...LIKERT_ITEMS].filter((x) => x !== primary)];
    const before = d.before.pooled.map((w) => cellKey(e.teamId, w));
    const after = d.after.pooled.map((w) => cellKey(e.teamId, w));
    const sampleOf = (keys: string[], outcome: string): SampleSummary =>
      outcome === 'engagement'
        ? sampleFromStats(this.truth.sum(keys).stats)
        : summarizeSample(
            this.truth.answersIn(keys).map((a) => 25 * (a[outcome as LikertItem] - 1)),
          );
    const want = order.map((outcome, i) => ({
      outcome,
      primary: i === 0,
      before: null as number | null,
      after: null as number | null,
      diff: null as number | null,
      ci95: null as [number, number] | null,
      p: null as number | null,
      pAdjusted: null as number | null,
    }));
    if (!d.suppressed) {
      for (const w of want) {
        const b = sampleOf(before, w.outcome);
        const a = sampleOf(after, w.outcome);
        const test = welch(b, a);
        w.before = b.n > 0 ? b.mean : null;
        w.after = a.n > 0 ? a.mean : null;
        w.diff = test ? test.diff : null;
        w.ci95 = test ? test.ci95 : null;
        w.p = test ? test.p : null;
      }
      const exploratory = want.filter((w) => !w.primary && w.p !== null);
      const adjusted = holm(exploratory.map((w) => w.p!));
      exploratory.forEach((w, i) => {
        w.pAdjusted = adjusted[i]!;
      });
      want[0]!.pAdjusted = want[0]!.p;
      const stats = new Set<Stat>(['n', 'sumIndex', 'sumSqIndex', 'items']);
      this.relation(`${source} outcomes before`, before, stats);
      this.relation(`${source} outcomes after`, after, stats);
    }
    const got: any[] = r.outcomes ?? [];
    if (got.length !== want.length || want.some((w, i) => !sameNumbers(got[i], w))) {
      this.fail(
        'unexplained',
        `${source} outcomes ${fmt(got)}; the published weeks give ${fmt(want)}`,
      );
    }
    if (r.tooEarly !== e.endWeek > s.lastClosed) {
      this.fail(
        'model',
        `${source} tooEarly ${r.tooEarly}; ${e.endWeek} vs last closed ${s.lastClosed}`,
      );
    }
    const designFrom = addWeeks(e.startWeek, -e.baselineWeeks);
    const design = { from: designFrom, to: e.endWeek };
    const overlaps = s.experiments
      .filter((x) => x.id !== e.id && x.teamId === e.teamId)
      .flatMap((x) => {
        const held = occupiedWeeks(this.scheduleOf(x));
        if (!held || !rangesOverlap(held, design)) return [];
        const weeks = weekRange(design.from, design.to).filter(
          (w) => w >= held.from && w <= held.to,
        );
        return [{ experimentId: x.id, type: x.type, weeks }];
      });
    const gotOverlaps = (r.overlaps ?? []).map((x: any) => ({
      experimentId: x.experimentId,
      type: x.type,
      weeks: x.weeks,
    }));
    const byId = (a: { experimentId: string }, b: { experimentId: string }) =>
      a.experimentId < b.experimentId ? -1 : 1;
    if (fmt([...gotOverlaps].sort(byId)) !== fmt([...overlaps].sort(byId))) {
      this.fail(
        'model',
        `${source} overlaps ${fmt(gotOverlaps)}, the calendar gives ${fmt(overlaps)}`,
      );
    }
    let rebound: Record<string, unknown> | null = null;
    if (!d.suppressed) {
      const earlier = weekRange(addWeeks(designFrom, -8), addWeeks(designFrom, -1))
        .map((w) => cellKey(e.teamId, w))
        .filter((key) => this.stateIn(s, key) === 'published');
      if (earlier.length >= 3) {
        const weekly = earlier.map((key) => {
          const c = this.truth.cell(key).stats;
          return c.sumIndex / c.n;
        });
        const sum = this.truth.sum(earlier).stats;
        const usualMean = sum.sumIndex / sum.n;
        const m = weekly.reduce((acc, x) => acc + x, 0) / weekly.length;
        const weekSd = Math.sqrt(
          weekly.reduce((acc, x) => acc + (x - m) ** 2, 0) / (weekly.length - 1),
        );
        const b = this.truth.sum(before).stats;
        const baselineMean = b.sumIndex / b.n;
        rebound = {
          usualMean,
          baselineMean,
          earlierWeeks: earlier.length,
          lowBaseline: baselineMean < usualMean - Math.max(weekSd, 1),
        };
        this.relation(`${source} rebound`, earlier, new Set<Stat>(['n', 'sumIndex']));
      }
    }
    if (
      (r.rebound === null) !== (rebound === null) ||
      (rebound !== null && !sameNumbers(r.rebound, rebound))
    ) {
      this.fail(
        'unexplained',
        `${source} rebound ${fmt(r.rebound)}; the published weeks give ${fmt(rebound)}`,
      );
    }
    // Nobody in a scenario answers the optional fidelity item: no fidelity figure may appear.
    const fidelity = r.fidelity ?? { weeks: [], mean: null };
    if (
      fidelity.mean !== null ||
      fidelity.weeks.some(
        (w: { mean: unknown; answers: unknown }) => w.mean !== null || w.answers !== null,
      )
    ) {
      this.fail('unexplained', `${source} fidelity ${fmt(fidelity)} without any fidelity answer`);
    }
  }

  /** The comparison group of difference-in-differences, as an attacker who knows the calendar derives it. */
  private comparisonOf(
    s: Snapshot,
    e: ExperimentRecord,
    d: ReturnType<DisclosureAudit['designOf']>,
  ) {
    const design = { from: d.before.weeks[0]!, to: endWeekOf(e.startWeek, e.durationWeeks) };
    const busy = new Set<string>();
    for (const other of s.experiments) {
      const held = occupiedWeeks(this.scheduleOf(other));
      if (held && rangesOverlap(held, design)) busy.add(other.teamId);
    }
    const teams = s.teams.map((t) => t.id).filter((id) => id !== e.teamId && !busy.has(id));
    const support = (weeks: string[]) =>
      teams.flatMap((teamId) =>
        weeks.map((w) => cellKey(teamId, w)).filter((key) => this.stateIn(s, key) === 'published'),
      );
    return { teams, before: support(d.before.closed), after: support(d.after.closed) };
  }

  private did(
    o: Observation,
    e: ExperimentRecord,
    d: ReturnType<DisclosureAudit['designOf']>,
    b: SufficientStats,
    a: SufficientStats,
  ) {
    const s = o.snapshot;
    const source = `${this.source(o)} did`;
    const c = this.comparisonOf(s, e, d);
    const cb = this.truth.sum(c.before).stats;
    const ca = this.truth.sum(c.after).stats;
    const result =
      cb.n < s.kNow || ca.n < s.kNow
        ? null
        : differenceInDifferences({
            treatedBefore: sampleFromStats(b),
            treatedAfter: sampleFromStats(a),
            controlBefore: sampleFromStats(cb),
            controlAfter: sampleFromStats(ca),
          });
    const want = result
      ? {
          diff: result.diff,
          ci95: result.ci95,
          p: result.p,
          df: result.df,
          comparisonTeams: c.teams.length,
          comparisonBefore: cb.n,
          comparisonAfter: ca.n,
        }
      : null;
    const got = o.body.did;
    if ((got === null) !== (want === null) || (got !== null && !sameNumbers(got, want))) {
      this.fail(
        'unexplained',
        `${source} ${fmt(got)}; the model (comparison teams ${c.teams.length}, published cells before ${fmt(c.before)}, after ${fmt(c.after)}) gives ${fmt(want)}`,
      );
    }
    if (got !== null) {
      this.counts.did += 1;
      const hiddenBeside = c.teams.some((teamId) =>
        [...d.before.closed, ...d.after.closed].some((w) => {
          const key = cellKey(teamId, w);
          return this.stateIn(s, key) !== 'published' && this.truth.cell(key).stats.n > 0;
        }),
      );
      if (hiddenBeside) this.counts.didBesideHiddenPeople += 1;
      // Over-approximated: the comparison windows count as revealing n, Σ index and Σ index².
      const stats = new Set<Stat>(['n', 'sumIndex', 'sumSqIndex']);
      this.relation(`${source} comparison before`, c.before, stats);
      this.relation(`${source} comparison after`, c.after, stats);
    }
  }

  /** Per type, the completed unsuppressed experiments' (diff, Welch se², CI) as the attacker models them. */
  private studiesOf(s: Snapshot) {
    const studies = new Map<
      string,
      { y: number; v: number; ci95: [number, number]; e: ExperimentRecord }[]
    >();
    for (const e of s.experiments) {
      const { d, test } = this.welchOf(s, e);
      if (d.status !== 'completed' || d.suppressed || !test) continue;
      const list = studies.get(e.type) ?? [];
      list.push({ y: test.diff, v: test.se ** 2, ci95: test.ci95, e });
      studies.set(e.type, list);
    }
    return studies;
  }

  /** The pooled effect of a type: DerSimonian–Laird with the HKSJ CI (one experiment: its own). */
  private pooledOf(s: Snapshot, type: string) {
    const list = this.studiesOf(s).get(type) ?? [];
    const pooled = poolTypeEffects(list.map(({ y, v, ci95 }) => ({ y, v, ci95 })));
    return { list, pooled };
  }

  /**
   * The two-way fixed-effects panel over the org's published team-weeks (docs/product.md §5),
   * from the truth of the cells the attacker knows are published.
   */
  private panelOf(s: Snapshot) {
    const rows: PanelRow[] = [];
    if (s.experiments.length > 0) {
      const first = s.experiments.map((e) => e.startWeek).sort()[0]!;
      const from = addWeeks(first, -4 - 12);
      const active = new Map<string, string>();
      for (const e of s.experiments) {
        const held = occupiedWeeks(this.scheduleOf(e));
        if (held)
          for (const w of weekRange(held.from, held.to)) active.set(cellKey(e.teamId, w), e.type);
      }
      for (const team of s.teams) {
        for (const week of s.closed) {
          const key = cellKey(team.id, week);
          if (week < from || this.stateIn(s, key) !== 'published') continue;
          const stats = this.truth.cell(key).stats;
          rows.push({
            team: team.id,
            week,
            y: stats.sumIndex / stats.n,
            weight: stats.n,
            active: active.get(key) ?? null,
          });
        }
      }
    }
    return twoWayPanel(rows);
  }

  private experimentTypes(o: Observation) {
    const s = o.snapshot;
    const source = this.source(o);
    const panel = this.panelOf(s);
    for (const row of o.body.types ?? []) {
      const { list, pooled } = this.pooledOf(s, row.type);
      // The pooled estimate and its spread follow from the studies, whose support is what the
      // audit checks; the intervals around them are fixed transforms of these (HKSJ, prediction)
      // tested against statsmodels in the domain's own tests, so they are not redone here.
      const want = pooled
        ? { diff: pooled.diff, i2: pooled.i2, tau2: pooled.tau2, se: pooled.se }
        : null;
      if (
        row.experiments !== list.length ||
        (row.pooled === null) !== (want === null) ||
        (row.pooled !== null && !sameNumbers(row.pooled, want))
      ) {
        this.fail(
          'unexplained',
          `${source} ${row.type}: ${fmt(row)}, the model gives ${list.length} experiments, ${fmt(want)}`,
        );
      }
      if (row.panel !== undefined) {
        const p = panel.types.get(row.type) ?? null;
        const wantPanel = p ? { diff: p.diff, ci95: p.ci95, se: p.se, teams: p.teams } : null;
        if (
          (row.panel === null) !== (wantPanel === null) ||
          (row.panel !== null && !sameNumbers(row.panel, wantPanel))
        ) {
          this.fail(
            'unexplained',
            `${source} ${row.type} panel ${fmt(row.panel)}, the model (published team-weeks) gives ${fmt(wantPanel)}`,
          );
        }
      }
      // A pool of m experiments reveals (over-approximated) each one's window sums.
      if (list.length > 0) this.counts.pooledTypes += 1;
      for (const { e } of list) {
        const d = this.designOf(s, e);
        const stats = new Set<Stat>(['n', 'sumIndex', 'sumSqIndex']);
        this.relation(
          `${source} ${row.type} before of ${e.id}`,
          d.before.pooled.map((w) => cellKey(e.teamId, w)),
          stats,
        );
        this.relation(
          `${source} ${row.type} after of ${e.id}`,
          d.after.pooled.map((w) => cellKey(e.teamId, w)),
          stats,
        );
      }
    }
  }

  /** eNPS drivers: correlations over the org's published team-weeks of the last 52 closed weeks. */
  private drivers(o: Observation) {
    const s = o.snapshot;
    const from = addWeeks(s.lastClosed, -51);
    const rows: { items: Record<LikertItem, number>; enps: number }[] = [];
    const teams = new Set<string>();
    for (const team of s.teams) {
      for (const week of s.closed) {
        const key = cellKey(team.id, week);
        if (week < from || this.stateIn(s, key) !== 'published') continue;
        const f = figuresOf(this.truth.cell(key).stats);
        if (!f) continue;
        rows.push({ items: f.items, enps: f.enps });
        teams.add(team.id);
      }
    }
    const shown = rows.length >= MIN_DRIVER_TEAM_WEEKS && teams.size >= MIN_DRIVER_TEAMS;
    const items = shown ? enpsDrivers(rows) : [];
    const body = o.body;
    const byItem = new Map<string, any>((body.items ?? []).map((i: any) => [i.item, i]));
    const same =
      body.teamWeeks === rows.length &&
      body.teams === teams.size &&
      body.shown === shown &&
      byItem.size === items.length &&
      items.every((i) => sameNumbers(byItem.get(i.item), { estimate: i.estimate, ci95: i.ci95 }));
    if (!same) {
      this.fail(
        'unexplained',
        `${this.source(o)} ${fmt({ teamWeeks: body.teamWeeks, teams: body.teams, shown: body.shown, items: body.items })}; the published team-weeks give ${rows.length} team-weeks of ${teams.size} teams, ${fmt(items)}`,
      );
    }
  }

  /**
   * What a design could detect: the team's answers per week and their spread over its recent
   * published weeks (or stated defaults), and the MDE of every duration × baseline.
   */
  private preflight(o: Observation) {
    const s = o.snapshot;
    const teamId = o.params.teamId!;
    const durationWeeks = Number(o.params.durationWeeks);
    const baselineWeeks = Number(o.params.baselineWeeks);
    const outcome = o.params.primaryOutcome ?? 'engagement';
    const first = s.closed[0] ?? s.current;
    const published = weekRange(addWeeks(s.lastClosed, -7), s.lastClosed)
      .filter((w) => w >= first)
      .map((w) => cellKey(teamId, w))
      .filter((key) => this.stateIn(s, key) === 'published');
    const members = this.truth.membersAt(teamId, s.at);
    const fromTeam = published.length >= 2;
    const stats = this.truth.sum(published).stats;
    const respondentsPerWeek = fromTeam
      ? Math.round(stats.n / published.length)
      : Math.round(members * 0.8);
    const sd = !fromTeam
      ? outcome === 'engagement'
        ? 15
        : 25
      : outcome === 'engagement'
        ? Math.sqrt(indexVariance(stats))
        : Math.sqrt(
            summarizeSample(
              this.truth.answersIn(published).map((a) => 25 * (a[outcome as LikertItem] - 1)),
            ).variance,
          );
    const blocked = members < s.kNow || respondentsPerWeek < s.kNow;
    const mdeOf = (d: number, b: number) =>
      blocked ? null : designMde({ respondentsPerWeek, sd, durationWeeks: d, baselineWeeks: b });
    const want = {
      measurable: members >= s.kNow,
      mde: mdeOf(durationWeeks, baselineWeeks),
      assumptions: {
        members,
        k: s.kNow,
        respondentsPerWeek,
        sd,
        source: fromTeam ? 'team' : 'default',
        publishedWeeks: published.length,
      },
    };
    const body = o.body;
    const optionsOk = [1, 2, 3, 4].every((d) =>
      [1, 2, 3, 4].every((b) => {
        const got = (body.options ?? []).find(
          (x: any) => x.durationWeeks === d && x.baselineWeeks === b,
        );
        const m = mdeOf(d, b);
        return (
          got !== undefined &&
          (m === null ? got.mde === null : typeof got.mde === 'number' && close(got.mde, m))
        );
      }),
    );
    if (
      body.measurable !== want.measurable ||
      (want.mde === null ? body.mde !== null : !close(body.mde, want.mde)) ||
      !sameNumbers(body.assumptions, want.assumptions) ||
      (body.reason === null) === blocked ||
      !optionsOk
    ) {
      this.fail(
        'unexplained',
        `${this.source(o)} ${fmt({ measurable: body.measurable, mde: body.mde, assumptions: body.assumptions })}; the team's published weeks ${fmt(published)} give ${fmt(want)}`,
      );
    }
    if (fromTeam) {
      this.relation(
        `${this.source(o)} recent weeks`,
        published,
        new Set<Stat>(['n', 'sumIndex', 'sumSqIndex', 'items']),
      );
    }
  }

  /**
   * The members' vote on an ended experiment: figures about people, under the pulse's rules —
   * nothing before or during its voting week (the week after its last), then the tally only
   * from as many voters as the threshold of that week: max(k when it closed, k now).
   */
  private votes(o: Observation) {
    const s = o.snapshot;
    const e = s.experiments.find((x) => x.id === o.params.id);
    const source = this.source(o);
    if (!e) {
      this.fail('model', `${source}: unknown experiment`);
      return;
    }
    const body = o.body;
    const votingWeek = addWeeks(e.endWeek, 1);
    const status = experimentStatus(this.scheduleOf(e), s.current);
    const truth = this.truth.votes.get(e.id);
    const voters = truth?.voters.size ?? 0;
    if (body.votingWeek !== votingWeek || body.k !== s.kNow) {
      this.fail('model', `${source}: voting week ${body.votingWeek}, k ${body.k}`);
    }
    const closed = status === 'completed' && votingWeek < s.current;
    if (!closed || body.shown !== true) {
      if (body.shown !== false || body.counts !== null || body.voters !== null) {
        this.fail(
          closed ? 'model' : 'open-week',
          `${source} shows ${fmt({ shown: body.shown, voters: body.voters, counts: body.counts })} of a vote ${status === 'cancelled' ? 'on a cancelled experiment' : 'that has not closed'}`,
        );
      }
      if (closed && voters > 0) this.counts.votesHiddenWithVoters += 1;
      if (closed && voters >= this.truth.threshold(votingWeek, s.kNow)) {
        this.fail('model', `${source}: hidden, but ${voters} people voted`);
      }
      return;
    }
    const k = this.truth.threshold(votingWeek, s.kNow);
    this.counts.votesShown += 1;
    if (voters < k) {
      this.fail(
        'published-under-k',
        `${source} shows the votes of ${voters} people (${fmt(body.counts)}); their voting week ${votingWeek} closed under k ${this.truth.kAtClose(votingWeek)}, k now ${s.kNow} (threshold ${k})`,
      );
    }
    if (body.voters !== voters || fmt(body.counts) !== fmt(truth?.counts ?? null)) {
      this.fail(
        'unexplained',
        `${source}: ${fmt({ voters: body.voters, counts: body.counts })}, truth ${voters} ${fmt(truth?.counts)}`,
      );
    }
  }

  /** Suggestions: the team's weakest item over its recent published weeks, and the org's pools. */
  private recommendations(o: Observation) {
    const s = o.snapshot;
    const teamId = o.params.teamId!;
    const source = this.source(o);
    const recent = weekRange(addWeeks(s.lastClosed, -7), s.lastClosed)
      .map((w) => cellKey(teamId, w))
      .filter(
        (key) =>
          splitKey(key).week >= (s.closed[0] ?? s.current) && this.stateIn(s, key) === 'published',
      );
    const f = figuresOf(this.truth.sum(recent).stats);
    const weakest = f ? [...LIKERT_ITEMS].sort((a, b) => f.items[a] - f.items[b])[0]! : null;
    if (o.body.weakestItem !== weakest) {
      this.fail(
        'unexplained',
        `${source}: weakest item ${o.body.weakestItem}, the team's published weeks ${fmt(recent)} give ${weakest}`,
      );
    }
    for (const suggestion of o.body.suggestions ?? []) {
      if (suggestion.expected === null) continue;
      const { pooled } = this.pooledOf(s, suggestion.type);
      const want = pooled ? { diff: pooled.diff, experiments: pooled.m } : null;
      if (!sameNumbers(suggestion.expected, want)) {
        this.fail(
          'unexplained',
          `${source} ${suggestion.type}: expected ${fmt(suggestion.expected)}, the pool gives ${fmt(want)}`,
        );
      }
    }
  }

  /**
   * The checks that need every snapshot: the stored states against the truth, then the rank test
   * over the cells never published.
   */
  analyse(options: { maxSubsetSize?: number; maxSubsets?: number } = {}) {
    const maxSize = options.maxSubsetSize ?? 4;
    const maxSubsets = options.maxSubsets ?? 50_000;
    const known = new Set<string>();
    const hidden = new Set<string>();
    /** Per week, the smallest threshold it was shown under: the weakest promise it carries. */
    const kOf = new Map<string, number>();
    const thresholds = new Map<string, string[]>();
    for (const s of this.snapshots) {
      for (const week of s.closed) {
        const k = this.truth.threshold(week, s.kNow);
        kOf.set(week, Math.min(kOf.get(week) ?? k, k));
        const list = thresholds.get(week) ?? [];
        list.push(
          `[${s.index}] max(${this.truth.weeks.has(week) ? this.truth.kAtClose(week) : '-'} at close, ${s.kNow} now) = ${k}`,
        );
        thresholds.set(week, list);
      }
      for (const [key, { state, source }] of this.states.get(s.index) ?? []) {
        const { teamId, week } = splitKey(key);
        const k = this.truth.threshold(week, s.kNow);
        const n = this.truth.cell(key).stats.n;
        const members = this.truth.membersAtClose(teamId, week);
        const why = `${key}: ${n} answered, ${members} members, k at close ${this.truth.weeks.has(week) ? this.truth.kAtClose(week) : '-'}, k now ${s.kNow} (threshold ${k}); ${source}`;
        if (state === 'published') {
          known.add(key);
          if (n < k) this.fail('published-under-k', `published with fewer than k people: ${why}`);
        } else if (state === 'no_data') {
          known.add(key);
          if (n !== 0 || members !== 0) this.fail('state', `no_data with people in it: ${why}`);
        } else {
          hidden.add(key);
          if (state === 'fewer_than_k' && !(n < k)) this.fail('state', `fewer_than_k: ${why}`);
          if (state === 'protecting' && n < k) this.fail('state', `protecting under k: ${why}`);
        }
      }
    }
    // Unknowns: every cell some relation sums that was never published (nor shown empty).
    const unknownSet = new Set<string>();
    for (const f of this.figures.values())
      for (const key of f.support) if (!known.has(key)) unknownSet.add(key);
    for (const key of hidden) if (!known.has(key)) unknownSet.add(key);
    const unknowns = [...unknownSet].sort();
    const index = new Map(unknowns.map((key, i) => [key, i]));
    const rowsOf = (stat: Stat | null) => {
      const rows = new Map<string, { row: number[]; sources: string[] }>();
      for (const f of this.figures.values()) {
        if (stat !== null && !f.stats.has(stat)) continue;
        const columns = f.support.filter((key) => index.has(key)).map((key) => index.get(key)!);
        if (columns.length === 0) continue;
        const sig = columns.join(',');
        if (!rows.has(sig))
          rows.set(sig, { row: indicator(unknowns.length, columns), sources: f.sources });
      }
      return [...rows.values()];
    };
    const union = rowsOf(null);
    const spaces = new Map<Stat | 'any', RowSpace>();
    const spaceOf = (stat: Stat | 'any') => {
      let space = spaces.get(stat);
      if (!space) {
        space = new RowSpace(unknowns.length);
        for (const { row } of stat === 'any' ? union : rowsOf(stat)) space.add(row);
        spaces.set(stat, space);
      }
      return space;
    };
    this.counts.figures = this.figures.size;
    const people = (keys: string[]) => this.truth.sum(keys).people.size;
    let reported = 0;
    const report = (keys: string[], what: string) => {
      const target = indicator(
        unknowns.length,
        keys.map((k) => index.get(k)!),
      );
      const stats = STATS.filter((stat) => spaceOf(stat).contains(target));
      if (stats.length === 0) return;
      const weeks = [...new Set(keys.map((k) => splitKey(k).week))];
      const explanation = reported++ < 3 ? explain(union, target, unknowns.length) : [];
      this.fail(
        'disclosure',
        `${what} {${keys.map((k) => `${k} (${this.truth.cell(k).stats.n} answers)`).join(', ')}} is determined for ${stats.join(', ')}; ` +
          `thresholds: ${weeks.map((w) => `${w}: ${thresholds.get(w)?.join(', ')}`).join('; ')}` +
          (explanation.length > 0 ? `; from: ${explanation.join(' | ')}` : ''),
      );
    };
    // Every hidden cell with someone in it stays undetermined.
    for (const key of unknowns) {
      if (this.truth.cell(key).stats.n === 0) continue;
      if (spaceOf('any').contains(indicator(unknowns.length, [index.get(key)!]))) {
        report([key], 'the hidden cell');
      }
    }
    // No set of cells holding 1 … k−1 people (across weeks too) has a determined sum: the sets a
    // relation sums directly (an org week whose hidden teams hold few people), each week's
    // hidden cells together, then every small set of up to `maxSize` cells.
    const natural = new Map<string, string[]>();
    for (const f of this.figures.values()) {
      const keys = f.support.filter((key) => index.has(key));
      if (keys.length > 0) natural.set(keys.join(','), keys);
    }
    const byWeek = new Map<string, string[]>();
    for (const key of unknowns) {
      const { week } = splitKey(key);
      byWeek.set(week, [...(byWeek.get(week) ?? []), key]);
    }
    for (const keys of byWeek.values()) natural.set(keys.join(','), keys);
    for (const keys of natural.values()) {
      const n = people(keys);
      const k = Math.min(...keys.map((key) => kOf.get(splitKey(key).week) ?? Infinity));
      if (n < 1 || n >= k || keys.length === 1) continue;
      if (
        spaceOf('any').contains(
          indicator(
            unknowns.length,
            keys.map((key) => index.get(key)!),
          ),
        )
      ) {
        report(keys, `the set of ${n} people`);
      }
    }
    const small = unknowns.filter(
      (key) => people([key]) < (kOf.get(splitKey(key).week) ?? Infinity),
    );
    let checked = 0;
    const walk = (start: number, chosen: string[]) => {
      if (checked >= maxSubsets) return;
      if (chosen.length >= 2) {
        const n = people(chosen);
        const k = Math.min(...chosen.map((key) => kOf.get(splitKey(key).week) ?? Infinity));
        if (n >= 1 && n < k) {
          checked += 1;
          const target = indicator(
            unknowns.length,
            chosen.map((key) => index.get(key)!),
          );
          if (spaceOf('any').contains(target)) report(chosen, `the set of ${n} people`);
        }
      }
      if (chosen.length === maxSize) return;
      for (let i = start; i < small.length; i++) walk(i + 1, [...chosen, small[i]!]);
    };
    walk(0, []);
    const last = this.snapshots.find((s) => s.kind === 'full');
    const census: Record<string, number> = {};
    for (const [key, { state }] of last ? (this.states.get(last.index) ?? []) : []) {
      if (!last?.closed.includes(splitKey(key).week)) continue;
      census[state] = (census[state] ?? 0) + 1;
    }
    const table: string[] = [];
    if (last) {
      for (const team of last.teams) {
        table.push(
          `${team.id.slice(-4)}: ${last.closed
            .map((week) => {
              const key = cellKey(team.id, week);
              const state = this.states.get(last.index)?.get(key)?.state ?? '?';
              return `${this.truth.cell(key).stats.n}/${this.truth.membersAtClose(team.id, week)}/${this.truth.threshold(week, last.kNow)}${state[0]}`;
            })
            .join(' ')}`,
        );
      }
    }
    return {
      table,
      unknowns: unknowns.length,
      rank: spaceOf('any').rank,
      subsets: checked,
      rows: union.length,
      census,
    };
  }
}

/** Numbers (and arrays of numbers) equal to 1e-6; other values equal. */
function sameNumbers(got: any, want: any): boolean {
  if (want === null || want === undefined) return got === want;
  for (const [field, value] of Object.entries(want)) {
    const g = got?.[field];
    if (typeof value === 'number') {
      if (typeof g !== 'number' || !close(g, value)) return false;
    } else if (Array.isArray(value)) {
      if (!Array.isArray(g) || g.length !== value.length) return false;
      if (value.some((v, i) => !close(g[i], v))) return false;
    } else if (g !== value) return false;
  }
  return true;
}

/** A small set of the published relations whose span holds the target: the subtraction to do. */
function explain(
  rows: { row: number[]; sources: string[] }[],
  target: number[],
  n: number,
): string[] {
  let keep = rows.map((_, i) => i);
  for (const i of [...keep]) {
    const without = keep.filter((j) => j !== i);
    const space = new RowSpace(n);
    for (const j of without) space.add(rows[j]!.row);
    if (space.contains(target)) keep = without;
  }
  return keep.map((i) => rows[i]!.sources[0]!);
}
