import { expect } from 'chai';
import { DEFAULT_SERVER_SETTINGS, readServerSettings } from './serverSettings.js';

describe('readServerSettings', () => {
  it('takes the defaults when nothing is set, or a variable is empty', () => {
    expect(readServerSettings({})).to.deep.equal(DEFAULT_SERVER_SETTINGS);
    expect(readServerSettings({ FLEXROLL_PORT: '', FLEXROLL_LOG_LEVEL: '  ' })).to.deep.equal(DEFAULT_SERVER_SETTINGS);
  });

  it('declares the defaults the README documents', () => {
    expect(DEFAULT_SERVER_SETTINGS).to.deep.equal({
      port: 3000, host: '127.0.0.1', rateLimitPerMinute: 600, bodyLimit: '100kb', adapterTimeoutMs: 5000, logLevel: 'info',
      failedAuthPerMinute: 60, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5000,
      idempotencyLeaseMs: 30_000, deviceClaimLeaseMs: 10_000, workspaceConcurrentRequests: 8, workspaceConcurrentListReads: 2, workspaceQueueWaitMs: 2000,
      failedSignInsPerEmailPerMinute: 10, trustProxy: 'false',
    });
  });

  it('reads every setting, the FLEXROLL_ name before the common one', () => {
    const settings = readServerSettings({
      FLEXROLL_PORT: '8080', PORT: '9999', HOST: '0.0.0.0', FLEXROLL_RATE_LIMIT_PER_MINUTE: '12000',
      FLEXROLL_BODY_LIMIT: '1mb', FLEXROLL_ADAPTER_TIMEOUT_MS: '2500', LOG_LEVEL: 'warn', FLEXROLL_FAILED_AUTH_PER_MINUTE: '20',
      FLEXROLL_HEADERS_TIMEOUT_MS: '4000', FLEXROLL_REQUEST_TIMEOUT_MS: '8000', FLEXROLL_KEEP_ALIVE_TIMEOUT_MS: '1000',
      FLEXROLL_IDEMPOTENCY_LEASE_MS: '5000', FLEXROLL_DEVICE_CLAIM_LEASE_MS: '3000',
      FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS: '3', FLEXROLL_WORKSPACE_CONCURRENT_LIST_READS: '1', FLEXROLL_WORKSPACE_QUEUE_WAIT_MS: '0',
      FLEXROLL_FAILED_SIGN_INS_PER_EMAIL_PER_MINUTE: '5', FLEXROLL_TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(settings).to.deep.equal({
      port: 8080, host: '0.0.0.0', rateLimitPerMinute: 12000, bodyLimit: '1mb', adapterTimeoutMs: 2500, logLevel: 'warn',
      failedAuthPerMinute: 20, headersTimeoutMs: 4000, requestTimeoutMs: 8000, keepAliveTimeoutMs: 1000,
      idempotencyLeaseMs: 5000, deviceClaimLeaseMs: 3000, workspaceConcurrentRequests: 3, workspaceConcurrentListReads: 1, workspaceQueueWaitMs: 0,
      failedSignInsPerEmailPerMinute: 5, trustProxy: 'loopback, 10.0.0.0/8',
    });
  });

  for (const [name, value, rule] of [
    ['FLEXROLL_PORT', '70000', 'a whole number from 0 to 65535'],
    ['FLEXROLL_RATE_LIMIT_PER_MINUTE', '0', 'a whole number from 1'],
    ['FLEXROLL_RATE_LIMIT_PER_MINUTE', '1e3', 'a whole number from 1'],
    ['FLEXROLL_BODY_LIMIT', 'lots', 'a size such as 100kb'],
    ['FLEXROLL_ADAPTER_TIMEOUT_MS', '-5', 'a whole number from 1'],
    ['FLEXROLL_LOG_LEVEL', 'loud', 'one of error, warn, info'],
    ['FLEXROLL_HEADERS_TIMEOUT_MS', '50', 'a whole number from 100'],
    ['FLEXROLL_FAILED_AUTH_PER_MINUTE', '0', 'a whole number from 1'],
    ['FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS', '0', 'a whole number from 1'],
  ] as const) {
    it(`refuses ${name}=${value}, naming the variable and the rule`, () => {
      expect(() => readServerSettings({ [name]: value })).to.throw(`${name} must be ${rule}`);
    });
  }
});
