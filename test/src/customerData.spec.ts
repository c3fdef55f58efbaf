import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { AdapterOutboxTask, JobRunner } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';
import { ONBOARDED } from './adapters/fixtures/onboardingAdapter.js';

const onboarding = path.join(path.dirname(fileURLToPath(import.meta.url)), 'adapters/fixtures/onboardingAdapter.js');
const PURPOSE = 'The operator creates the customer’s account and e-mails an invitation.';

describeOnEachStore('Customer data through the HTTP API: the grant at creation, the views, the audit trail', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { adapters: ['@flexroll/plugin-manual', onboarding] });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations).to.deep.equal([]));

  async function instance(key: string, extra: Record<string, unknown> = {}, adapterId = 'acme-onboarding') {
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    return server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Acme 2025', adapter: { adapterId, config: {} }, ...extra } });
  }

  it('refuses a grant of an undeclared field, naming it, and a grant to an adapter that declares none', async () => {
    const { key } = await server.workspace('Acme Utility');
    const refused = await instance(key, { customerDataGrant: { fields: ['email', 'phone'] } });
    expect([refused.status, refused.body.error.details.map((d: { field: string }) => d.field)]).to.deep.equal([422, ['/customerDataGrant/fields/1']]);
    expect(refused.body.error.details[0].message).to.include("'phone'");
    const none = await instance(key, { customerDataGrant: { fields: ['email'] } }, 'manual');
    expect([none.status, none.body.error.details[0].field]).to.deep.equal([422, '/customerDataGrant']);
    const patched = await instance(key);
    const regrant = await server.patch(`/programInstances/${patched.body.id}`, { key, body: { customerDataGrant: { fields: ['email'] } } });
    expect([regrant.status, regrant.body.error.details[0].field], 'granted only at creation: PATCH does not take it').to.deep.equal([400, '/customerDataGrant']);
  });

  it('shows the grant in the instance’s response, with the manifest’s purpose and when it was given', async () => {
    const { key } = await server.workspace('Acme Utility');
    const created = await instance(key, { customerDataGrant: { fields: ['email', 'firstName'] } });
    expect(created.status).to.equal(201);
    const grant = { fields: ['email', 'firstName'], purpose: PURPOSE, grantedAt: server.clock.now().toISOString() };
    expect(created.body.customerDataGrant).to.deep.equal(grant);
    expect((await server.get(`/programInstances/${created.body.id}`, { key })).body.customerDataGrant).to.deep.equal(grant);
    expect((await instance(key)).body, 'no grant, no field').not.to.have.property('customerDataGrant');
  });

  it('hands the creation hook exactly the granted fields, and puts the hand-over on the enrollment’s events by name only', async () => {
    const { key } = await server.workspace('Acme Utility');
    const created = await instance(key, { customerDataGrant: { fields: ['email', 'firstName'] } });
    const enrollment = await server.post(`/programInstances/${created.body.id}/enrollments`, { key, body: SUZIE });
    ONBOARDED.length = 0;
    const pending = await server.get(`/programInstances/${created.body.id}/adapter-outbox?status=pending`, { key });
    expect(pending.body.data.map((item: Record<string, unknown>) => [item.operation, item.participationId, item.seq, 'move' in item])).to.deep.equal([['onParticipationCreated', enrollment.body.participationId, 1, false]]);
    await server.container.get(AdapterOutboxTask).drain();
    expect(ONBOARDED.map((participation) => participation.customer)).to.deep.equal([{ email: SUZIE.email, firstName: SUZIE.firstName }]);
    expect(ONBOARDED[0]!.customer?.lastName, 'declared, not granted').to.equal(undefined);
    const events = await server.get(`/events?enrollmentId=${enrollment.body.id}&type=adapter.customer_data_shared`, { key });
    expect(events.body.data.map((event: { data: unknown }) => event.data)).to.deep.equal([{ adapterId: 'acme-onboarding', operation: 'onParticipationCreated', fields: ['email', 'firstName'] }]);
    expect(JSON.stringify(events.body)).not.to.include(SUZIE.email!);
  });

  it('calls the creation hook for each participation an import creates, and none for a row without a device', async () => {
    const { key } = await server.workspace('Acme Utility');
    const created = await instance(key, { customerDataGrant: { fields: ['email'] } });
    const rows = ['referenceId,identificationType,firstName,lastName,email,serialNumber', 'R-1,customerInfo,Ada,Lovelace,ada@example.com,SN-IMPORT-1', 'R-2,customerInfo,Alan,Turing,alan@example.com,'];
    const job = await server.request('POST', `/programInstances/${created.body.id}/imports`, { key, raw: rows.join('\n'), headers: { 'content-type': 'text/csv' } });
    ONBOARDED.length = 0;
    // The job runs here, pass by pass (no background task delivers the outbox behind the spec's back).
    for (let pass = 0; pass < 20 && (await server.get(`/jobs/${job.body.id}`, { key })).body.status !== 'completed'; pass++) await server.container.get(JobRunner).runOnce();
    expect((await server.get(`/jobs/${job.body.id}`, { key })).body.status).to.equal('completed');
    await server.container.get(AdapterOutboxTask).drain();
    expect(ONBOARDED.map((participation) => [participation.serialNumber, participation.customer])).to.deep.equal([['SN-IMPORT-1', { email: 'ada@example.com' }]]);
  });
});
