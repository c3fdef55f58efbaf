import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import type { BackgroundRunner } from '@flexroll/core';
import { describeOnEachStore } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver, type ReceivedRequest } from '../support/WebhookReceiver.js';

const HOUR = 3_600_000;

/** Issue 18, item 5 and the second rotation: a signing secret is shown once, and every secret keeps its own overlap. */
describeOnEachStore('Webhook signing secrets', (store) => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let runner: BackgroundRunner;
  let key: string;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { coreSettings: LOOPBACK_RECEIVERS, rateLimitPerMinute: 100_000 });
    server.clock.set(new Date());
    receiver = await WebhookReceiver.start();
    runner = server.backgroundRunner(['sweeps']);
    runner.start();
    ({ key } = await server.workspace('Leap Energy'));
  });
  after(async () => {
    await runner?.stop();
    await receiver?.down();
    await server?.stop();
  });
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const create = (headers: Record<string, string> = {}) => server.post('/webhook-endpoints', { key, body: { url: receiver.url, eventTypes: ['enrollment.created'] }, headers });

  /** The secrets (of those given) that verify a test delivery sent now, checked by the official library at the fake clock's time. */
  const verifyingSecrets = async (endpointId: string, secrets: readonly string[]): Promise<string[]> => {
    const test = await server.post(`/webhook-endpoints/${endpointId}/test`, { key });
    expect(test.status, JSON.stringify(test.body)).to.equal(202);
    await receiver.until(() => receiver.received.some((request) => request.payload.id === test.body.eventId));
    const delivery = receiver.received.find((request) => request.payload.id === test.body.eventId)!;
    return secrets.filter((secret) => verifies(delivery, secret, server.clock.now()));
  };

  it('shows a new endpoint’s secret once: the same Idempotency-Key replays the answer without it', async () => {
    const headers = { 'Idempotency-Key': 'create-endpoint-once' };
    const first = await create(headers);
    const again = await create(headers);
    expect([first.status, again.status, again.headers.get('idempotent-replayed')]).to.deep.equal([201, 201, 'true']);
    expect(first.body.secret).to.match(/^whsec_/);
    expect(again.body, 'the replay has no secret').to.not.have.property('secret');
    const { secret: _secret, ...rest } = first.body;
    expect(again.body, 'and is otherwise the same answer').to.deep.equal(rest);
    const listed = await server.get('/webhook-endpoints?perPage=100', { key });
    expect(listed.body.data.filter((endpoint: { id: string }) => endpoint.id === first.body.id), 'created once').to.have.length(1);
  });

  it('shows a rotated secret once: the same Idempotency-Key replays the rotation without it, and does not rotate again', async function () {
    this.timeout(30_000);
    const created = await create();
    const headers = { 'Idempotency-Key': 'rotate-once' };
    const rotated = await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key, headers });
    const again = await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key, headers });
    expect([rotated.status, again.status, again.headers.get('idempotent-replayed')]).to.deep.equal([200, 200, 'true']);
    expect(rotated.body.secret).to.match(/^whsec_/);
    expect(again.body, 'the replay has no secret').to.not.have.property('secret');
    expect(again.body.previousSecretExpiresAt).to.equal(rotated.body.previousSecretExpiresAt);
    expect(await verifyingSecrets(created.body.id, [created.body.secret, rotated.body.secret]), 'one rotation: two secrets sign').to.deep.equal([created.body.secret, rotated.body.secret]);
  });

  it('keeps every rotated-out secret signing until its own 24 h overlap ends, through a second rotation within the first’s', async function () {
    this.timeout(60_000);
    const created = await create();
    const first = created.body.secret as string;
    server.clock.advance(20 * HOUR);
    const second = (await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key })).body.secret as string;
    server.clock.advance(2 * HOUR); // 22 h after creation, within the first rotation's overlap
    const third = await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key });
    expect(third.status).to.equal(200);
    expect(Date.parse(third.body.previousSecretExpiresAt), 'the latest overlap ends 24 h after this rotation').to.equal(server.clock.now().getTime() + 24 * HOUR);
    const all = [first, second, third.body.secret as string];
    expect(await verifyingSecrets(created.body.id, all), 'all three sign within the first overlap').to.deep.equal(all);

    server.clock.advance(23 * HOUR); // 45 h: the first secret's overlap (24 h from its rotation at 20 h) has ended
    expect(await verifyingSecrets(created.body.id, all), 'the first has expired, the second has not').to.deep.equal([second, third.body.secret]);
    server.clock.advance(2 * HOUR); // 47 h: the second's overlap (to 46 h) has ended too
    expect(await verifyingSecrets(created.body.id, all), 'only the current one is left').to.deep.equal([third.body.secret]);
    const shown = await server.get(`/webhook-endpoints/${created.body.id}`, { key });
    expect(Object.keys(shown.body).filter((field) => /secret/i.test(field) && field !== 'previousSecretExpiresAt'), 'no secret, sealed or not, is shown').to.deep.equal([]);
  });

  it('refuses an eleventh rotation while ten rotated-out secrets still sign, saying when it may rotate again', async () => {
    const created = await create();
    for (let n = 0; n < 10; n++) expect((await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key })).status).to.equal(200);
    const refused = await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key });
    expect([refused.status, refused.body.error.code]).to.deep.equal([409, 'secret_rotation_limit']);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(24 * 3600 - 60, 24 * 3600);
    server.clock.advance(24 * HOUR);
    expect((await server.post(`/webhook-endpoints/${created.body.id}/rotate-secret`, { key })).status, 'once they have expired').to.equal(200);
  });
});

/** Whether the official standardwebhooks library verifies the delivery with this secret, at `now` (the fake clock's time). */
function verifies(delivery: ReceivedRequest, secret: string, now: Date): boolean {
  const headers = Object.fromEntries(Object.entries(delivery.headers).map(([name, value]) => [name, String(value)]));
  const realNow = Date.now;
  Date.now = () => now.getTime();
  try {
    new Webhook(secret).verify(delivery.body, headers);
    return true;
  } catch {
    return false;
  } finally {
    Date.now = realNow;
  }
}
