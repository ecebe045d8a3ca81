import {
  ExperimentTypes,
  ExportQuery,
  Heatmap,
  HeatmapQuery,
  OrgTrends,
  TrendsQuery,
} from '@leeway/contracts';
import { Type } from '@sinclair/typebox';
import { access } from '../../lib/access.ts';
import { sendJsonText } from '../../lib/json-text.ts';
import { errorResponses } from '../../lib/problem.ts';
import type { App } from '../../lib/types.ts';
import * as whatWorks from '../what-works/service.ts';
import * as service from './service.ts';

export default async function orgRoutes(app: App) {
  app.get(
    '/api/org/trends',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'getOrgTrends',
        summary:
          'Org-wide weekly series (same shape as team trends) with the experiments running each week',
        description:
          'A week is suppressed when fewer than k answered, or when showing it beside the team figures would reveal a group under k.',
        querystring: TrendsQuery,
        response: { 200: OrgTrends, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.orgTrends(app.ctx(request), request.query),
  );

  app.get(
    '/api/org/heatmap',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'getOrgHeatmap',
        summary: 'Teams × weeks for one metric (engagement, enps, participation or an item)',
        description:
          'Cells under k — and cells hidden so that no group under k can be computed by difference — are suppressed.',
        querystring: HeatmapQuery,
        response: { 200: Heatmap, ...errorResponses(400, 401, 403) },
      },
    },
    // JSON text written by the service from the Heatmap contract (closed weeks' cells are kept
    // written), sent as it is.
    async (request, reply) =>
      sendJsonText(reply, await service.heatmapJson(app.ctx(request), request.query)),
  );

  app.get(
    '/api/org/experiment-types',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'getExperimentTypes',
        summary:
          'What works here: pooled impact per experiment type (random effects, HKSJ CI, prediction interval) and the two-way fixed-effects panel',
        description:
          "Only completed, unsuppressed experiments are pooled; with one experiment of a type its row is that experiment's own diff and Welch CI. The panel reads published, closed team-weeks only.",
        response: { 200: ExperimentTypes, ...errorResponses(401, 403) },
      },
    },
    async (request) => whatWorks.experimentTypes(app.ctx(request)),
  );

  app.get(
    '/api/org/export.csv',
    {
      config: { access: access.roles('admin') },
      schema: {
        tags: ['organisation'],
        operationId: 'exportOrgCsv',
        summary:
          'Team-week aggregates as CSV (UTF-8), suppression applied, safe against formula injection',
        querystring: ExportQuery,
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'CSV with a header row; one row per team-week' }),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const { csv, filename } = await service.exportCsv(app.ctx(request), request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );
}
