import {
  type Answers,
  addStats,
  emptyStats,
  engagementIndex,
  LIKERT_ITEMS,
  type SufficientStats,
} from '@leeway/domain/metrics';

/**
 * What one answer adds to its team-week, written out from docs/product.md §3 rather than taken
 * from the code under audit (only the engagement index of one response comes from the domain).
 */
export function answerStats(a: Answers): SufficientStats {
  const index = engagementIndex(a);
  const stats = emptyStats();
  stats.n = 1;
  stats.sumIndex = index;
  stats.sumSqIndex = index * index;
  for (const item of LIKERT_ITEMS) stats.itemSums[item] = a[item] - 1;
  stats.promoters = a.enps >= 9 ? 1 : 0;
  stats.detractors = a.enps <= 6 ? 1 : 0;
  return stats;
}

/** A team-week: the unit of the publication. */
export const cellKey = (teamId: string, week: string) => `${teamId}|${week}`;
export const splitKey = (key: string) => {
  const at = key.lastIndexOf('|');
  return { teamId: key.slice(0, at), week: key.slice(at + 1) };
};

export interface PlantedAnswer {
  userId: string;
  teamId: string;
  week: string;
  answers: Answers;
  comment: string | null;
}

export interface Membership {
  userId: string;
  teamId: string;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface ExperimentRecord {
  id: string;
  teamId: string;
  type: string;
  startWeek: string;
  endWeek: string;
  durationWeeks: number;
  baselineWeeks: number;
  cancelledWeek: string | null;
}

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: Date;
}

export interface CellTruth {
  stats: SufficientStats;
  people: Set<string>;
  comments: string[];
  answers: Answers[];
}

/**
 * Everything the test planted, as it happened: every answer (so every team-week's true sufficient
 * statistics), memberships with their instants, k over time, the org's weeks as the API named
 * them, teams and experiments. Figures are checked against this, never against the API itself.
 */
export class Truth {
  readonly answers: PlantedAnswer[] = [];
  readonly memberships: Membership[] = [];
  /** k in force from each instant on, in order. */
  readonly kHistory: { at: Date; k: number }[] = [];
  /** The org's weeks: when each closes (from the API's `current`). */
  readonly weeks = new Map<string, { closesAt: Date }>();
  readonly teams: TeamRecord[] = [];
  readonly experiments: ExperimentRecord[] = [];
  /** Members' votes on ended experiments: who voted and what was chosen, per experiment. */
  readonly votes = new Map<string, { voters: Set<string>; counts: Record<string, number> }>();
  private readonly cells = new Map<string, CellTruth>();

  vote(experimentId: string, userId: string, choice: 'adopt' | 'adapt' | 'abandon') {
    const entry = this.votes.get(experimentId) ?? {
      voters: new Set<string>(),
      counts: { adopt: 0, adapt: 0, abandon: 0 },
    };
    if (entry.voters.has(userId)) throw new Error(`${userId} voted twice on ${experimentId}`);
    entry.voters.add(userId);
    entry.counts[choice] = (entry.counts[choice] ?? 0) + 1;
    this.votes.set(experimentId, entry);
  }

  plant(answer: PlantedAnswer) {
    this.answers.push(answer);
    const key = cellKey(answer.teamId, answer.week);
    const cell = this.cells.get(key) ?? {
      stats: emptyStats(),
      people: new Set<string>(),
      comments: [],
      answers: [],
    };
    if (cell.people.has(answer.userId)) throw new Error(`${answer.userId} answered ${key} twice`);
    cell.stats = addStats(cell.stats, answerStats(answer.answers));
    cell.people.add(answer.userId);
    cell.answers.push(answer.answers);
    if (answer.comment !== null) cell.comments.push(answer.comment);
    this.cells.set(key, cell);
  }

  cell(key: string): CellTruth {
    return (
      this.cells.get(key) ?? { stats: emptyStats(), people: new Set(), comments: [], answers: [] }
    );
  }

  /** Every answer planted in some cells. */
  answersIn(keys: Iterable<string>): Answers[] {
    return [...keys].flatMap((key) => this.cell(key).answers);
  }

  /** The true sums over some cells, and the distinct people who answered in them. */
  sum(keys: Iterable<string>): { stats: SufficientStats; people: Set<string> } {
    let stats = emptyStats();
    const people = new Set<string>();
    for (const key of keys) {
      const cell = this.cell(key);
      stats = addStats(stats, cell.stats);
      for (const p of cell.people) people.add(p);
    }
    return { stats, people };
  }

  /** Cells with at least one answer. */
  answeredCells(): string[] {
    return [...this.cells.keys()];
  }

  setK(at: Date, k: number) {
    this.kHistory.push({ at, k });
  }

  kAt(instant: Date): number {
    let k = 5;
    for (const change of this.kHistory) if (change.at <= instant) k = change.k;
    return k;
  }

  /** k in force when a week ended (its last instant). */
  kAtClose(week: string): number {
    const closes = this.weeks.get(week)?.closesAt;
    if (!closes) throw new Error(`week ${week} was never seen open`);
    return this.kAt(new Date(+closes - 1));
  }

  /** The threshold of a closed week while k is `kNow`: max(k at close, current k). */
  threshold(week: string, kNow: number): number {
    // A week before the org's first never closed with answers: only the current k applies.
    return this.weeks.has(week) ? Math.max(this.kAtClose(week), kNow) : kNow;
  }

  /** Members of a team at an instant (joined at or before it, not yet left). */
  membersAt(teamId: string, instant: Date): number {
    return this.memberships.filter(
      (m) =>
        m.teamId === teamId && m.joinedAt <= instant && (m.leftAt === null || m.leftAt > instant),
    ).length;
  }

  /** Members of a team when a week ended. */
  membersAtClose(teamId: string, week: string): number {
    const closes = this.weeks.get(week)?.closesAt;
    return closes ? this.membersAt(teamId, closes) : 0;
  }

  /** The team a person is in now, if any. */
  currentTeam(userId: string): string | null {
    return this.memberships.find((m) => m.userId === userId && m.leftAt === null)?.teamId ?? null;
  }

  currentMembers(teamId: string): string[] {
    return this.memberships
      .filter((m) => m.teamId === teamId && m.leftAt === null)
      .map((m) => m.userId);
  }

  join(userId: string, teamId: string, at: Date) {
    if (this.currentTeam(userId) !== null) throw new Error(`${userId} is already in a team`);
    this.memberships.push({ userId, teamId, joinedAt: at, leftAt: null });
  }

  leave(userId: string, at: Date) {
    const current = this.memberships.find((m) => m.userId === userId && m.leftAt === null);
    if (current) current.leftAt = at;
  }
}
