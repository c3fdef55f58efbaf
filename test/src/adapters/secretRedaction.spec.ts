import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AdapterOutboxTask } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { postOperatorWebhook } from '../support/operatorWebhooks.js';
import { describeOnEachStore } from '../support/stores.js';

const leaky = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/leakyAdapter.js');
const SECRET = 'leaky-live-token-7f3a9c/+ü';
const FORMS = [SECRET, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64'), JSON.stringify(SECRET).slice(1, -1)];

describeOnEachStore('An adapter’s config secret never leaves the platform, whatever the adapter throws', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', leaky] });
  });
  after(async () => server?.stop());

  it('is redacted from the error responses, the events, every other response, and the log', async () => {
    const { key } = await server.workspace('Leak Test Utility');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Leaky 2025', adapter: { adapterId: 'leaky', config: { apiToken: SECRET } } } });
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { key, body: SUZIE });
    const pid = enrollment.body.participationId;

    const mapped = await server.post(`/programInstances/${instance.body.id}/operator-events`, { key, body: { type: 'device.status', participation_id: pid, payload: {} } });
    const webhook = await postOperatorWebhook(server, instance.body.id, '{}', {});
    await server.post(`/vpp-participations/${pid}/triggers`, { key, body: { trigger: 'consent_requested' } });
    const outbox = server.container.get(AdapterOutboxTask);
    for (let attempt = 0; attempt < 8; attempt++) {
      await outbox.drain();
      server.clock.advance(2 * 3_600_000); // past every back-off, until the item is a dead letter
    }
    const events = await server.get(`/events?enrollmentId=${enrollment.body.id}&type=adapter.failed`, { key });
    const deadLetters = await server.get(`/programInstances/${instance.body.id}/adapter-outbox?status=dead`, { key });

    expect([mapped.status, mapped.body.error.code, webhook.status, webhook.body.error.code]).to.deep.equal([502, 'adapter_threw', 401, 'webhook_unverified']);
    expect(mapped.body.error.message).to.contain("Adapter 'leaky' failed in mapOperatorEvent: mapOperatorEvent: the operator refused Authorization: Bearer [REDACTED]");
    expect(events.body.data.map((event: { data: { operation: string } }) => event.data.operation)).to.deep.equal(['decide', 'onParticipationChanged']);
    expect(deadLetters.body.data).to.have.length(1);
    expect(deadLetters.body.data[0].lastError).to.contain('Bearer [REDACTED]');
    const seen = {
      'error responses': JSON.stringify([mapped.body, webhook.body]),
      events: JSON.stringify(events.body),
      responses: JSON.stringify([instance.body, deadLetters.body, (await server.get(`/vpp-participations/${pid}`, { key })).body]),
      logs: server.logLines.join('\n'),
    };
    for (const [where, text] of Object.entries(seen)) {
      for (const form of FORMS) expect(text, `${where} quote the secret as ${form}`).to.not.contain(form);
      if (where !== 'responses') expect(text, `${where} say where the secret was`).to.contain('[REDACTED]');
    }
  });
});
