import { expect } from 'chai';
import { SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import type { TestServer } from '../support/TestServer.js';
import { deliveringStage } from '../support/deliveringStage.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';
import type { World } from '../support/World.js';

interface LoggedMessage {
  readonly id: string;
  readonly eventId: string;
  readonly type: string;
  readonly enrollmentId: string | null;
  readonly state: string;
  readonly createdAt: string;
  readonly attempts: number;
  readonly series: number;
  readonly totalAttempts: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 18: the delivery log filtered by enrollment, event type, state and creation time; a replay refused on a
 * disabled endpoint; and each replay beginning a new attempt series with its own failure budget.
 */
describeOnEachStore('The webhook delivery log: filters, replays and attempt series', (store) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let world: World;
  deliveringStage(store, LOOPBACK_RECEIVERS, 'Octopus Energy', (stage) => ({ server, receiver, world } = stage));
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const endpoint = async (eventTypes: readonly string[]) => {
    const created = await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body.id as string;
  };
  const log = async (endpointId: string, query = ''): Promise<LoggedMessage[]> => {
    const answer = await server.get(`/webhook-endpoints/${endpointId}/messages?perPage=100${query}`, { key: world.key });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    return answer.body.data as LoggedMessage[];
  };
  const messageOf = async (endpointId: string, messageId: string): Promise<LoggedMessage> => (await log(endpointId)).find((message) => message.id === messageId)!;
  const enroll = async (serialNumber: string) => {
    const enrolled = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber } });
    expect(enrolled.status, JSON.stringify(enrolled.body)).to.equal(201);
    const patched = await server.patch(`/enrollments/${enrolled.body.id}`, { key: world.key, body: { status: 'ineligible', reason: 'Outside service area' } });
    expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
    return enrolled.body.id as string;
  };
  const settled = async (endpointId: string, count: number) => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const messages = await log(endpointId);
      if (messages.length >= count && messages.every((message) => message.state !== 'pending')) return messages;
      if (Date.now() > deadline) throw new Error(`the log did not settle at ${count} messages: ${JSON.stringify(messages.map((message) => [message.type, message.state]))}`);
      await pause(50);
    }
  };

  it('filters by enrollment, event type, state and creation time, in both list forms, and names a bad filter', async function () {
    this.timeout(60_000);
    const id = await endpoint(['enrollment.created', 'enrollment.status_changed']);
    const first = await enroll('SN-LOG-1');
    const earlier = await settled(id, 2);
    await pause(1_100); // the second enrollment's messages fall in a later second of the log
    const second = await enroll('SN-LOG-2');
    const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
    const all = await settled(id, 5);
    const ids = (messages: readonly LoggedMessage[]) => messages.map((message) => message.id);
    const where = (keep: (message: LoggedMessage) => boolean) => ids(all.filter(keep));

    expect(all.map((message) => [message.enrollmentId, message.type])).to.have.deep.members([
      [first, 'enrollment.created'], [first, 'enrollment.status_changed'], [second, 'enrollment.created'], [second, 'enrollment.status_changed'], [null, 'webhook.test'],
    ]);
    expect(ids(await log(id, `&enrollmentId=${first}`))).to.deep.equal(where((message) => message.enrollmentId === first)).and.have.length(2);
    expect(ids(await log(id, '&type=enrollment.status_changed'))).to.deep.equal(where((message) => message.type === 'enrollment.status_changed')).and.have.length(2);
    expect(ids(await log(id, '&type=webhook.test,enrollment.created'))).to.deep.equal(where((message) => message.type !== 'enrollment.status_changed')).and.have.length(3);
    expect(ids(await log(id, `&enrollmentId=${second}&type=enrollment.created`))).to.deep.equal(where((message) => message.enrollmentId === second && message.type === 'enrollment.created')).and.have.length(1);
    expect(ids(await log(id, '&state=delivered&type=webhook.test'))).to.deep.equal([test.body.id]);
    expect(await log(id, '&state=failed')).to.deep.equal([]);

    const lastEarlier = earlier.map((message) => message.createdAt).sort().at(-1)!;
    const firstLater = all.filter((message) => message.enrollmentId !== first).map((message) => message.createdAt).sort()[0]!;
    expect(ids(await log(id, `&createdTo=${encodeURIComponent(lastEarlier)}`))).to.deep.equal(where((message) => message.enrollmentId === first));
    expect(ids(await log(id, `&createdFrom=${encodeURIComponent(firstLater)}`))).to.deep.equal(where((message) => message.enrollmentId !== first));
    // The same instant with an offset names the same window.
    const offset = new Date(Date.parse(firstLater) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(ids(await log(id, `&createdFrom=${encodeURIComponent(offset)}&type=enrollment.created`))).to.deep.equal(where((message) => message.enrollmentId === second && message.type === 'enrollment.created'));
    expect(await log(id, `&enrollmentId=${first}&createdFrom=${encodeURIComponent(firstLater)}`)).to.deep.equal([]);

    // The cursor form walks the same filtered list, a message a page.
    const walked: string[] = [];
    let after: string | undefined;
    do {
      const page = await server.get(`/webhook-endpoints/${id}/messages?limit=1&type=enrollment.created,enrollment.status_changed${after === undefined ? '' : `&after=${after}`}`, { key: world.key });
      expect(page.status, JSON.stringify(page.body)).to.equal(200);
      walked.push(...ids(page.body.data as LoggedMessage[]));
      after = page.body.nextCursor as string | undefined;
    } while (after !== undefined);
    expect(walked).to.deep.equal(where((message) => message.type !== 'webhook.test'));

    for (const [query, field] of [
      ['type=enrollment.bogus', '/query/type'], ['type=', '/query/type'], ['type=,', '/query/type'], ['enrollmentId=not-an-id', '/query/enrollmentId'], ['state=lost', '/query/state'],
      ['createdFrom=yesterday', '/query/createdFrom'], ['createdTo=2030-13-01T00:00:00Z', '/query/createdTo'],
      ['createdFrom=2030-01-02T00:00:00Z&createdTo=2030-01-01T00:00:00Z', '/query/createdTo'],
    ] as const) {
      const refused = await server.get(`/webhook-endpoints/${id}/messages?${query}`, { key: world.key });
      expect([refused.status, refused.body.error?.details?.map((detail: { field: string }) => detail.field)], query).to.deep.equal([400, [field]]);
    }
  });

  it('refuses a replay on a disabled endpoint with 409 endpoint_disabled, changing nothing, and replays once it is enabled', async function () {
    this.timeout(30_000);
    const id = await endpoint(['enrollment.created']);
    const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
    const [delivered] = await settled(id, 1);
    expect(delivered).to.deep.include({ state: 'delivered' });
    expect((await server.patch(`/webhook-endpoints/${id}`, { key: world.key, body: { disabled: true } })).status).to.equal(200);

    const refused = await server.post(`/webhook-endpoints/${id}/messages/${test.body.id}/replay`, { key: world.key });
    expect([refused.status, refused.body.error?.code]).to.deep.equal([409, 'endpoint_disabled']);
    expect(refused.body.error.message).to.include('is disabled (reason: manual)').and.include(`PATCH /webhook-endpoints/${id} {"disabled": false}`);
    const refusedAll = await server.post(`/webhook-endpoints/${id}/replay-failed`, { key: world.key, body: { since: '2020-01-01T00:00:00Z' } });
    expect([refusedAll.status, refusedAll.body.error?.code]).to.deep.equal([409, 'endpoint_disabled']);
    expect(await messageOf(id, test.body.id)).to.deep.equal(delivered);
    const missing = await server.post(`/webhook-endpoints/${id}/messages/msg_00000000000000000000dead/replay`, { key: world.key });
    expect(missing.status, 'a message that is not there is still a 404').to.equal(404);

    expect((await server.patch(`/webhook-endpoints/${id}`, { key: world.key, body: { disabled: false } })).status).to.equal(200);
    const replayed = await server.post(`/webhook-endpoints/${id}/messages/${test.body.id}/replay`, { key: world.key });
    expect([replayed.status, replayed.body.state, replayed.body.series]).to.deep.equal([202, 'pending', 2]);
    await receiver.until(() => receiver.received.filter((request) => request.payload.id === test.body.eventId).length >= 2);
  });

  it('begins a new attempt series at each replay, with its own failure budget, and keeps the earlier attempts', async function () {
    this.timeout(30_000);
    const id = await endpoint(['enrollment.created']);
    let failing = true;
    receiver.answer = () => (failing ? { status: 500 } : { status: 204 });
    try {
      const test = await server.post(`/webhook-endpoints/${id}/test`, { key: world.key });
      const sent = () => receiver.received.filter((request) => request.payload.id === test.body.eventId).length;
      const [failed] = await settled(id, 1);
      expect(failed).to.deep.include({ state: 'failed', attempts: 4, series: 1, totalAttempts: 4 });

      const replayed = await server.post(`/webhook-endpoints/${id}/messages/${test.body.id}/replay`, { key: world.key });
      expect(replayed.status).to.equal(202);
      expect(replayed.body).to.deep.include({ state: 'pending', attempts: 0, series: 2, totalAttempts: 4 });
      await receiver.until(() => sent() >= 8, 15_000, 'the second series');
      const [failedAgain] = await settled(id, 1);
      await pause(800); // past the schedule's last wait: a spent budget sends nothing more
      expect(sent(), 'four attempts in each series').to.equal(8);
      expect(await messageOf(id, test.body.id)).to.deep.include({ id: failedAgain!.id, state: 'failed', attempts: 4, series: 2, totalAttempts: 8 });

      failing = false;
      const replayedAll = await server.post(`/webhook-endpoints/${id}/replay-failed`, { key: world.key, body: { since: '2020-01-01T00:00:00Z' } });
      expect([replayedAll.status, replayedAll.body]).to.deep.equal([202, { replayed: 1 }]);
      const [delivered] = await settled(id, 1);
      expect(delivered).to.deep.include({ state: 'delivered', attempts: 1, series: 3, totalAttempts: 9, lastStatusCode: 204 });
      const attempts = (await server.get(`/webhook-endpoints/${id}/messages/${test.body.id}/attempts`, { key: world.key })).body.data as Array<Record<string, unknown>>;
      expect(attempts.map((attempt) => [attempt.series, attempt.attempt, attempt.statusCode, attempt.outcome])).to.deep.equal([
        [1, 1, 500, 'failed'], [1, 2, 500, 'failed'], [1, 3, 500, 'failed'], [1, 4, 500, 'failed'],
        [2, 5, 500, 'failed'], [2, 6, 500, 'failed'], [2, 7, 500, 'failed'], [2, 8, 500, 'failed'],
        [3, 9, 204, 'succeeded'],
      ]);
    } finally {
      receiver.answer = () => ({ status: 204 });
    }
  });
});
