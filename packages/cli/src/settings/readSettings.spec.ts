import { expect } from 'chai';
import { DEFAULT_SERVER_LIMITS } from '@flexroll/api';
import { DEFAULT_CORE_SETTINGS } from '@flexroll/core';
import { coreSettingsOf, readSettings } from './readSettings.js';
import { SETTINGS } from './settingsSchema.js';

const webhookSettings = (env: Record<string, string>) => {
  const { webhookAllowPrivateNetworks, webhookPollIntervalMs, webhookTimeoutMs, webhookLeaseMs } = coreSettingsOf(readSettings(env));
  return { webhookAllowPrivateNetworks, webhookPollIntervalMs, webhookTimeoutMs, webhookLeaseMs };
};

describe(readSettings.name, () => {
  describe('having the webhook dispatcher’s settings (formerly readWebhookSettings)', () => {
    it('when nothing is set, leaves the core’s defaults (private networks refused)', () => {
      expect(webhookSettings({})).to.deep.equal({ webhookAllowPrivateNetworks: false, webhookPollIntervalMs: 250, webhookTimeoutMs: 15_000, webhookLeaseMs: 10_000 });
    });

    it('when told so explicitly, allows private networks, and reads the poll interval', () => {
      expect(webhookSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', FLEXROLL_WEBHOOK_POLL_MS: '50' })).to.deep.include({ webhookAllowPrivateNetworks: true, webhookPollIntervalMs: 50 });
      expect(webhookSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'false' })).to.deep.include({ webhookAllowPrivateNetworks: false });
    });

    it('keeps adapters off private networks unless FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS says so, apart from webhooks', () => {
      const adapters = (env: Record<string, string>) => coreSettingsOf(readSettings(env)).adapterAllowPrivateNetworks;
      expect([adapters({}), adapters({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }), adapters({ FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS: 'true' })]).to.deep.equal([false, false, true]);
      expect(() => readSettings({ FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS: '1' })).to.throw("FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS must be true or false (it is '1').");
    });

    it('when anything else is set, refuses it, naming the variable', () => {
      expect(() => readSettings({ FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'yes' })).to.throw("FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false (it is 'yes').");
      expect(() => readSettings({ FLEXROLL_WEBHOOK_POLL_MS: '5' })).to.throw("FLEXROLL_WEBHOOK_POLL_MS must be a whole number from 10 to 60000 (it is '5').");
      expect(() => readSettings({ FLEXROLL_WEBHOOK_LEASE_MS: '100' })).to.throw("FLEXROLL_WEBHOOK_LEASE_MS must be a whole number from 200 to 3600000 (it is '100').");
      // A lease shorter than a delivery is renewed while the POST runs (ADR 0016): it need not outlast the timeout.
      expect(webhookSettings({ FLEXROLL_WEBHOOK_TIMEOUT_MS: '15000', FLEXROLL_WEBHOOK_LEASE_MS: '5000' })).to.deep.include({ webhookTimeoutMs: 15_000, webhookLeaseMs: 5_000 });
      expect(webhookSettings({ FLEXROLL_WEBHOOK_TIMEOUT_MS: '500', FLEXROLL_WEBHOOK_LEASE_MS: '1000' })).to.deep.include({ webhookTimeoutMs: 500, webhookLeaseMs: 1000 });
    });
  });

  describe('having the variables only the command line reads', () => {
    it('when nothing is set, takes the schema’s defaults and leaves the secrets unset', () => {
      const settings = readSettings({});
      expect(settings).to.deep.include({ adapters: ['@flexroll/plugin-manual'], url: 'http://127.0.0.1:3000' });
      for (const name of ['mongodbUri', 'secretKey', 'adminToken', 'apiKey', 'ferretDbPostgresUrl'] as const) expect(settings, name).to.not.have.property(name);
    });

    it('when set, reads them trimmed, and the adapters as a comma-separated list', () => {
      const settings = readSettings({
        MONGODB_URI: 'mongodb://db:27017/', FLEXROLL_SECRET_KEY: ' c2VjcmV0 ', FLEXROLL_ADMIN_TOKEN: 'fr_admin_x', FLEXROLL_API_KEY: 'fr_test_sk_x',
        FLEXROLL_URL: 'http://flexroll:3000', FLEXROLL_FERRETDB_POSTGRES_URL: 'postgres://pg/db', FLEXROLL_ADAPTERS: ' @acme/a, ./plugins/b ,,',
      });
      expect(settings).to.deep.include({
        mongodbUri: 'mongodb://db:27017/', secretKey: 'c2VjcmV0', adminToken: 'fr_admin_x', apiKey: 'fr_test_sk_x',
        url: 'http://flexroll:3000', ferretDbPostgresUrl: 'postgres://pg/db', adapters: ['@acme/a', './plugins/b'],
      });
    });

    it('when a variable is empty, or a list names nothing, takes the default', () => {
      expect(readSettings({ FLEXROLL_ADAPTERS: ' , ', MONGODB_URI: '', FLEXROLL_ADMIN_TOKEN: '  ' })).to.deep.include({ adapters: ['@flexroll/plugin-manual'] })
        .and.not.have.any.keys('mongodbUri', 'adminToken');
    });
  });

  describe('having defaults owned by the packages below', () => {
    it('when read, takes the core’s and the HTTP server’s own defaults, spelled nowhere else', () => {
      const { adapterTimeoutMs, idempotencyLeaseMs, deviceClaimLeaseMs, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = readSettings({});
      expect({ adapterTimeoutMs, idempotencyLeaseMs, deviceClaimLeaseMs }).to.deep.equal({
        adapterTimeoutMs: DEFAULT_CORE_SETTINGS.adapterTimeoutMs, idempotencyLeaseMs: DEFAULT_CORE_SETTINGS.idempotencyLeaseMs, deviceClaimLeaseMs: DEFAULT_CORE_SETTINGS.deviceClaimLeaseMs,
      });
      expect({ headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs }).to.deep.equal(DEFAULT_SERVER_LIMITS);
    });
  });

  describe('having every declared setting', () => {
    it('when declared, names its variables FLEXROLL_… first (or a documented common name), each once, and says what it sets', () => {
      const variables = SETTINGS.flatMap(([, schema]) => schema.env);
      expect(variables.filter((name, index) => variables.indexOf(name) !== index), 'variables declared twice').to.deep.equal([]);
      for (const [name, schema] of SETTINGS) {
        expect(schema.env[0], name).to.match(/^(FLEXROLL_[A-Z_]+|MONGODB_URI)$/);
        expect(schema.description, name).to.have.length.above(10);
      }
    });
  });
});
