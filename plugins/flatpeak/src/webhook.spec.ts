import assert from 'node:assert/strict';
import { FlexrollError } from '@flexroll/sdk';
import { receiveFlatpeakWebhook, signFlatpeakWebhook } from './webhook.js';
import { FLATPEAK_TEST_CONFIG, REMOTE_ID, remoteObject } from './test-support/flatpeakFixtures.js';

const NOW = new Date('2025-01-01T09:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({ type: 'vpp-participation.updated', data: remoteObject('REGISTERED', { reference_id: 'vpo_000000000000000000000001' }) });
const request = (headers: Record<string, string>, body = BODY) => ({ body: new TextEncoder().encode(body), headers, receivedAt: NOW });
const signed = (body = BODY, secret: string = FLATPEAK_TEST_CONFIG.webhookSecret, at = T) => ({ 'webhook-id': 'msg_1', 'webhook-timestamp': String(at), 'webhook-signature': signFlatpeakWebhook(secret, 'msg_1', at, body) });

describe('plugins/flatpeak verifies the remote’s webhooks (Standard Webhooks)', () => {
  it('reads a signed update into one event addressed by both ids', () => {
    const [event] = receiveFlatpeakWebhook(request(signed()), FLATPEAK_TEST_CONFIG.webhookSecret).events;
    assert.deepEqual([event?.type, event?.reference, event?.participationId, event?.id, event?.occurredAt], [
      'participation.updated', { kind: 'participation', value: REMOTE_ID }, 'vpo_000000000000000000000001', 'msg_1', '2023-11-07T05:31:56.000Z',
    ]);
  });

  it('accepts any of several signatures (a secret being rotated)', () => {
    const headers = signed();
    headers['webhook-signature'] = `v1,c29tZXRoaW5nIGVsc2U= ${headers['webhook-signature']}`;
    assert.equal(receiveFlatpeakWebhook(request(headers), FLATPEAK_TEST_CONFIG.webhookSecret).events.length, 1);
  });

  it('acknowledges a signed body that is no participation update with no events', () => {
    for (const body of ['null', '[]', JSON.stringify({ type: 'vpp-participation.created', data: remoteObject('REGISTERED') }), JSON.stringify({ type: 'vpp-participation.updated', data: { id: 7 } })]) {
      assert.deepEqual(receiveFlatpeakWebhook(request(signed(body), body), FLATPEAK_TEST_CONFIG.webhookSecret).events, [], body);
    }
  });

  for (const [what, headers] of [
    ['no webhook-id', { ...signed(), 'webhook-id': '' }],
    ['another secret', signed(BODY, `whsec_${Buffer.from('someone-else-entirely-000').toString('base64')}`)],
    ['a changed body', signed(BODY.replace('REGISTERED', 'ACTIVE'))],
    ['a timestamp ten minutes old', signed(BODY, FLATPEAK_TEST_CONFIG.webhookSecret, T - 600)],
  ] as const) {
    it(`refuses ${what} as unverified`, () => {
      assert.throws(() => receiveFlatpeakWebhook(request(headers), FLATPEAK_TEST_CONFIG.webhookSecret), (error: unknown) => FlexrollError.is(error) && error.code === 'webhook_unverified');
    });
  }
});
