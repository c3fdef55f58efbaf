import { createHmac } from 'node:crypto';
import { ADMIN_TOKEN, type TestServer } from './TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './fixtures.js';
import { SEED_002_ENROLMENT, SEED_002_OPERATOR_PAUSE } from './participationUpdates.js';
import type { WebhookReceiver } from './WebhookReceiver.js';

/** One exchange as the client saw it: the body is the raw text, so a byte that moves shows. */
export interface RecordedExchange {
  readonly label: string;
  readonly request: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** Headers that say nothing about the API's answer (the transport's and the clock's). */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
/** Webhook request headers that belong to the HTTP client, not to the message. */
const WEBHOOK_HEADERS = ['content-type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'];

/** Drives a fixed series of requests through HTTP and keeps each answer as it was written. */
class Recorder {
  readonly exchanges: RecordedExchange[] = [];
  constructor(private readonly server: TestServer) {}

  async send(label: string, method: string, path: string, options: { key?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<any> {
    const headers: Record<string, string> = { ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }), ...options.headers };
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.server.base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const kept: Record<string, string> = {};
    for (const [name, value] of [...response.headers].sort(([a], [b]) => a.localeCompare(b))) if (!TRANSPORT_HEADERS.has(name)) kept[name] = value;
    this.exchanges.push({ label, request: `${method} ${path}`, status: response.status, headers: kept, body: text });
    // A second between requests, so records made by different requests never tie on their time.
    this.server.clock.advance(1000);
    return text === '' ? undefined : JSON.parse(text);
  }
}

/**
 * The recorded-responses scenario (issue 17): a few dozen requests over the main routes, the seeds' examples, both
 * vocabularies and the usual errors, then the webhook messages they caused. Deterministic on a ManualClock except for
 * ids, secrets and request ids, which `normaliseRecording` replaces.
 */
export async function runRecordedScenario(server: TestServer, receiver: WebhookReceiver): Promise<RecordedExchange[]> {
  const r = new Recorder(server);
  const { key } = await server.workspace('Recorded Energy');
  const V2 = { 'Flexroll-Version': '2' };

  const program = await r.send('create a program (seed 001 programme)', 'POST', '/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
  await r.send('get the program', 'GET', `/programs/${program.id}`, { key });
  await r.send('list programs', 'GET', '/programs', { key });
  const instance = await r.send('create a program instance', 'POST', '/programInstances', { key, body: { programId: program.id, name: 'Recorded 2025' } });
  await r.send('get the program instance', 'GET', `/programInstances/${instance.id}`, { key });
  await r.send('patch the program instance', 'PATCH', `/programInstances/${instance.id}`, { key, body: { meterAccessRequired: true } });
  await r.send('list program instances', 'GET', '/programInstances', { key });
  const endpoint = await r.send('create a webhook endpoint', 'POST', '/webhook-endpoints', {
    key, body: { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'participation.state_changed'] },
  });
  await r.send('get the webhook endpoint', 'GET', `/webhook-endpoints/${endpoint.id}`, { key });
  await r.send('list webhook endpoints', 'GET', '/webhook-endpoints', { key });

  const suzie = await r.send('create seed 004’s example enrollment', 'POST', `/programInstances/${instance.id}/enrollments`, { key, body: SUZIE });
  await r.send('get the enrollment', 'GET', `/enrollments/${suzie.id}`, { key });
  await r.send('patch the enrollment', 'PATCH', `/enrollments/${suzie.id}`, { key, body: { phone: '+1987654321', tags: ['tag1', 'recorded'] } });
  const other = await r.send('create a second enrollment', 'POST', `/programInstances/${instance.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: 'SN-RECORDED-2' } });
  await r.send('move the second enrollment to ineligible', 'PATCH', `/enrollments/${other.id}`, { key, body: { status: 'ineligible', reason: 'Outside service area' } });
  await r.send('list enrollments', 'GET', `/programInstances/${instance.id}/enrollments`, { key });

  const pid = suzie.participationId;
  await r.send('get the participation', 'GET', `/vpp-participations/${pid}`, { key });
  await r.send('get the participation in seed 002’s vocabulary', 'GET', `/vpp-participations/${pid}`, { key, headers: V2 });
  await r.send('trigger consent_requested', 'POST', `/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'consent_requested' } });
  await r.send('illegal trigger', 'POST', `/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'device_live' } });
  await r.send('illegal trigger in seed 002’s vocabulary', 'POST', `/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'device_live' }, headers: V2 });
  for (const state of SEED_002_ENROLMENT.slice(1)) {
    await r.send(`submit ${state} in seed 002’s vocabulary`, 'POST', `/vpp-participations/${pid}`, { key, body: { participation_state: [{ state }] }, headers: V2 });
  }
  await r.send('submit seed 002’s operator pause (v1)', 'POST', `/vpp-participations/${pid}`, { key, body: SEED_002_OPERATOR_PAUSE });
  await r.send('submit it again (v2)', 'POST', `/vpp-participations/${pid}`, { key, body: SEED_002_OPERATOR_PAUSE, headers: V2 });
  await r.send('get the participation after the seed-002 path', 'GET', `/vpp-participations/${pid}`, { key });
  await r.send('participation history', 'GET', `/vpp-participations/${pid}/history`, { key });
  await r.send('get the enrollment after the seed-002 path', 'GET', `/enrollments/${suzie.id}`, { key });
  await r.send('events list', 'GET', '/events?perPage=100', { key });
  await r.send('events of one enrollment', 'GET', `/events?enrollmentId=${suzie.id}&perPage=5`, { key });

  await r.send('400 a body missing fields', 'POST', `/programInstances/${instance.id}/enrollments`, { key, body: { identificationType: 'customerInfo' } });
  await r.send('400 malformed JSON', 'POST', `/vpp-participations/${pid}/triggers`, { key, raw: '{"trigger":' });
  await r.send('400 an unknown trigger', 'POST', `/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'teleport' } });
  await r.send('404 an unknown enrollment', 'GET', '/enrollments/cm0000000000000000000000', { key });
  await r.send('404 an unknown participation', 'GET', '/vpp-participations/vpo_000000000000000000000000', { key });
  await r.send('404 an unknown route', 'GET', '/no-such-route', { key });
  await r.send('409 the same device again', 'POST', `/programInstances/${instance.id}/enrollments`, { key, body: SUZIE });
  await r.send('401 no key', 'GET', `/enrollments/${suzie.id}`);
  await r.send('401 a wrong key', 'GET', `/enrollments/${suzie.id}`, { key: 'fr_live_wrong' });

  // Delivery starts only now, so its writes never interleave with the requests above.
  const runner = server.backgroundRunner(['sweeps']);
  runner.start();
  try {
    await receiver.until(() => receiver.received.length >= eventCount(r), 15_000, 'the recorded webhook messages');
  } finally {
    await runner.stop();
  }
  return [...r.exchanges, ...webhookExchanges(receiver, r, endpoint.secret)];
}

/** The events the endpoint subscribes to, as the last events list counted them. */
function eventCount(r: Recorder): number {
  const list = [...r.exchanges].reverse().find((exchange) => exchange.label === 'events list');
  return list === undefined ? 0 : (JSON.parse(list.body) as { data: unknown[] }).data.length;
}

/** The webhook messages received, in the events list's order (delivery order across enrollments is not fixed). */
function webhookExchanges(receiver: WebhookReceiver, r: Recorder, secret: string): RecordedExchange[] {
  const list = [...r.exchanges].reverse().find((exchange) => exchange.label === 'events list');
  const order = (JSON.parse(list!.body) as { data: { id: string }[] }).data.map((event) => event.id);
  // Standard Webhooks' signature over `id.timestamp.body`, checked here (the time is the manual clock's, so a
  // verifier that compares it with now would refuse it), then recorded as checked.
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const verified = (body: string, headers: Record<string, string>) => {
    const expected = `v1,${createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest('base64')}`;
    return headers['webhook-signature']!.split(' ').includes(expected) ? '<signed with the endpoint’s secret>' : '<NOT signed with the endpoint’s secret>';
  };
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : Number.MAX_SAFE_INTEGER);
  return [...receiver.received]
    .sort((a, b) => rank(a.payload.id) - rank(b.payload.id))
    .map((request) => ({
      label: `webhook ${request.payload.type} seq ${request.payload.seq}`,
      request: 'POST (webhook)',
      status: 0,
      headers: Object.fromEntries(WEBHOOK_HEADERS.map((name) => [name, name === 'webhook-signature' ? verified(request.body, headersOf(request)) : String(request.headers[name])])),
      body: request.body,
    }));
}

const headersOf = (request: { headers: Record<string, string | string[] | undefined> }) => Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
