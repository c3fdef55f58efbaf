import 'reflect-metadata';
import assert from 'node:assert/strict';
import { AdapterKit } from '@flexroll/testkit';
import adapter from './index.js';
import { config, operator } from './adapter.spec.js';
import { signStandardWebhook } from './webhook.js';

/** A standard webhook as the operator sends it: one event, its id in `webhook-id`. */
function webhook(id: string, data: { enrollmentId: string; status: string; sequence: number }, now: Date) {
  const body = JSON.stringify({ type: 'battery.status', timestamp: now.toISOString(), data });
  const timestamp = Math.floor(now.getTime() / 1000);
  return { body: new TextEncoder().encode(body), headers: { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signStandardWebhook(config.webhookSecret, id, timestamp, body) } };
}

describe('home-battery receives the operator’s webhooks', () => {
  it('answers an event before the link 503, then applies its redelivery once, and an older event is stale', async () => {
    const kit = new AdapterKit(adapter, 'webhooks', { config, grantedFields: ['email'] });
    const fake = operator(kit.harness.clock).answerOnce('POST', '/v1/enrollments', { status: 201, body: { id: 'hb_0001' } });
    try {
      const enrollment = await kit.start();
      const now = kit.harness.clock.now();
      const enrollmentId = 'hb_0001';
      const invited = webhook('msg_1', { enrollmentId, status: 'INVITED', sequence: 1 }, now);
      // The operator's webhook overtakes the create call's answer: the outbox has not delivered the item that links it.
      const early = await kit.harness.operatorWebhooks.receive(kit.instance.id, invited).catch((error: { code: string }) => error.code);
      assert.equal(early, 'reference_not_linked');
      await kit.harness.outbox.drain();                                            // POST /v1/enrollments → hb_0001, linked
      const [applied] = await kit.harness.operatorWebhooks.receive(kit.instance.id, invited);   // the operator's retry
      const [again] = await kit.harness.operatorWebhooks.receive(kit.instance.id, invited);     // and a duplicate
      assert.deepEqual([applied?.outcome, again?.outcome], ['applied', 'duplicate']);
      await kit.expectState(enrollment.id, 'AWAITING_CONSENT');
      const [paired] = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook('msg_3', { enrollmentId, status: 'PAIRED', sequence: 3 }, now));
      const [late] = await kit.harness.operatorWebhooks.receive(kit.instance.id, webhook('msg_2', { enrollmentId, status: 'REMOVED', sequence: 2 }, now));
      assert.deepEqual([paired?.outcome, late?.outcome], ['applied', 'stale']);
      await kit.expectState(enrollment.id, 'AWAITING_CONSENT');
      const forged = webhook('msg_4', { enrollmentId, status: 'REMOVED', sequence: 4 }, now);
      // Change the signature's first base64 character to a different one, so that the forgery always differs.
      forged.headers['webhook-signature'] = forged.headers['webhook-signature'].replace(/^v1,(.)/, (_, first: string) => `v1,${first === 'A' ? 'B' : 'A'}`);
      await assert.rejects(kit.harness.operatorWebhooks.receive(kit.instance.id, forged), { code: 'webhook_unverified' });
    } finally {
      fake.stop();
    }
  });
});
