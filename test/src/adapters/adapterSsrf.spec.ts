import { expect } from 'chai';
import { AdapterOutboxTask, type ResolveAll } from '@flexroll/core';
import { RecordingListener } from '../support/RecordingListener.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { describeOnEachStore } from '../support/stores.js';

const KRAKEN = { apiKey: 'sk_live_kraken_ssrf_0001', webhookSecret: 'whsec-kraken-ssrf-secret-0001' };
const FLATPEAK = { accountId: 'acc_661677911f2197045e6cf1b1', apiKey: 'sk_live_flatpeak_ssrf_01', webhookSecret: `whsec_${Buffer.from('flatpeak-ssrf-signing-key-01').toString('base64')}` };

/** Where a key with `program_instances:write` might point an adapter to reach the platform's own network. */
const REFUSED_BASE_URLS = [
  'http://127.0.0.1:8080/', 'http://localhost/v1/graphql/', 'http://10.0.0.5/', 'http://192.168.1.10/', 'http://172.16.0.1/',
  'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://[::127.0.0.1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:0:7f00:1]/',
  'http://[2002:7f00:1::]/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[fd00:ec2::254]/', 'http://2130706433/', 'http://0x7f.1/', 'http://017700000001/',
  'http://metadata.google.internal/computeMetadata/v1/',
];

