import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCount, formatWeek, formatWeekShort } from '../../lib/format.ts';
import type { WeekBand, WeekCounts, WeekPoint } from './types.ts';

export interface WeeklyLineChartProps {
  data: WeekPoint[];
  seriesName: string;
  yDomain: [number, number];
  yTicks?: number[];
  formatValue: (value: number) => string;
  bands?: WeekBand[];
  /** Whole numbers per week drawn as bars on a right-hand axis (e.g. experiments running). */
  counts?: WeekCounts;
  color?: string;
  height?: number;
}

/**
 * An experiment's number and as much of its title as fits its shaded weeks ("2 Engineers set…");
 * the full titles are listed under the chart and in the table.
 */
function BandLabel({ viewBox, number, text }: { viewBox?: unknown; number: number; text: string }) {
  const box = viewBox as { x?: number; y?: number; width?: number } | undefined;
  if (box?.x === undefined || box.y === undefined) return null;
  const room = Math.floor(((box.width ?? 0) - 8) / 6.2) - String(number).length - 1;
  const title =
    room >= text.length ? text : room >= 6 ? `${text.slice(0, room - 1).trimEnd()}…` : '';
  return (
    <text x={box.x + 4} y={box.y + 14} fontSize={11} fill="#1a1a1a">
      <tspan fontWeight={700}>{number}</tspan>
      {title ? ` ${title}` : ''}
    </text>
  );
}

/** Why a run of weeks has no value: across a wide run, else down a single week's line. */
function GapLabel({ viewBox, text }: { viewBox?: unknown; text: string }) {
  const box = viewBox as { x?: number; y?: number; width?: number } | undefined;
  if (box?.x === undefined || box.y === undefined) return null;
  if ((box.width ?? 0) >= text.length * 6.2 + 8) {
    return (
      <text
        x={box.x + (box.width ?? 0) / 2}
        y={box.y + 30}
        textAnchor="middle"
        fontSize={11}
        fill="#4a4a4a"
      >
        {text}
      </text>
    );
  }
  const x = box.x + 4;
  const y = box.y + 4;
  return (
    <text x={x} y={y} transform={`rotate(90 ${x} ${y})`} fontSize={11} fill="#4a4a4a">
      {text}
    </text>
  );
}

function WeekTooltip({
  active,
  label,
  data,
  seriesName,
  formatValue,
  counts,
  bands,
}: {
  active?: boolean;
  label?: unknown;
  data: WeekPoint[];
  seriesName: string;
  formatValue: (value: number) => string;
  counts?: WeekCounts;
  bands: WeekBand[];
}) {
  const index = typeof label === 'number' ? label : -1;
  const point = data[index];
  if (!active || !point) return null;
  const band = bands.find((b) => b.from <= point.week && point.week <= b.to);
  // The week in progress says when it closes, and nothing else: no value, no count.
  if (point.gap === 'open') {
    return (
      <div className="chart-tooltip">
        <p className="chart-tooltip-week">{formatWeek(point.week)}</p>
        <p>{point.note}</p>
        {band ? <p>{band.label}</p> : null}
      </div>
    );
  }
  const count = counts?.values[index];
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-week">{formatWeek(point.week)}</p>
      <p>
        {seriesName}: {point.value !== null ? formatValue(point.value) : (point.note ?? '—')}
      </p>
      {counts && count !== undefined && count !== null ? (
        <p>
          {counts.name}: {formatCount(count)}
        </p>
      ) : null}
      {band ? <p>{band.label}</p> : null}
    </div>
  );
}

/**
 * A typed recharts line over weeks; the page supplies an equivalent data table for screen readers.
 * Weeks sit on a numeric axis (0, 1, 2 …) so a shaded band can cover a whole week, even a single one.
 */
