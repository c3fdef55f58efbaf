// The routes bench/server.mjs measures: seed 001's two reads and the two ways to suspend and resume a participation.
import { WRITE_BODIES } from './requestBodies.mjs';

/**
 * `route` is the path as the API reference writes it; `pattern` the bare express app's path for it; `path(p)` the
 * request path for a participation `p` ({ enrollmentId, participationId }); `bodies`, a write case's alternating
 * bodies (see requestBodies.mjs).
 */
export const ROUTES = [
  {
    id: 'GET enrollment', method: 'GET', route: '/enrollments/{id}', pattern: '/enrollments/:id',
    path: (p) => `/enrollments/${p.enrollmentId}`,
  },
  {
    id: 'GET participation', method: 'GET', route: '/vpp-participations/{id}', pattern: '/vpp-participations/:id',
    path: (p) => `/vpp-participations/${p.participationId}`,
  },
  {
    id: 'POST trigger', method: 'POST', route: '/vpp-participations/{id}/triggers', pattern: '/vpp-participations/:id/triggers',
    path: (p) => `/vpp-participations/${p.participationId}/triggers`, bodies: WRITE_BODIES.trigger,
  },
  {
    id: 'POST seed 002 submission', method: 'POST', route: '/vpp-participations/{id}', pattern: '/vpp-participations/:id',
    path: (p) => `/vpp-participations/${p.participationId}`, bodies: WRITE_BODIES.submission,
  },
];
