import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { FlexrollError } from '../errors/FlexrollError.js';
import { verifyWebhook } from './verifyWebhook.js';

// The Standard Webhooks specification's own test vector.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"test": 2432232314}';
const HEADERS = { 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek', 'webhook-timestamp': '1614265330', 'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' };
const AT = new Date(1614265330 * 1000);

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (error) {
    return FlexrollError.is(error) ? error.code : String(error);
  }
};

describe('verifyWebhook', () => {
  it('accepts the Standard Webhooks test vector and returns the parsed body', () => {
    expect(verifyWebhook(BODY, HEADERS, SECRET, { now: AT })).to.deep.equal({ test: 2432232314 });
    expect(verifyWebhook(Buffer.from(BODY), new Headers(HEADERS), [SECRET], { now: AT })).to.deep.equal({ test: 2432232314 });
  });

  it('accepts any one of several signatures, and any one of several secrets (a rotation)', () => {
    const other = 'whsec_' + Buffer.alloc(24, 1).toString('base64');
    const headers = { ...HEADERS, 'webhook-signature': `v1,bm90IGl0 ${HEADERS['webhook-signature']}` };
    expect(verifyWebhook(BODY, headers, [other, SECRET], { now: AT })).to.deep.equal({ test: 2432232314 });
  });

  it('refuses a body changed by one byte, another secret, a stale or future timestamp, and missing headers', () => {
    expect(codeOf(() => verifyWebhook(BODY.replace('4}', '5}'), HEADERS, SECRET, { now: AT }))).to.equal('webhook_signature_invalid');
    expect(codeOf(() => verifyWebhook(BODY, HEADERS, 'whsec_' + Buffer.alloc(24).toString('base64'), { now: AT }))).to.equal('webhook_signature_invalid');
    expect(codeOf(() => verifyWebhook(BODY, HEADERS, SECRET, { now: new Date(AT.getTime() + 301_000) }))).to.equal('webhook_timestamp_invalid');
    expect(codeOf(() => verifyWebhook(BODY, HEADERS, SECRET, { now: new Date(AT.getTime() - 301_000) }))).to.equal('webhook_timestamp_invalid');
    expect(codeOf(() => verifyWebhook(BODY, { ...HEADERS, 'webhook-signature': undefined }, SECRET, { now: AT }))).to.equal('webhook_headers_missing');
  });

  it('refuses a signature made over another id or timestamp (the signed content binds them)', () => {
    const sign = (content: string) => `v1,${createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64')).update(content).digest('base64')}`;
    const forged = { ...HEADERS, 'webhook-signature': sign(`msg_other.1614265330.${BODY}`) };
    expect(codeOf(() => verifyWebhook(BODY, forged, SECRET, { now: AT }))).to.equal('webhook_signature_invalid');
  });
});
