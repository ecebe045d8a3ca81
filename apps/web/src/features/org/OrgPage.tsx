import type { HeatmapMetric } from '@leeway/contracts';
import { useMemo } from 'react';
import { orgExportHref } from '../../api/org.queries.ts';
import { useSession } from '../../app/session.ts';
import { PageContents } from '../../components/PageContents.tsx';
import { PeriodSelect } from '../../components/PeriodSelect.tsx';
import { formatWeekSpan } from '../../lib/format.ts';
import { useSearchParam } from '../../lib/searchParams.ts';
import { addWeeks, currentWeek } from '../../lib/week.ts';
import { DriversSection } from './DriversSection.tsx';
import { ExperimentTypesSection } from './ExperimentTypesSection.tsx';
import { HeatmapSection } from './heatmap/HeatmapSection.tsx';
import { metricOrder } from './heatmap/heatmapScale.ts';
import { OrgTrendSection } from './OrgTrendSection.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';

const PERIODS = [12, 26, 52];
const DEFAULT_PERIOD = 12;

const sections = [
  { id: 'trend', title: 'Trend' },
  { id: 'heatmap', title: 'Teams by week' },
  { id: 'experiment-types', title: 'What works' },
  { id: 'drivers', title: 'What goes with eNPS' },
  { id: 'export', title: 'Export' },
  { id: 'settings', title: 'Settings' },
] as const;

type SectionId = (typeof sections)[number]['id'];

/** HR's view of the whole organisation: aggregates only, every one under the same suppression. */
export function OrgPage() {
  const session = useSession();
  const { params, setParam } = useSearchParam();

  const requested = Number(params.get('weeks'));
  const period = PERIODS.includes(requested) ? requested : DEFAULT_PERIOD;
  const requestedMetric = params.get('metric') as HeatmapMetric | null;
  const metric =
    requestedMetric && metricOrder.includes(requestedMetric) ? requestedMetric : 'engagement';
  const to = currentWeek(session.org.timezone);
  const from = addWeeks(to, -(period - 1));
  const range = useMemo(() => ({ from, to }), [from, to]);

  const title = (id: SectionId) => sections.find((s) => s.id === id)!.title;

  return (
    <>
      <title>Organisation · Leeway</title>
      <h1>Organisation</h1>
      <p className="muted">
        How {session.org.name} is doing, across every team. Figures from fewer than{' '}
        {session.minGroupSize} people are never shown.
      </p>
      <PageContents sections={sections} />
      <div className="toolbar period-bar">
        <PeriodSelect
          periods={PERIODS}
          value={period}
          defaultPeriod={DEFAULT_PERIOD}
          onChange={(weeks) => setParam('weeks', weeks)}
        />
        <p className="muted period-span">{formatWeekSpan(from, to)}</p>
      </div>

      <section id="trend" aria-labelledby="trend-title" className="section">
        <h2 id="trend-title">{title('trend')}</h2>
        <OrgTrendSection range={range} />
      </section>

      <section id="heatmap" aria-labelledby="heatmap-title" className="section">
        <h2 id="heatmap-title">{title('heatmap')}</h2>
        <HeatmapSection
          range={range}
          metric={metric}
          onMetricChange={(m) => setParam('metric', m === 'engagement' ? undefined : m)}
        />
      </section>

      <section id="experiment-types" aria-labelledby="experiment-types-title" className="section">
        <h2 id="experiment-types-title">{title('experiment-types')}</h2>
        <p className="hint">
          Which kinds of ownership lift engagement here: the change of every completed experiment
          with enough answers, pooled by type (random effects). Positive means engagement rose; an
          interval crossing zero means no measurable change yet.
        </p>
        <ExperimentTypesSection />
      </section>

      <section id="drivers" aria-labelledby="drivers-title" className="section">
        <h2 id="drivers-title">{title('drivers')}</h2>
        <p className="hint">
          How strongly each question goes with eNPS across the published team-weeks of the last
          year: +1 means they rise and fall together, 0 no link.
        </p>
        <DriversSection />
      </section>

      <section id="export" aria-labelledby="export-title" className="section">
        <h2 id="export-title">{title('export')}</h2>
        <p>
          Every team's weekly figures for {formatWeekSpan(from, to)} as a CSV file, with the same
          suppression as the dashboard.
        </p>
        <a className="button button-secondary" href={orgExportHref(range)} download>
          Download CSV
          <span className="visually-hidden"> for the last {period} weeks</span>
        </a>
      </section>

      <section id="settings" aria-labelledby="settings-title" className="section">
        <h2 id="settings-title">{title('settings')}</h2>
        <SettingsPanel />
      </section>
    </>
  );
}
