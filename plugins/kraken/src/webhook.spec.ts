import assert from 'node:assert/strict';
import { FlexrollError } from '@flexroll/sdk';
import { receiveKrakenWebhook, signKrakenWebhook } from './webhook.js';

const SECRET = 'whsec-kraken-test-0001';
const NOW = new Date('2025-01-01T09:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({
  events: [{ id: 'krk-evt-1', type: 'device.status', occurredAt: '2025-01-01T08:59:58Z', sequence: 41, externalReference: 'vpo_7c2f1a9e4b0d8f3a6e2c5d10', data: { deviceId: 'krakenflex-device-7f3a', accountNumber: 'A-1234ABCD', status: 'LIVE' } }],
});
const request = (body: string, signature: string | undefined, receivedAt = NOW) => ({
  body: new TextEncoder().encode(body),
  headers: (signature === undefined ? {} : { 'x-kraken-signature': signature }) as Record<string, string>,
  receivedAt,
});
const refusal = (run: () => unknown): FlexrollError => {
  try {
    run();
  } catch (error) {
    if (FlexrollError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('plugins/kraken verifies and reads Kraken’s webhooks', () => {
  it('reads a request signed with the instance’s secret into addressed events', () => {
    const { events } = receiveKrakenWebhook(request(BODY, signKrakenWebhook(SECRET, BODY, T)), SECRET);
    assert.deepEqual(events, [{
      type: 'device.status', payload: { deviceId: 'krakenflex-device-7f3a', accountNumber: 'A-1234ABCD', status: 'LIVE' },
      occurredAt: '2025-01-01T08:59:58.000Z', stream: 'device.status', reference: { kind: 'device', value: 'krakenflex-device-7f3a' },
      id: 'krk-evt-1', sequence: 41, participationId: 'vpo_7c2f1a9e4b0d8f3a6e2c5d10',
    }]);
  });

  for (const [what, signature, receivedAt] of [
    ['no signature', undefined, NOW],
    ['another secret’s signature', signKrakenWebhook('whsec-someone-else-000', BODY, T), NOW],
    ['a signature of another body', signKrakenWebhook(SECRET, BODY.replace('LIVE', 'RETIRED'), T), NOW],
    ['a signature six minutes old', signKrakenWebhook(SECRET, BODY, T - 360), NOW],
    ['a timestamp that is not one', `t=soon,v1=${signKrakenWebhook(SECRET, BODY, T).split('v1=')[1]}`, NOW],
  ] as const) {
    it(`refuses ${what} as unverified (401), reading nothing`, () => {
      const error = refusal(() => receiveKrakenWebhook(request(BODY, signature, receivedAt), SECRET));
      assert.deepEqual([error.kind, error.code], ['unauthorized', 'webhook_unverified']);
    });
  }

  it('refuses a signed body that is not Kraken’s shape as the sender’s input error, naming the field', () => {
    const odd = JSON.stringify({ events: [{ type: 'device.status', occurredAt: '2025-01-01T08:59:58Z', data: {} }] });
    const error = refusal(() => receiveKrakenWebhook(request(odd, signKrakenWebhook(SECRET, odd, T)), SECRET));
    assert.deepEqual([error.kind, error.details.map((detail) => detail.field)], ['input', ['/events/0/data/deviceId']]);
    const notJson = 'events=1';
    assert.equal(refusal(() => receiveKrakenWebhook(request(notJson, signKrakenWebhook(SECRET, notJson, T)), SECRET)).kind, 'input');
  });
});
