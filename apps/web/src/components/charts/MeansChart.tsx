import {
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  ResponsiveContainer,
  XAxis,
  YAxis,
} from 'recharts';
import { formatScore } from '../../lib/format.ts';

export interface MeansChartProps {
  before: { label: string; value: number };
  after: { label: string; value: number };
  height?: number;
}

/** The mean engagement of the weeks before an experiment and of its own weeks, as two points. */
export function MeansChart({ before, after, height = 240 }: MeansChartProps) {
  const data = [before, after];
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart
        data={data}
        margin={{ top: 24, right: 24, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#e2e2e2" vertical={false} />
        <XAxis
          dataKey="label"
          type="category"
          padding={{ left: 48, right: 48 }}
          tick={{ fontSize: 12, fill: '#444' }}
          interval={0}
        />
        <YAxis
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          tick={{ fontSize: 12, fill: '#444' }}
          width={40}
        />
        <Line
          type="linear"
          dataKey="value"
          name="Engagement"
          stroke="#1f4e79"
          strokeWidth={2}
          strokeDasharray="5 4"
          dot={{ r: 6, fill: '#1f4e79' }}
          isAnimationActive={false}
        >
          <LabelList
            dataKey="value"
            position="top"
            offset={10}
            formatter={(value: unknown) => (typeof value === 'number' ? formatScore(value) : '')}
            style={{ fontSize: 13, fontWeight: 600, fill: '#1a1a1a' }}
          />
        </Line>
      </LineChart>
    </ResponsiveContainer>
  );
}
