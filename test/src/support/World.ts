import { resolvePort, STORE_TOKENS } from '@flexroll/core';
import { ADMIN_TOKEN, type TestServer } from './TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './fixtures.js';

/** One workspace's records, created through the API: what the isolation and bad-input tables act on. */
export interface World {
  readonly key: string;
  readonly workspaceId: string;
  readonly programId: string;
  readonly instanceId: string;
  readonly enrollmentId: string;
  readonly participationId: string;
  readonly keyId: string;
  /** A dead letter of the instance's adapter outbox (the reference adapter owes none of its own). */
  readonly itemId: string;
  /** A dead customer e-mail of the instance's enrollment page (issue 22), written to the store by hand. */
  readonly mailId: string;
  readonly endpointId: string;
  /** A `webhook.test` message queued to the endpoint (no dispatcher runs in these tests, so it stays pending). */
  readonly messageId: string;
  /** A deadline of the overdue queue, written to the store by hand (a missed AWAITING_CONSENT of the enrollment). */
  readonly deadlineId: string;
  /** A member invited (as a viewer) with the workspace's key, not yet active. */
  readonly memberId: string;
}

let serial = 0;

/**
 * A workspace with a program instance, Suzie's enrollment with a device, and a scoped key to manage. `into`: another
 * instance of an existing world's workspace instead (the instance dimension of the matrices), whose key and endpoint
 * are limited to that instance.
 */
export async function buildWorld(server: TestServer, name: string, into?: World): Promise<World> {
  const { key, workspaceId } = into ?? (await server.workspace(name));
  const program = into === undefined ? await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE }) : { status: 201, body: { id: into.programId } };
  const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: `${name} 2025` } });
  const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: `SN-${name}-${++serial}` } });
  const scope = into === undefined ? {} : { programInstanceIds: [instance.body.id] };
  const scoped = await server.post('/api-keys', { key, body: { name: 'reader', mode: 'live', permissions: ['enrollments:read'], ...scope } });
  const filter = into === undefined ? {} : { programInstanceId: instance.body.id };
  const endpoint = await server.post('/webhook-endpoints', { key, body: { url: `https://hooks.example.com/${serial}`, eventTypes: ['enrollment.created'], ...filter } });
  const message = await server.post(`/webhook-endpoints/${endpoint.body.id}/test`, { key });
  const member = await server.post('/members', { key, body: { email: `viewer.${serial}@world.example.com`, role: 'viewer', ...scope } });
  if (endpoint.status !== 201 || message.status !== 202) throw new Error(`Could not build the world: ${JSON.stringify([endpoint.body, message.body])}`);
  // Its instance has a customer enrollment page (issue 22), so the page's routes have something of their own to read.
  const page = await server.request('PUT', `/programInstances/${instance.body.id}/enrollment-page`, {
    key, body: { enabled: true, slug: `world-${workspaceId.slice(3, 15)}-${serial}`, name: `${name} 2025`, terms: { version: '1', text: 'Terms.' }, locales: ['en'], defaultLocale: 'en' },
  });
  for (const response of [program, instance, enrollment, scoped, member, page]) {
    if (response.status !== 201 && response.status !== 200) throw new Error(`Could not build the world: ${JSON.stringify(response.body)}`);
  }
  const itemId = `obx_world${++serial}`;
  const at = '2025-01-01T09:00:00.000Z';
  const ACTIVE = { state: 'ACTIVE', suspensionReasons: [] } as const;
  await resolvePort(server.container, STORE_TOKENS.adapterOutbox).enqueue({
    id: itemId, workspaceId, programInstanceId: instance.body.id, adapterId: 'manual', enrollmentId: enrollment.body.id, participationId: enrollment.body.participationId,
    seq: 1, move: { trigger: 'device_live', from: { state: 'REGISTERED', suspensionReasons: [] }, to: ACTIVE, currentStatus: 'approved' },
    status: 'dead', attempts: 8, attemptLimit: 8, nextAttemptAt: at, lastError: 'the operator answered 503', createdAt: at, updatedAt: at,
  });
  const mailId = `mail_world${++serial}`;
  await resolvePort(server.container, STORE_TOKENS.customerMails).enqueue({
    id: mailId, workspaceId, programInstanceId: instance.body.id, enrollmentId: enrollment.body.id, kind: 'state_changed', state: 'ACTIVE', locale: 'en', seq: 2,
    status: 'dead', attempts: 8, attemptLimit: 8, nextAttemptAt: at, lastError: 'the mail server did not take the mail (EENVELOPE 550)', createdAt: at, updatedAt: at,
  });
  const deadlineId = `dl_world${++serial}`;
  await resolvePort(server.container, STORE_TOKENS.deadlines).write([{
    id: deadlineId, workspaceId, programInstanceId: instance.body.id, enrollmentId: enrollment.body.id, participationId: enrollment.body.participationId, seq: 1,
    state: 'AWAITING_CONSENT', enteredAt: at, expectedAt: '2025-01-02T09:00:00.000Z', dueSoonAt: '2025-01-01T09:00:00.000Z', waitingOn: 'customer', alerts: true,
    status: 'missed', announced: { dueSoon: at, missed: '2025-01-02T09:00:00.000Z' }, updatedAt: '2025-01-02T09:00:00.000Z',
  }]);
  return {
    key,
    workspaceId,
    programId: program.body.id,
    instanceId: instance.body.id,
    enrollmentId: enrollment.body.id,
    participationId: enrollment.body.participationId,
    keyId: scoped.body.id,
    itemId,
    mailId,
    endpointId: endpoint.body.id,
    messageId: message.body.id,
    deadlineId,
    memberId: member.body.member.id,
  };
}

/** Everything a workspace can read about itself, to compare before and after a request that must change nothing. */
export async function snapshotWorld(server: TestServer, world: World): Promise<unknown> {
  const [instance, enrollments, events, keys, participation, deadline, members] = await Promise.all([
    server.get(`/programInstances/${world.instanceId}`, { key: world.key }),
    server.get(`/programInstances/${world.instanceId}/enrollments?perPage=100`, { key: world.key }),
    server.get('/events?perPage=100', { key: world.key }),
    server.get('/api-keys', { key: world.key }),
    server.get(`/vpp-participations/${world.participationId}`, { key: world.key }),
    server.get(`/deadlines/${world.deadlineId}`, { key: world.key }),
    server.get('/members', { key: world.key }),
  ]);
  const stableKeys = keys.body.data.map(({ lastUsedAt: _used, ...rest }: Record<string, unknown>) => rest);
  return { instance: instance.body, enrollments: enrollments.body, events: events.body, keys: stableKeys, participation: participation.body, deadline: deadline.body, members: members.body };
}
