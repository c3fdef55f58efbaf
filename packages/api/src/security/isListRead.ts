import type { RouteDefinition } from '../routes/RouteDefinition.js';

/** Whether a route reads a list: a GET that pages, in the page form (`perPage`) or the cursor form (`limit`). */
export function isListRead(route: Pick<RouteDefinition, 'method' | 'query'>): boolean {
  const properties = (route.query as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return route.method === 'get' && ('perPage' in properties || 'limit' in properties);
}
