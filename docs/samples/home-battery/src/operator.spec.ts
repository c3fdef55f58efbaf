import 'reflect-metadata';
import assert from 'node:assert/strict';
import { AdapterKit, reachState } from '@flexroll/testkit';
import adapter from './index.js';
import { config, operator } from './adapter.spec.js';

describe('home-battery calls its operator', () => {
  it('creates the customer at the operator with the granted e-mail, waits out a 429 with Retry-After: 30, and keeps one key', async () => {
    const kit = new AdapterKit(adapter, 'create', { config, grantedFields: ['email'], customer: { email: 'ada@example.com' } });
    const fake = operator(kit.harness.clock).rateLimit('POST', '/v1/enrollments', 30);
    try {
      const enrollment = await kit.start();
      await kit.harness.outbox.drain();                       // POST → 429, Retry-After: 30: the item waits 30 s
      kit.harness.clock.advance(29_000);
      await kit.harness.outbox.drain();                       // not due yet
      assert.equal(fake.requestsTo('POST', '/v1/enrollments').length, 1);
      kit.harness.clock.advance(1_000);
      await kit.harness.outbox.drain();                       // POST → 201
      const [limited, created] = fake.requestsTo('POST', '/v1/enrollments');
      assert.equal(created!.at.getTime() - limited!.at.getTime(), 30_000);
      assert.deepEqual(created!.body, { email: 'ada@example.com', serialNumber: enrollment.serialNumber, externalReference: enrollment.participation!.id });
      assert.equal(created!.headers['idempotency-key'], limited!.headers['idempotency-key']);
      assert.deepEqual(fake.requestsTo('POST', '/oauth/token').map((request) => request.body), [{ grant_type: 'client_credentials', client_id: 'flexroll', client_secret: config.clientSecret }]);
      const linked = await kit.harness.operatorReferences.find(kit.instance, { kind: 'hb-enrollment', value: `hb_${String(created!.headers['idempotency-key']).slice(-8)}` });
      assert.equal(linked, enrollment.participation!.id);
      fake.done();
    } finally {
      fake.stop();
    }
  });

  it('deletes the operator enrollment once, when the customer unenrols', async () => {
    const kit = new AdapterKit(adapter, 'delete', { config, grantedFields: ['email'] });
    const fake = operator(kit.harness.clock);
    try {
      const active = await reachState(kit, 'ACTIVE');
      await kit.harness.outbox.drain();
      await kit.harness.enrollments.update(kit.context, active.id, { status: 'unenrolled' });
      await kit.harness.outbox.drain();
      const [id] = fake.requestsTo('POST', '/v1/enrollments').map((request) => `hb_${String(request.headers['idempotency-key']).slice(-8)}`);
      assert.deepEqual(fake.requestsTo('DELETE', /.*/).map((request) => request.path), [`/v1/enrollments/${id}`]);
      await kit.expectNoAdapterFailures(active.id);
    } finally {
      fake.stop();
    }
  });
});