/** A resolver the test steers, as a DNS-rebinding name would answer: each name what the test last said, else not found. */
function steeredDns() {
  const answers = new Map<string, string>();
  const resolve: ResolveAll = async (host) => {
    const address = answers.get(host);
    if (address === undefined) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  return { resolve, answer: (host: string, address: string) => answers.set(host, address) };
}

describeOnEachStore('SSRF through an adapter’s configuration: refused when saved and when called', (store) => {
  let server: TestServer;
  let listener: RecordingListener;
  const dns = steeredDns();
  before(async () => {
    listener = await RecordingListener.start();
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', '@flexroll/plugin-kraken', '@flexroll/plugin-flatpeak'], resolveHost: dns.resolve });
  });
  after(async () => {
    await server?.stop();
    await listener?.stop();
  });
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  async function setUp(name: string) {
    const { key } = await server.workspace(name);
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    return { key, programId: program.body.id as string };
  }
  const refusal = (response: { status: number; body: { error: { details: { field: string; rule: string }[] } } }) =>
    [response.status, response.body.error?.details?.map((detail) => `${detail.field} ${detail.rule}`)];

  for (const [adapterId, config] of [['kraken', KRAKEN], ['flatpeak', FLATPEAK]] as const) {
    it(`refuses a ${adapterId} instance whose apiBaseUrl is loopback, private, metadata or an IPv4 wrapped in IPv6, creating nothing`, async () => {
      const { key, programId } = await setUp(`SSRF create ${adapterId}`);
      for (const apiBaseUrl of REFUSED_BASE_URLS) {
        const refused = await server.post('/programInstances', { key, body: { programId, name: 'Probe', adapter: { adapterId, config: { ...config, apiBaseUrl } } } });
        expect(refusal(refused), apiBaseUrl).to.deep.equal([422, ['/adapter/config/apiBaseUrl public_address']]);
      }
      expect((await server.get('/programInstances', { key })).body.totalItems).to.equal(0);
    });

    it(`refuses the same when a ${adapterId} instance is changed, keeping its config as it was`, async () => {
      const { key, programId } = await setUp(`SSRF patch ${adapterId}`);
      const apiBaseUrl = `https://${adapterId}.test/v1/`;
      const created = await server.post('/programInstances', { key, body: { programId, name: 'Live', adapter: { adapterId, config: { ...config, apiBaseUrl } } } });
      expect(created.status).to.equal(201);
      for (const refusedUrl of REFUSED_BASE_URLS) {
        const refused = await server.patch(`/programInstances/${created.body.id}`, { key, body: { adapter: { adapterId, config: { ...config, apiBaseUrl: refusedUrl } } } });
        expect(refusal(refused), refusedUrl).to.deep.equal([422, ['/adapter/config/apiBaseUrl public_address']]);
      }
      const after = await server.get(`/programInstances/${created.body.id}`, { key });
      expect([after.body.adapter.config.apiBaseUrl, after.body.updatedAt]).to.deep.equal([apiBaseUrl, created.body.updatedAt]);
    });
  }

  it('refuses a name that resolves to a private address when saved, naming the host', async () => {
    const { key, programId } = await setUp('SSRF resolved on save');
    dns.answer('internal.rebind.test', '10.20.30.40');
    const refused = await server.post('/programInstances', { key, body: { programId, name: 'Probe', adapter: { adapterId: 'flatpeak', config: { ...FLATPEAK, apiBaseUrl: 'https://internal.rebind.test/' } } } });
    expect(refusal(refused)).to.deep.equal([422, ['/adapter/config/apiBaseUrl public_address']]);
    expect(refused.body.error.details[0].message).to.include('resolves to a private address (internal.rebind.test)');
  });

  it('refuses the call when the name resolves to a private address by then, and the credentials never reach the listener', async () => {
    const { key, programId } = await setUp('SSRF rebinding');
    const host = 'operator.rebind.test';
    dns.answer(host, '93.184.216.34'); // public when saved...
    const instance = await server.post('/programInstances', { key, body: { programId, name: 'Rebound', adapter: { adapterId: 'flatpeak', config: { ...FLATPEAK, apiBaseUrl: `http://${host}:${listener.port}` } } } });
    expect(instance.status).to.equal(201);
    dns.answer(host, '127.0.0.1'); // ...loopback, where the listener is, when called
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    await server.post(`/vpp-participations/${enrollment.body.participationId}/triggers`, { key, body: { trigger: 'consent_requested' } });
    await server.container.get(AdapterOutboxTask).drain();
    expect(listener.received).to.deep.equal([]);
    const failed = server.logLines.map((line) => JSON.parse(line) as { message: string; error?: string }).filter((line) => line.message === 'adapter outbox attempt failed');
    expect(failed.map((line) => line.error)).to.deep.equal([
      `Adapter 'flatpeak' failed in onParticipationCreated: flatpeak POST /login was refused (attempt 1): ${host} resolves to 127.0.0.1, a loopback, private, link-local, unique-local or metadata address; the platform does not call it`,
    ]);
    expect(server.logLines.join('\n')).to.not.include(FLATPEAK.apiKey);
  });
});

describeOnEachStore('SSRF guard on adapters, lifted by FLEXROLL_ADAPTERS_ALLOW_PRIVATE_NETWORKS for local development', (store) => {
  let server: TestServer;
  let listener: RecordingListener;
  before(async () => {
    listener = await RecordingListener.start();
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', '@flexroll/plugin-flatpeak'], coreSettings: { adapterAllowPrivateNetworks: true } });
  });
  after(async () => {
    await server?.stop();
    await listener?.stop();
  });

  it('saves a loopback apiBaseUrl and calls it (the listener above would have seen this call)', async () => {
    const { key } = await server.workspace('Local operator');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Local', adapter: { adapterId: 'flatpeak', config: { ...FLATPEAK, apiBaseUrl: `http://127.0.0.1:${listener.port}` } } } });
    expect(instance.status).to.equal(201);
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    await server.post(`/vpp-participations/${enrollment.body.participationId}/triggers`, { key, body: { trigger: 'consent_requested' } });
    await server.container.get(AdapterOutboxTask).drain();
    expect(listener.received.map((request) => `${request.method} ${request.url}`)).to.include('POST /login');
    expect(listener.received.find((request) => request.url === '/login')?.headers.authorization).to.equal(`Basic ${Buffer.from(`${FLATPEAK.accountId}:${FLATPEAK.apiKey}`).toString('base64')}`);
  });
});
