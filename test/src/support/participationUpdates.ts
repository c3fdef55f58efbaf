import { expect } from 'chai';
import { SUZIE } from './fixtures.js';
import type { ApiResponse, TestServer } from './TestServer.js';
import type { World } from './World.js';

/** Seed 002's update, as a provider sends it: the participation is suspended by its operator. */
export const SEED_002_OPERATOR_PAUSE = { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['OPERATOR_REQUEST'] }] };

/** Seed 001's example timeline entry, word for word (its description and expected_at are the platform's to write). */
export const SEED_001_ACTIVE_ENTRY = {
  state: 'ACTIVE',
  status: 'COMPLETE',
  description: 'Your device is dispatching.',
  occurred_at: '2023-11-07T05:31:56Z',
  expected_at: '2023-11-07T05:30:02Z',
  suspension_reasons: [],
};

/** Seed 002's state sequence, in its own vocabulary, as far as ACTIVE (with the meter step: AWAITING_LOCATION_TELEMETRY). */
export const SEED_002_ENROLMENT = [
  'AWAITING_CUSTOMER_CONSENT', 'AWAITING_DEVICE_TELEMETRY', 'AWAITING_LOCATION_TELEMETRY', 'CHECKING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE',
];

/** Seed 000's enrolment path without the meter step, as one timeline a provider can submit. */
export const SEED_000_TO_ACTIVE = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'CONFIRMING_DISPATCH', 'AWAITING_ELIGIBILITY', 'AWAITING_REGISTRATION', 'REGISTERED', 'ACTIVE'];

const V2 = { 'Flexroll-Version': '2' };
let serial = 0;

/** Submits to a participation (seed 002's POST), in seed 002's vocabulary when `v2`. */
export function submit(server: TestServer, world: World, participationId: string, body: unknown, options: { v2?: boolean; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const headers = { ...(options.v2 === true ? V2 : {}), ...options.headers };
  return server.post(`/vpp-participations/${participationId}`, { key: world.key, body, headers });
}

/** A new enrollment of Suzie with a device of its own in the world's instance; its participation's id. */
export async function enrollDevice(server: TestServer, world: World): Promise<string> {
  const created = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: `SN-updates-${++serial}` } });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  return created.body.participationId;
}

/** Takes a participation to ACTIVE with one submission of seed 000's whole enrolment path. */
export async function submitToActive(server: TestServer, world: World, participationId: string): Promise<ApiResponse> {
  const active = await submit(server, world, participationId, { participation_state: SEED_000_TO_ACTIVE.map((state) => ({ state })) });
  expect([active.status, active.body.current_state], JSON.stringify(active.body)).to.deep.equal([200, 'ACTIVE']);
  return active;
}

/** The participation's full history (every state change), oldest first. */
export async function historyOf(server: TestServer, world: World, participationId: string): Promise<{ state: string; suspension_reasons: string[]; trigger: string; occurred_at: string }[]> {
  const page = await server.get(`/vpp-participations/${participationId}/history?perPage=100`, { key: world.key });
  expect(page.status).to.equal(200);
  return page.body.data;
}
