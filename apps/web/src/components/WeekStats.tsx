import type { WeekAggregate } from '@leeway/contracts';
import { formatCount, formatEnps, formatPercent, formatScore } from '../lib/format.ts';
import { SkeletonText } from './States.tsx';

/** Headline figures of one published (unsuppressed) week. */
export function WeekStats({ week }: { week: WeekAggregate }) {
  return (
    <dl className="stats">
      <div className="stat">
        <dt>Engagement</dt>
        <dd>
          {week.engagement ? formatScore(week.engagement.mean) : '—'}
          <span className="stat-unit"> / 100</span>
        </dd>
      </div>
      <div className="stat">
        <dt>eNPS</dt>
        <dd>{week.enps === null ? '—' : formatEnps(week.enps)}</dd>
      </div>
      <div className="stat">
        <dt>Participation</dt>
        <dd>
          {week.participation === null ? '—' : formatPercent(week.participation)}
          {week.respondents !== null ? (
            <span className="stat-unit">
              {' '}
              ({formatCount(week.respondents)} of {formatCount(week.members)})
            </span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}

/** `WeekStats`' cards, same labels and heights, their figures still loading. */
export function WeekStatsSkeleton() {
  return (
    <div aria-hidden="true">
      <dl className="stats">
        {['Engagement', 'eNPS', 'Participation'].map((label) => (
          <div className="stat" key={label}>
            <dt>{label}</dt>
            <dd>
              <SkeletonText size="figure" />
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
