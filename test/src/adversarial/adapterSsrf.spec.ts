import { expect } from 'chai';
import { AdapterOutboxTask, type ResolveAll } from '@flexroll/core';
import { rawRequest } from '../support/rawRequest.js';
import { RecordingListener } from '../support/RecordingListener.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';
import { LONG, SEED, TIME_LIMIT_MS } from './budget.js';
import { refusedHosts, urlAt } from './ssrfUrls.js';
import { Tally } from './Tally.js';

const CONFIGS = {
  kraken: { apiKey: 'sk_live_kraken_adv_0001', webhookSecret: 'whsec-kraken-adversarial-0001' },
  flatpeak: { accountId: 'acc_adversarial', apiKey: 'sk_live_flatpeak_adv_01', webhookSecret: `whsec_${Buffer.from('flatpeak-adversarial-key-01').toString('base64')}` },
} as const;

/** What DNS may answer for a name that was public when saved: every private form an address can come back in. */
const REBOUND_ANSWERS = ['127.0.0.1', '10.1.2.3', '169.254.169.254', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', 'fd00:ec2::254', 'fe80::1'];

/** A seeded sample of `count` (all of them on the long run), so a short run still varies and a failure replays. */
function sample<T>(items: readonly T[], count: number): T[] {
  if (LONG || count >= items.length) return [...items];
  let state = SEED;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return [...items].map((item) => [next(), item] as const).sort(([a], [b]) => a - b).slice(0, count).map(([, item]) => item);
}

describeOnEachStore('Adversarial: SSRF through adapters’ configuration, every spelling of the platform’s own network', (store) => {
  let server: TestServer;
  let listener: RecordingListener;
  let tally: Tally;
  const answers = new Map<string, string>();
  const resolve: ResolveAll = async (host) => {
    const address = answers.get(host);
    if (address === undefined) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  before(async () => {
    listener = await RecordingListener.start();
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', '@flexroll/plugin-kraken', '@flexroll/plugin-flatpeak'], resolveHost: resolve, rateLimitPerMinute: 10_000_000 });
    tally = new Tally(`adapter SSRF [${store.name} store]`);
  });
  after(async () => {
    tally?.print(` (seed ${SEED})`);
    await server?.stop();
    await listener?.stop();
  });

  it('refuses every spelling on create and on change, with 422 naming /adapter/config/apiBaseUrl, and changes nothing', async function () {
    this.timeout(TIME_LIMIT_MS);
    const { key } = await server.workspace('SSRF probe');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const hosts = sample(refusedHosts(), store.name === 'embedded' ? 60 : 20);
    const send = async (method: string, path: string, body: unknown) => {
      const response = await rawRequest(server.base, method, path, { headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      tally.record(`${method} ${path} ${JSON.stringify(body).slice(0, 160)}`, response);
      return response;
    };
    const unexpected: string[] = [];
    for (const [adapterId, secrets] of Object.entries(CONFIGS)) {
      const kept = `https://${adapterId}.test/v1/`;
      const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: `Kept ${adapterId}`, adapter: { adapterId, config: { ...secrets, apiBaseUrl: kept } } } });
      for (const [index, host] of hosts.entries()) {
        const apiBaseUrl = urlAt(host, index);
        const config = { ...secrets, apiBaseUrl };
        const created = await send('POST', '/programInstances', { programId: program.body.id, name: 'Probe', adapter: { adapterId, config } });
        const changed = await send('PATCH', `/programInstances/${instance.body.id}`, { adapter: { adapterId, config } });
        for (const [what, response] of [['create', created], ['change', changed]] as const) {
          const detail = response.json?.error?.details?.[0];
          if (response.status !== 422 || detail?.field !== '/adapter/config/apiBaseUrl' || detail?.rule !== 'public_address') unexpected.push(`${adapterId} ${what} ${apiBaseUrl} → ${response.status} ${response.text.slice(0, 200)}`);
        }
      }
      const after = await server.get(`/programInstances/${instance.body.id}`, { key });
      expect([after.body.adapter.config.apiBaseUrl, after.body.updatedAt]).to.deep.equal([kept, instance.body.updatedAt]);
    }
    expect(unexpected).to.deep.equal([]);
    expect(tally.failures).to.deep.equal([]);
    expect((await server.get('/programInstances', { key })).body.totalItems).to.equal(2);
  });

  it('refuses each call when DNS answers a private address by then, in any form, and nothing reaches the listener', async function () {
    this.timeout(TIME_LIMIT_MS);
    const { key } = await server.workspace('SSRF rebinding');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const outbox = server.container.get(AdapterOutboxTask);
    for (const [index, address] of sample(REBOUND_ANSWERS, store.name === 'embedded' ? REBOUND_ANSWERS.length : 3).entries()) {
      const host = `rebind-${index}.operator.test`;
      answers.set(host, '93.184.216.34');
      const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: `Rebound ${index}`, adapter: { adapterId: 'flatpeak', config: { ...CONFIGS.flatpeak, apiBaseUrl: `http://${host}:${listener.port}` } } } });
      expect(instance.status, address).to.equal(201);
      answers.set(host, address);
      const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: { ...SUZIE, serialNumber: `SN-SSRF-${index}` } });
      await server.post(`/vpp-participations/${enrollment.body.participationId}/triggers`, { key, body: { trigger: 'consent_requested' } });
      await outbox.drain();
      expect(server.logLines.some((line) => line.includes(`${host} resolves to ${address}`)), address).to.equal(true);
    }
    expect(listener.received).to.deep.equal([]);
  });
});
