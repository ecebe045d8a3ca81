/**
 * The slot for what to try next on a lead's home: `GET /api/teams/:teamId/recommendations`
 * (docs/product.md §6, issue 14) fills it once the endpoint exists. Until then it shows nothing,
 * so the home never promises advice it cannot give.
 */
export function LeadRecommendations(_props: { teamId: string }) {
  return null;
}
