import { expect } from 'chai';
import { type EnrollmentEvent, PAGE_FORM_DEPTH, resolvePort, STORE_TOKENS, type WebhookMessage } from '@flexroll/core';
import { newCuid, newPrefixedId } from '@flexroll/core/testing';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

const BASE = Date.parse('2025-01-01T08:00:00.000Z');

/** An event of one enrollment at `second` seconds after 08:00 (a deletion: the smallest payload the contract accepts). */
function event(workspaceId: string, enrollmentId: string, seq: number, second: number): EnrollmentEvent {
  return {
    id: `evt_${enrollmentId}_${seq}`, workspaceId, enrollmentId, seq, type: 'enrollment.deleted', occurredAt: new Date(BASE + second * 1000).toISOString(),
    actor: { type: 'system', id: 'specs' }, source: 'api', data: {}, batch: { id: `bat_${enrollmentId}_${seq}`, index: 0, size: 1 },
  };
}

/** Every page of a list by cursor, from a first answer on. */
async function followCursor(server: TestServer, key: string, path: string, first: { data: Array<{ id: string }>; nextCursor?: string }): Promise<string[]> {
  const ids = first.data.map((item) => item.id);
  for (let cursor = first.nextCursor; cursor !== undefined; ) {
    const page = await server.get(`${path}${path.includes('?') ? '&' : '?'}limit=7&after=${cursor}`, { key });
    expect(page.status, JSON.stringify(page.body)).to.equal(200);
    expect(page.body).to.have.all.keys(page.body.hasMore === true ? ['data', 'hasMore', 'nextCursor'] : ['data', 'hasMore']);
    ids.push(...page.body.data.map((item: { id: string }) => item.id));
    cursor = page.body.nextCursor;
  }
  return ids;
}

describeOnEachStore('GET /events and the delivery log: the page form for the first pages, the cursor form for any (ADR 0021)', (store) => {
  let server: TestServer;
  let key: string;
  let workspaceId: string;
  const enrollments = [newCuid(), newCuid(), newCuid()];
  let events: EnrollmentEvent[];

  before(async () => {
    server = await TestServer.start(store);
    ({ key, workspaceId } = await server.workspace());
    // 3 enrollments × 10 events, one second apart per enrollment, so the list spans minutes of buckets.
    events = enrollments.flatMap((enrollmentId, n) => Array.from({ length: 10 }, (_, seq) => event(workspaceId, enrollmentId, seq + 1, seq * 37 + n)));
    await resolvePort(server.container, STORE_TOKENS.events).insertMany(events);
  });
  after(async () => {
    expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
    await server.stop();
  });

  it('answers a first page of a longer list without totals and with a nextCursor; the cursor form walks the rest in order', async () => {
    const first = await server.get('/events?perPage=5', { key });
    expect(first.status).to.equal(200);
    expect(first.body).to.have.all.keys('data', 'page', 'perPage', 'nextCursor');
    const ids = await followCursor(server, key, '/events', first.body);
    const inOrder = [...events].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.enrollmentId < b.enrollmentId ? -1 : 1));
    expect(ids).to.deep.equal(inOrder.map((item) => item.id));
  });

  it('gives the totals on the page that reaches the end, and always for one enrollment’s log', async () => {
    const last = await server.get('/events?page=3&perPage=10', { key });
    expect(last.body).to.include({ page: 3, perPage: 10, totalItems: 30, totalPages: 3 });
    const one = await server.get(`/events?enrollmentId=${enrollments[1]}&perPage=3`, { key });
    expect(one.body).to.include({ totalItems: 10, totalPages: 4 });
    expect(one.body.data.map((item: { seq: number }) => item.seq)).to.deep.equal([1, 2, 3]);
  });

  it('filters by type and time in either form', async () => {
    const from = new Date(BASE + 100_000).toISOString();
    const page = await server.get(`/events?type=enrollment.deleted&occurredFrom=${from}&limit=100`, { key });
    expect(page.body.hasMore).to.equal(false);
    expect(page.body.data).to.have.length(events.filter((item) => item.occurredAt >= from).length);
    expect((await server.get('/events?type=enrollment.created&limit=5', { key })).body).to.deep.equal({ data: [], hasMore: false });
  });

  it('refuses a page past the page form’s depth, a mix of the forms, and a cursor it did not hand out, each by name', async () => {
    const deep = await server.get(`/events?page=${PAGE_FORM_DEPTH / 100 + 1}&perPage=100`, { key });
    expect(deep.status).to.equal(400);
    expect(deep.body.error.details).to.deep.include.members([{ field: '/query/page', rule: 'page_form_depth', message: deep.body.error.details[0].message }]);
    expect(deep.body.error.message).to.include('limit and after');
    const mixed = await server.get('/events?page=2&limit=5', { key });
    expect([mixed.status, mixed.body.error.details[0].field, mixed.body.error.details[0].rule]).to.deep.equal([400, '/query/page', 'one_list_form']);
    const forged = await server.get(`/events?after=${Buffer.from('["x"]').toString('base64url')}`, { key });
    expect([forged.status, forged.body.error.details[0].field, forged.body.error.details[0].rule]).to.deep.equal([400, '/query/after', 'cursor']);
  });

  it('walks an endpoint’s delivery log the same way, its state filter with totals', async () => {
    const endpoint = await server.post('/webhook-endpoints', { key, body: { url: 'https://hooks.example.com/flexroll', eventTypes: ['enrollment.deleted'] } });
    expect(endpoint.status, JSON.stringify(endpoint.body)).to.equal(201);
    const messages = events.slice(0, 12).map((item, n): WebhookMessage => ({
      id: newPrefixedId('msg'), workspaceId, endpointId: endpoint.body.id, eventId: item.id, type: item.type, enrollmentId: item.enrollmentId, seq: item.seq, payload: '{}',
      createdAt: new Date(BASE + n * 61_000).toISOString(), state: n % 4 === 0 ? 'failed' : 'delivered', attempts: 1, roundStartedAtAttempt: 0,
    }));
    const port = resolvePort(server.container, STORE_TOKENS.webhookMessages);
    for (const message of messages) await port.insert(message);
    const path = `/webhook-endpoints/${endpoint.body.id}/messages`;
    const first = await server.get(`${path}?perPage=5`, { key });
    expect(first.body).to.have.all.keys('data', 'page', 'perPage', 'nextCursor');
    expect(await followCursor(server, key, path, first.body)).to.deep.equal(messages.map((message) => message.id));
    const failed = await server.get(`${path}?state=failed`, { key });
    expect(failed.body).to.include({ totalItems: 3, totalPages: 1 });
  });
});
