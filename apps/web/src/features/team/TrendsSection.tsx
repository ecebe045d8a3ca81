import type { Trends, WeekAggregate } from '@leeway/contracts';
import { closedPoint, openPoint, upcomingPoint } from '../../components/charts/points.ts';
import type { WeekBand, WeekPoint } from '../../components/charts/types.ts';
import { EmptyState } from '../../components/States.tsx';
import { TrendFigure } from '../../components/TrendFigure.tsx';
import { formatCount, formatEnps, formatPercent, formatScore } from '../../lib/format.ts';
import { fromFirstMembers, openWeekText, reasonOf } from '../../lib/hidden.ts';
import { addWeeks, weekRange } from '../../lib/week.ts';

/** A hidden week's count is hidden with it (its row says why); a week without members has none. */
const answersText = (week: WeekAggregate | undefined) => {
  if (!week) return '—';
  if (week.respondents !== null) return formatCount(week.respondents);
  return reasonOf(week) === 'no_data' ? '—' : 'hidden';
};

/**
 * The team's closed weeks (from its first members on), then the week in progress, which says
 * when it closes and nothing else.
 */
export function TrendsSection({
  trends,
  bands,
  timeZone,
}: {
  trends: Trends;
  bands: WeekBand[];
  timeZone: string;
}) {
  const { k, current } = trends;
  const weeks = fromFirstMembers(trends.weeks);
  if (weeks.length === 0) {
    return (
      <EmptyState>
        <p>No closed weeks in this period yet: results appear here once a week has closed.</p>
        <p>{openWeekText(current, timeZone)}.</p>
      </EmptyState>
    );
  }

  // Planned experiments extend the engagement chart past this week, so a launch shows at once.
  const horizon = [current.week, ...bands.map((band) => band.to)].sort().at(-1)!;
  const pastBands = bands.filter((band) => band.from <= current.week);
  const upcoming = horizon > current.week ? weekRange(addWeeks(current.week, 1), horizon) : [];
  const open = openPoint(current, timeZone);
  const engagement: WeekPoint[] = [
    ...weeks.map((w) => closedPoint(w, w.engagement?.mean ?? null, k)),
    open,
    ...upcoming.map(upcomingPoint),
  ];
  const enps: WeekPoint[] = [...weeks.map((w) => closedPoint(w, w.enps, k)), open];
  const participation: WeekPoint[] = [
    ...weeks.map((w) => closedPoint(w, w.participation, k)),
    open,
  ];
  const respondents = { header: 'Answers', cell: (i: number) => answersText(weeks[i]) };

  return (
    <div className="chart-grid">
      <TrendFigure
        title="Engagement"
        description={`Average engagement index, 0–100, of the weeks that have closed. A hidden week is a gap that says why (such as fewer than ${k} answers), never zero; the week in progress shows nothing until it closes. Shaded: the team's experiments${upcoming.length > 0 ? ', including upcoming ones after this week' : ''}.`}
        seriesName="Engagement (0–100)"
        data={engagement}
        bands={bands}
        yDomain={[0, 100]}
        yTicks={[0, 25, 50, 75, 100]}
        formatValue={formatScore}
        columns={[respondents]}
      />
      <TrendFigure
        title="eNPS"
        description="Promoters minus detractors as a share of answers, from −100 to +100. Shaded: the experiments listed under Engagement."
        bandLegend={false}
        seriesName="eNPS"
        data={enps}
        bands={pastBands}
        yDomain={[-100, 100]}
        yTicks={[-100, -50, 0, 50, 100]}
        formatValue={formatEnps}
        color="#7a3e00"
        columns={[respondents]}
      />
      <TrendFigure
        title="Participation"
        description="Share of the team's members who answered that week's pulse; hidden with the week's other figures. Shaded: the experiments listed under Engagement."
        bandLegend={false}
        seriesName="Participation"
        data={participation}
        bands={pastBands}
        yDomain={[0, 1]}
        yTicks={[0, 0.25, 0.5, 0.75, 1]}
        formatValue={formatPercent}
        color="#1e6b34"
        columns={[
          respondents,
          {
            header: 'Members',
            cell: (i: number) => (weeks[i] ? formatCount(weeks[i].members) : '—'),
          },
        ]}
      />
    </div>
  );
}
