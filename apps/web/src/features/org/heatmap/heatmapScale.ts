import type { HeatmapMetric } from '@leeway/contracts';
import { formatEnps, formatPercent, formatScore } from '../../../lib/format.ts';

interface MetricScale {
  label: string;
  /** Five thresholds splitting the values into six colour classes, low to high. */
  thresholds: [number, number, number, number, number];
  format: (value: number) => string;
}

const likertScale = (label: string): MetricScale => ({
  label,
  thresholds: [40, 50, 60, 70, 80],
  format: formatScore,
});

// Fixed scales rather than the data's range, so a colour means the same thing every week.
export const metricScales: Record<HeatmapMetric, MetricScale> = {
  engagement: likertScale('Engagement (0–100)'),
  enps: { label: 'eNPS (−100 to +100)', thresholds: [-50, -25, 0, 25, 50], format: formatEnps },
  participation: {
    label: 'Participation',
    thresholds: [0.5, 0.6, 0.7, 0.8, 0.9],
    format: formatPercent,
  },
  energy: likertScale('Energy (0–100)'),
  autonomy: likertScale('Autonomy (0–100)'),
  voice: likertScale('Voice (0–100)'),
  growth: likertScale('Growth (0–100)'),
  trust: likertScale('Trust (0–100)'),
};

export const metricOrder = Object.keys(metricScales) as HeatmapMetric[];

/** The colour class (0 = lowest … 5 = highest) of a value. */
export function heatClass(value: number, scale: MetricScale): number {
  let bin = 0;
  for (const threshold of scale.thresholds) if (value >= threshold) bin++;
  return bin;
}

/** Legend entries: "below 40", "40 to 50", …, "80 and above". */
export function legendOf(scale: MetricScale): string[] {
  const t = scale.thresholds.map(scale.format);
  return [
    `below ${t[0]}`,
    ...t.slice(0, -1).map((low, i) => `${low} to ${t[i + 1]}`),
    `${t[t.length - 1]} and above`,
  ];
}
