import type { Outcome, Preflight } from '@leeway/contracts';
import { useQuery } from '@tanstack/react-query';
import { experimentPreflight } from '../../../api/evidence.queries.ts';
import { ErrorState } from '../../../components/States.tsx';
import { formatPoints } from '../../../lib/format.ts';
import { itemNames } from '../../../lib/items.ts';

export const outcomeNames: Record<Outcome, string> = {
  engagement: 'Engagement (all five questions)',
  energy: itemNames.energy,
  autonomy: itemNames.autonomy,
  voice: itemNames.voice,
  growth: itemNames.growth,
  trust: itemNames.trust,
};
export const outcomeOrder = Object.keys(outcomeNames) as Outcome[];

const weeks = (n: number) => (n === 1 ? '1 week' : `${n} weeks`);

/** "2 weeks → detects 12 points; 4 weeks → 8": what a longer run (same baseline) would buy. */
function longerRuns(pre: Preflight): string | null {
  const { baselineWeeks, durationWeeks } = pre.assumptions;
  const runs = pre.options
    .filter((o) => o.baselineWeeks === baselineWeeks && o.mde !== null)
    .filter((o) => o.durationWeeks !== durationWeeks);
  const baselines = pre.options
    .filter((o) => o.durationWeeks === durationWeeks && o.mde !== null)
    .filter((o) => o.baselineWeeks > baselineWeeks);
  const parts = [
    ...runs.map((o) => `${weeks(o.durationWeeks)} → ${formatPoints(o.mde!)}`),
    ...baselines.map((o) => `baseline ${weeks(o.baselineWeeks)} → ${formatPoints(o.mde!)}`),
  ];
  return parts.length > 0 ? `Other designs detect: ${parts.join('; ')} points.` : null;
}

/**
 * The power preflight in the launch form (issue 14): before the lead commits, the smallest change
 * this design can detect, the assumptions behind it, and what a longer run or baseline would buy.
 */
export function DesignPreflight({
  teamId,
  durationWeeks,
  baselineWeeks,
  primaryOutcome,
}: {
  teamId: string;
  durationWeeks: number;
  baselineWeeks: number;
  primaryOutcome: Outcome;
}) {
  const preflight = useQuery(
    experimentPreflight(teamId, { durationWeeks, baselineWeeks, primaryOutcome }),
  );
  if (preflight.isPending) {
    return (
      <p className="preflight" role="status">
        Working out what this design can detect…
      </p>
    );
  }
  if (preflight.isError) {
    return <ErrorState error={preflight.error} onRetry={() => preflight.refetch()} />;
  }
  const pre = preflight.data;
  const a = pre.assumptions;
  const basis =
    a.source === 'team'
      ? `from its last ${a.publishedWeeks} published weeks: about ${a.respondentsPerWeek} answers a week, spread ${formatPoints(a.sd)} points`
      : `a new team, so stated defaults: ${a.respondentsPerWeek} answers a week (80 % of ${a.members} members), spread ${formatPoints(a.sd)} points`;
  return (
    <div className="preflight" role="status" aria-live="polite">
      {pre.mde !== null ? (
        <p>
          <strong>This design detects a change of {formatPoints(pre.mde)} points or more</strong> in{' '}
          {outcomeNames[a.primaryOutcome].split(' —')[0]!.toLowerCase()} ({basis}; 95 % confidence,
          80 % power). Smaller changes will read as “no measurable change”.
        </p>
      ) : (
        <p className="alert alert-error">
          <strong>This design cannot show a result.</strong> {pre.reason}
        </p>
      )}
      {pre.mde !== null ? <p className="hint">{longerRuns(pre)}</p> : null}
    </div>
  );
}
