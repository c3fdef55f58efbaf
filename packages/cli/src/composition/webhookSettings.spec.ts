import { expect } from 'chai';
import { readWebhookSettings } from './webhookSettings.js';

describe('readWebhookSettings', () => {
  it('leaves the core’s defaults (private networks refused) when nothing is set', () => {
    expect(readWebhookSettings({})).to.deep.equal({});
  });

  it('allows private networks only when told so explicitly, and reads the poll interval', () => {
    expect(readWebhookSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', FLEXROLL_WEBHOOK_POLL_MS: '50' })).to.deep.equal({ webhookAllowPrivateNetworks: true, webhookPollIntervalMs: 50 });
    expect(readWebhookSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' })).to.deep.equal({ webhookAllowPrivateNetworks: false });
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => readWebhookSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'yes' })).to.throw('FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false');
    expect(() => readWebhookSettings({ FLEXROLL_WEBHOOK_POLL_MS: '5' })).to.throw('FLEXROLL_WEBHOOK_POLL_MS must be a whole number from 10 to 60000');
    expect(() => readWebhookSettings({ FLEXROLL_WEBHOOK_LEASE_MS: '10000' })).to.throw('must be longer than FLEXROLL_WEBHOOK_TIMEOUT_MS (15000)');
    expect(readWebhookSettings({ FLEXROLL_WEBHOOK_TIMEOUT_MS: '500', FLEXROLL_WEBHOOK_LEASE_MS: '1000' })).to.deep.equal({ webhookTimeoutMs: 500, webhookLeaseMs: 1000 });
  });
});
