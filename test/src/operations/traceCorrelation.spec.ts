import { expect } from 'chai';
import type { BackgroundRunner } from '@flexroll/core';
import { SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';
import { LOOPBACK_RECEIVERS, WebhookReceiver } from '../support/WebhookReceiver.js';
import { buildWorld, type World } from '../support/World.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

/** Correlation (issue 23, item 5): a W3C traceparent accepted or started per request, logged, and sent on. */
describeOnEachStore('Trace context: accepted or started per request, in its log line, and on each webhook delivery', (store) => {
  let server: TestServer;
  let world: World;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { systemClock: true, coreSettings: LOOPBACK_RECEIVERS, rateLimitPerMinute: 100_000 });
    world = await buildWorld(server, 'Leap Energy');
  });
  after(async () => server?.stop());

  const requestLine = (traceId: string) => server.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.message === 'request' && line.traceId === traceId);

  it('continues the caller’s trace: traceresponse and the request’s log line carry its trace id', async () => {
    const answer = await server.get('/programs', { key: world.key, headers: { traceparent: `00-${TRACE}-00f067aa0ba902b7-01` } });
    expect(answer.status).to.equal(200);
    const [, traceId, spanId] = TRACEPARENT.exec(answer.headers.get('traceresponse') ?? '') ?? [];
    expect([traceId, spanId === '00f067aa0ba902b7']).to.deep.equal([TRACE, false]);
    expect(requestLine(TRACE), 'the request line names the trace').to.include({ route: 'GET /programs', status: 200 });
  });

  it('replaces a malformed traceparent with a new trace rather than refusing the request', async () => {
    for (const bad of ['00-zz', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${TRACE.toUpperCase()}-00f067aa0ba902b7-01`]) {
      const answer = await server.get('/programs', { key: world.key, headers: { traceparent: bad } });
      expect(answer.status, bad).to.equal(200);
      const [, traceId] = TRACEPARENT.exec(answer.headers.get('traceresponse') ?? '') ?? [];
      expect(traceId, bad).to.match(/^[0-9a-f]{32}$/).and.not.equal(TRACE).and.not.equal('0'.repeat(32));
      expect(requestLine(traceId!), bad).to.not.equal(undefined);
    }
  });

  it('sends a traceparent with each webhook delivery, the same trace on every attempt at one message', async function () {
    this.timeout(60_000);
    const receiver = await WebhookReceiver.start();
    const runner: BackgroundRunner = server.backgroundRunner(['sweeps']);
    try {
      await server.post('/webhook-endpoints', { key: world.key, body: { url: receiver.url, eventTypes: ['enrollment.created'] } });
      let served = 0;
      receiver.answer = () => (++served === 1 ? { status: 500 } : { status: 204 });
      await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: 'SN-TRACE-1' } });
      runner.start();
      await receiver.until(() => receiver.received.length >= 2, 30_000, 'a failed attempt and its retry');
      const [first, second] = receiver.received.map((request) => TRACEPARENT.exec(String(request.headers.traceparent ?? '')));
      expect(first, 'a traceparent on the POST').to.not.equal(null);
      expect(second?.[1], 'the retry carries the same trace').to.equal(first?.[1]);
      expect(receiver.received[0]!.headers['webhook-id']).to.equal(receiver.received[1]!.headers['webhook-id']);
    } finally {
      await runner.stop();
      await receiver.down().catch(() => undefined);
    }
  });
});