export function WeeklyLineChart({
  data,
  seriesName,
  yDomain,
  yTicks,
  formatValue,
  bands = [],
  counts,
  color = '#1f4e79',
  height = 240,
}: WeeklyLineChartProps) {
  const rows = data.map((d, index) => ({
    ...d,
    index,
    // The week in progress has no bar either: nothing about it is shown.
    count: d.gap === 'open' ? null : (counts?.values[index] ?? null),
  }));
  const indexOf = (week: string) => data.findIndex((d) => d.week === week);
  // Consecutive hidden weeks hidden for the same reason become one labelled run rather than a
  // label per week; the open week is a run of its own.
  const gaps: { from: number; to: number; gap: 'hidden' | 'open'; note: string }[] = [];
  for (const row of rows) {
    if (row.value !== null || (row.gap !== 'hidden' && row.gap !== 'open')) continue;
    const note = row.note ?? '';
    const last = gaps[gaps.length - 1];
    if (last && last.to === row.index - 1 && last.gap === row.gap && last.note === note) {
      last.to = row.index;
    } else gaps.push({ from: row.index, to: row.index, gap: row.gap, note });
  }
  const last = Math.max(0, data.length - 1);
  const maxCount = counts ? Math.max(1, ...counts.values) : 1;
  const shownBands = bands
    .map((band, i) => ({ ...band, number: i + 1 }))
    .map((band) => {
      const from = data.length > 0 && band.from < data[0]!.week ? 0 : indexOf(band.from);
      const to = data.length > 0 && band.to > data[last]!.week ? last : indexOf(band.to);
      return { ...band, x1: from - 0.5, x2: to + 0.5, ok: from >= 0 && to >= 0 };
    })
    .filter((band) => band.ok);

  return (
    <ResponsiveContainer width="100%" height={height}>
      <ComposedChart
        data={rows}
        margin={{ top: 12, right: counts ? 0 : 12, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e2e2e2" vertical={false} yAxisId="value" />
        {shownBands.map((band) => (
          <ReferenceArea
            key={`${band.from}-${band.to}`}
            x1={band.x1}
            x2={band.x2}
            yAxisId="value"
            fill="#cfe0f3"
            fillOpacity={0.7}
            stroke="#fff"
            strokeWidth={2}
            label={<BandLabel number={band.number} text={band.label} />}
          />
        ))}
        {gaps.map((gap) =>
          gap.gap === 'open' ? (
            // The week in progress: a plain marker at the end, labelled "open", nothing drawn in it.
            <ReferenceLine
              key={gap.from}
              x={gap.from}
              yAxisId="value"
              stroke="#1f4e79"
              strokeWidth={2}
              label={<GapLabel text="open" />}
            />
          ) : gap.from === gap.to ? (
            <ReferenceLine
              key={gap.from}
              x={gap.from}
              yAxisId="value"
              stroke="#8a8a8a"
              strokeDasharray="4 4"
              label={<GapLabel text={gap.note} />}
            />
          ) : (
            <ReferenceArea
              key={gap.from}
              x1={gap.from - 0.5}
              x2={gap.to + 0.5}
              yAxisId="value"
              fill="#ececec"
              fillOpacity={0.8}
              stroke="#8a8a8a"
              strokeDasharray="4 4"
              label={<GapLabel text={gap.note} />}
            />
          ),
        )}
        <XAxis
          dataKey="index"
          type="number"
          domain={[-0.5, last + 0.5]}
          ticks={rows.map((r) => r.index)}
          tickFormatter={(index: number) => (data[index] ? formatWeekShort(data[index].week) : '')}
          tick={{ fontSize: 12, fill: '#444' }}
          interval="preserveStartEnd"
          minTickGap={12}
          allowDecimals={false}
        />
        <YAxis
          yAxisId="value"
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={(value: number) => formatValue(value)}
          tick={{ fontSize: 12, fill: '#444' }}
          width={62}
          allowDataOverflow
          label={{
            value: seriesName,
            angle: -90,
            position: 'insideLeft',
            style: { textAnchor: 'middle', fontSize: 11, fill: '#444' },
          }}
        />
        {counts ? (
          <YAxis
            yAxisId="count"
            orientation="right"
            domain={[0, maxCount * 3]}
            allowDecimals={false}
            tickCount={Math.min(4, maxCount + 1)}
            tickFormatter={(value: number) => formatCount(value)}
            tick={{ fontSize: 12, fill: '#444' }}
            width={46}
            label={{
              value: counts.name,
              angle: 90,
              position: 'insideRight',
              style: { textAnchor: 'middle', fontSize: 11, fill: '#444' },
            }}
          />
        ) : null}
        <Tooltip
          // A week without a value still has its tooltip: it says why (hidden, open, not yet).
          filterNull={false}
          content={({ active, label }) => (
            <WeekTooltip
              active={active}
              label={label}
              data={data}
              seriesName={seriesName}
              formatValue={formatValue}
              counts={counts}
              bands={bands}
            />
          )}
        />
        {counts ? (
          <Bar
            yAxisId="count"
            dataKey="count"
            name={counts.name}
            fill="#8fb3d9"
            maxBarSize={18}
            isAnimationActive={false}
          />
        ) : null}
        <Line
          yAxisId="value"
          type="linear"
          dataKey="value"
          name={seriesName}
          stroke={color}
          strokeWidth={2}
          dot={{ r: 3, fill: color }}
          activeDot={{ r: 5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
