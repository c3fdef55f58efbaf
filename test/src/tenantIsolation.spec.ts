import { expect } from 'chai';
import { ALL_ROUTES, type RouteDefinition } from '@flexroll/api';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { buildWorld, snapshotWorld, type World } from './support/World.js';

/** Ids of another kind's shape that exist nowhere. */
const UNKNOWN: Readonly<Record<string, string>> = {
  instanceId: 'cnotanidanywhere000000000',
  enrollmentId: 'cnotanidanywhere000000001',
  participation_id: 'vpo_000000000000000000000000',
  keyId: 'key_000000000000000000000000',
  itemId: 'obx_000000000000000000000000',
  mailId: 'mail_000000000000000000000000',
  jobId: 'cnotanidanywhere000000002',
  version: '1',
  endpointId: 'whe_000000000000000000000000',
  messageId: 'msg_000000000000000000000000',
  deadlineId: 'dl_000000000000000000000000',
  memberId: 'mem_000000000000000000000000',
};

/** A body each route accepts (given the ids in the path), so that only the id decides the answer. */
const BODIES: Readonly<Record<string, unknown>> = {
  receiveOperatorEvent: (ids: Record<string, string>) => ({ type: 'participation.trigger', participation_id: ids.participation_id, payload: { trigger: 'consent_requested' } }),
  createEnrollment: { identificationType: 'customerInfo', firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' },
  updateEnrollment: { phone: '+1987654321' },
  updateProgramInstance: { name: 'Renamed' },
  saveEnrollmentPage: { enabled: true, slug: 'tenant-isolation', name: 'Renamed', terms: { version: '2', text: 'Terms.' }, locales: ['en'], defaultLocale: 'en' },
  submitParticipationState: { participation_state: [{ state: 'AWAITING_CONSENT' }] },
  fireParticipationTrigger: { trigger: 'consent_requested' },
  recordTelemetry: {},
  grantConsent: { terms_version: '2025-01' },
  recordControl: { available: false },
  grantMeterAccess: {},
  markRewardsSettled: {},
  startBulkAction: { action: 'evaluate' },
  dryRunEligibilityRules: { eligibilityRules: {} },
  updateWebhookEndpoint: { description: 'Renamed' },
  acknowledgeDeadline: { reason: 'Called the customer' },
  snoozeDeadline: { reason: 'The installer comes next week', until: '2025-01-08T09:00:00Z' },
  replayFailedWebhookMessages: { since: '2024-01-01T00:00:00Z' },
  changeMemberRole: { role: 'reviewer' },
};

/** Bodies that are files, not JSON. */
const FILES: Readonly<Record<string, { contentType: string; text: string }>> = {
  importEnrollments: { contentType: 'text/csv', text: 'referenceId,identificationType,firstName,lastName,email\nISO-1,customerInfo,Suzie,Homeowner,suzie.homeowner@example.com\n' },
};

function idsOf(world: World, jobId = ''): Record<string, string> {
  return { instanceId: world.instanceId, enrollmentId: world.enrollmentId, participation_id: world.participationId, keyId: world.keyId, itemId: world.itemId, mailId: world.mailId, jobId, version: '1', endpointId: world.endpointId, messageId: world.messageId, deadlineId: world.deadlineId, memberId: world.memberId };
}

/** What a route's own-id call needs to exist first: eligibility rules (version 1) and a job of the workspace's. */
async function prepare(server: TestServer, route: RouteDefinition, world: World): Promise<string> {
  if (route.path.includes('{version}')) await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { eligibilityRules: {} } });
  if (!route.path.includes('{jobId}')) return '';
  const job = await server.post(`/programInstances/${world.instanceId}/bulk-actions`, { key: world.key, body: { action: 'evaluate' } });
  return job.body.id as string;
}

function pathFor(route: RouteDefinition, ids: Record<string, string>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
}

/** The error without what must differ between two requests: the request id and the id named in the message. */
function normalised(body: { error: Record<string, unknown> }, id: string): unknown {
  return { ...body.error, requestId: '-', message: String(body.error.message).replace(id, '<id>') };
}

const WORKSPACE_ROUTES = ALL_ROUTES.filter((route) => route.path.includes('{') && !route.path.startsWith('/programs/'));

describeOnEachStore('Tenant isolation matrix: every route with an id × {own, another workspace’s, unknown}', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  for (const route of WORKSPACE_ROUTES) {
    it(`${route.method.toUpperCase()} ${route.path}`, async () => {
      const own = await buildWorld(server, 'Leap Energy');
      const other = await buildWorld(server, 'Other Utility');
      const bodyOf = BODIES[route.operationId];
      const file = FILES[route.operationId];
      const call = (world: World, ids: Record<string, string>) => {
        const body = typeof bodyOf === 'function' ? bodyOf(ids) : bodyOf;
        if (file !== undefined) return server.request(route.method.toUpperCase(), pathFor(route, ids), { key: world.key, raw: file.text, headers: { 'content-type': file.contentType } });
        return server.request(route.method.toUpperCase(), pathFor(route, ids), { key: world.key, ...(body === undefined ? {} : { body }) });
      };
      const jobId = await prepare(server, route, own);
      const before = await snapshotWorld(server, own);

      const foreign = await call(other, idsOf(own, jobId));
      const unknown = await call(other, UNKNOWN);
      expect(foreign.status, 'another workspace’s id').to.equal(404);
      expect(unknown.status, 'an unknown id').to.equal(404);
      const param = route.path.match(/\{(\w+)\}/)![1]!;
      expect(normalised(foreign.body, idsOf(own, jobId)[param]!)).to.deep.equal(normalised(unknown.body, UNKNOWN[param]!));
      expect(await snapshotWorld(server, own), 'nothing of the other workspace changed').to.deep.equal(before);

      const mine = await call(own, idsOf(own, jobId));
      expect(mine.status, `own id: ${JSON.stringify(mine.body)}`).to.be.within(200, 299);
    });
  }
});
