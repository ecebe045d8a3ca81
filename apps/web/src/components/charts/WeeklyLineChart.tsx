import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatWeek, formatWeekShort } from '../../lib/format.ts';
import type { WeekBand, WeekPoint } from './types.ts';

export interface WeeklyLineChartProps {
  data: WeekPoint[];
  seriesName: string;
  yDomain: [number, number];
  yTicks?: number[];
  formatValue: (value: number) => string;
  /** The minimum reporting group, for the label on suppressed weeks. */
  k: number;
  bands?: WeekBand[];
  color?: string;
  height?: number;
}

function SuppressedLabel({ viewBox, text }: { viewBox?: unknown; text: string }) {
  const box = viewBox as { x?: number; y?: number } | undefined;
  if (box?.x === undefined || box.y === undefined) return null;
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
  k,
}: {
  active?: boolean;
  label?: unknown;
  data: WeekPoint[];
  seriesName: string;
  formatValue: (value: number) => string;
  k: number;
}) {
  const point = data.find((d) => d.week === label);
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-week">{formatWeek(point.week)}</p>
      <p>
        {seriesName}:{' '}
        {point.value !== null
          ? formatValue(point.value)
          : point.suppressed
            ? `fewer than ${k} answers`
            : 'no data'}
      </p>
    </div>
  );
}

/** A typed recharts line over weeks; the page supplies an equivalent data table for screen readers. */
export function WeeklyLineChart({
  data,
  seriesName,
  yDomain,
  yTicks,
  formatValue,
  k,
  bands = [],
  color = '#1f4e79',
  height = 240,
}: WeeklyLineChartProps) {
  const gaps = data.filter((d) => d.suppressed && d.value === null);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={data}
        margin={{ top: 12, right: 12, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e2e2e2" vertical={false} />
        {bands.map((band) => (
          <ReferenceArea
            key={`${band.from}-${band.to}`}
            x1={band.from}
            x2={band.to}
            fill="#cfe0f3"
            fillOpacity={0.7}
            label={{ value: band.label, position: 'insideTopLeft', fontSize: 11, fill: '#1a1a1a' }}
          />
        ))}
        {gaps.map((gap) => (
          <ReferenceLine
            key={gap.week}
            x={gap.week}
            stroke="#8a8a8a"
            strokeDasharray="4 4"
            label={<SuppressedLabel text={`fewer than ${k} answers`} />}
          />
        ))}
        <XAxis
          dataKey="week"
          tickFormatter={(week: string) => formatWeekShort(week)}
          tick={{ fontSize: 12, fill: '#444' }}
          interval="preserveStartEnd"
          minTickGap={12}
        />
        <YAxis
          domain={yDomain}
          ticks={yTicks}
          tickFormatter={(value: number) => formatValue(value)}
          tick={{ fontSize: 12, fill: '#444' }}
          width={48}
          allowDataOverflow
        />
        <Tooltip
          content={({ active, label }) => (
            <WeekTooltip
              active={active}
              label={label}
              data={data}
              seriesName={seriesName}
              formatValue={formatValue}
              k={k}
            />
          )}
        />
        <Line
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
      </LineChart>
    </ResponsiveContainer>
  );
}
