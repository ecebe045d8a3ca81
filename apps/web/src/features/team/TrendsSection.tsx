import type { Trends } from '@leeway/contracts';
import type { WeekBand, WeekPoint } from '../../components/charts/types.ts';
import { EmptyState } from '../../components/States.tsx';
import { TrendFigure } from '../../components/TrendFigure.tsx';
import { formatCount, formatEnps, formatPercent, formatScore } from '../../lib/format.ts';
import { addWeeks, weeksBetween } from '../../lib/week.ts';

export function TrendsSection({ trends, bands }: { trends: Trends; bands: WeekBand[] }) {
  const { k, weeks } = trends;
  if (weeks.length === 0) {
    return (
      <EmptyState>
        <p>No weeks in this period yet.</p>
      </EmptyState>
    );
  }
  if (weeks.every((w) => w.respondents === 0)) {
    return (
      <EmptyState>
        <p>Nobody has answered a pulse in this period yet. Trends appear as answers come in.</p>
      </EmptyState>
    );
  }

  // Planned experiments extend the engagement chart past this week, so a launch shows at once.
  const lastWeek = weeks[weeks.length - 1]!.week;
  const horizon = [lastWeek, ...bands.map((band) => band.to)].sort().at(-1)!;
  const pastBands = bands.filter((band) => band.from <= lastWeek);
  const upcoming = horizon > lastWeek ? weeksBetween(addWeeks(lastWeek, 1), horizon) : [];
  const engagement: WeekPoint[] = [
    ...weeks.map((w) => ({
      week: w.week,
      value: w.engagement?.mean ?? null,
      suppressed: w.suppressed,
    })),
    ...upcoming.map((week) => ({ week, value: null, suppressed: false, upcoming: true })),
  ];
  const enps: WeekPoint[] = weeks.map((w) => ({
    week: w.week,
    value: w.enps,
    suppressed: w.suppressed,
  }));
  // Participation is a count, not an aggregate of answers, so it is shown even below k.
  const participation: WeekPoint[] = weeks.map((w) => ({
    week: w.week,
    value: w.participation,
    suppressed: false,
  }));
  const respondents = {
    header: 'Answers',
    cell: (i: number) => (i < weeks.length ? formatCount(weeks[i]!.respondents) : '—'),
  };

  return (
    <div className="chart-grid">
      <TrendFigure
        title="Engagement"
        description={`Average engagement index, 0–100. Weeks with fewer than ${k} answers are gaps, never zero. Shaded: the team's experiments${upcoming.length > 0 ? ', including upcoming ones after this week' : ''}.`}
        seriesName="Engagement (0–100)"
        data={engagement}
        bands={bands}
        yDomain={[0, 100]}
        yTicks={[0, 25, 50, 75, 100]}
        formatValue={formatScore}
        k={k}
        columns={[respondents]}
      />
      <TrendFigure
        title="eNPS"
        description="Promoters minus detractors as a share of answers, from −100 to +100."
        seriesName="eNPS"
        data={enps}
        bands={pastBands}
        yDomain={[-100, 100]}
        yTicks={[-100, -50, 0, 50, 100]}
        formatValue={formatEnps}
        k={k}
        color="#7a3e00"
        columns={[respondents]}
      />
      <TrendFigure
        title="Participation"
        description="Share of the team's members who answered that week's pulse."
        seriesName="Participation"
        data={participation}
        bands={pastBands}
        yDomain={[0, 1]}
        yTicks={[0, 0.25, 0.5, 0.75, 1]}
        formatValue={formatPercent}
        k={k}
        color="#1e6b34"
        columns={[
          respondents,
          { header: 'Members', cell: (i: number) => formatCount(weeks[i]!.members) },
        ]}
      />
    </div>
  );
}
