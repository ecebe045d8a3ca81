import { LIKERT_ITEMS } from '@leeway/domain/metrics';
import { type Static, Type } from '@sinclair/typebox';
import { Id, IsoWeek, Nullable } from './common.ts';
import { PanelTypeEffect, PooledTypeEffect } from './evidence.ts';
import { ExperimentType } from './experiments.ts';
import { HiddenReason, OpenWeek, WeekAggregate } from './pulse.ts';

export const OrgWeek = Type.Composite([
  WeekAggregate,
  Type.Object({ experiments: Type.Integer({ description: 'Experiments running that week' }) }),
]);
export type OrgWeek = Static<typeof OrgWeek>;
export const OrgTrends = Type.Object({
  k: Type.Integer(),
  from: IsoWeek,
  to: IsoWeek,
  current: OpenWeek,
  weeks: Type.Array(OrgWeek, { description: 'Closed weeks only, oldest first' }),
});
export type OrgTrends = Static<typeof OrgTrends>;

export const HEATMAP_METRICS = ['engagement', 'enps', 'participation', ...LIKERT_ITEMS] as const;
export const HeatmapMetric = Type.Union(HEATMAP_METRICS.map((m) => Type.Literal(m)));
export type HeatmapMetric = Static<typeof HeatmapMetric>;
export const HeatmapQuery = Type.Object(
  {
    from: Type.Optional(IsoWeek),
    to: Type.Optional(IsoWeek),
    metric: Type.Optional(HeatmapMetric),
  },
  { additionalProperties: false },
);
export type HeatmapQuery = Static<typeof HeatmapQuery>;
export const HeatmapCell = Type.Object({
  week: IsoWeek,
  value: Nullable(Type.Number()),
  respondents: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
  reason: Nullable(HiddenReason),
});
export type HeatmapCell = Static<typeof HeatmapCell>;
export const Heatmap = Type.Object({
  metric: HeatmapMetric,
  k: Type.Integer(),
  current: OpenWeek,
  weeks: Type.Array(IsoWeek, { description: 'Closed weeks only, oldest first' }),
  teams: Type.Array(
    Type.Object({ teamId: Id, name: Type.String(), cells: Type.Array(HeatmapCell) }),
  ),
});
export type Heatmap = Static<typeof Heatmap>;

export const ExperimentTypeImpact = Type.Object({
  type: ExperimentType,
  experiments: Type.Integer({ description: 'Completed, unsuppressed experiments pooled' }),
  pooled: Type.Union([PooledTypeEffect, Type.Null()], {
    description:
      'DerSimonian–Laird τ², Hartung–Knapp–Sidik–Jonkman 95 % CI, prediction interval from three experiments; one experiment: its own diff and Welch CI',
  }),
  panel: Type.Union([PanelTypeEffect, Type.Null()], {
    description:
      'Two-way fixed-effects estimate over published team-weeks (team and week effects, weights = respondents, CR1 SEs by team); null when fewer than two teams ran the type',
  }),
});
export type ExperimentTypeImpact = Static<typeof ExperimentTypeImpact>;
export const ExperimentTypes = Type.Object({ types: Type.Array(ExperimentTypeImpact) });
export type ExperimentTypes = Static<typeof ExperimentTypes>;

export const ExportQuery = Type.Object(
  { from: Type.Optional(IsoWeek), to: Type.Optional(IsoWeek) },
  { additionalProperties: false },
);
