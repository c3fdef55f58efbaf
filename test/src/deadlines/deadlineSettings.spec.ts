import { expect } from 'chai';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld } from '../support/World.js';

describeOnEachStore('Deadline settings of a program instance (issue 20, item 4)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store);
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('are taken by POST and PATCH, replaced as a whole, kept by the store and shown in the instance', async () => {
    const world = await buildWorld(server, 'Timely Energy');
    const deadlines = { leadTime: 'PT6H', alertStates: ['AWAITING_CONSENT', 'SUSPENDED'] };
    const created = await server.post('/programInstances', { key: world.key, body: { programId: world.programId, name: 'Timely 2026', deadlines } });
    expect([created.status, created.body.deadlines]).to.deep.equal([201, deadlines]);
    expect((await server.get(`/programInstances/${created.body.id}`, { key: world.key })).body.deadlines).to.deep.equal(deadlines);

    const quiet = { alertStates: [] };
    const patched = await server.patch(`/programInstances/${created.body.id}`, { key: world.key, body: { deadlines: quiet } });
    expect([patched.status, patched.body.deadlines]).to.deep.equal([200, quiet]);
    expect((await server.get(`/programInstances/${created.body.id}`, { key: world.key })).body.deadlines).to.deep.equal(quiet);
    expect((await server.get(`/programInstances/${world.instanceId}`, { key: world.key })).body, 'an instance that set none shows none').to.not.have.property('deadlines');
  });

  it('are refused with a 400 naming /deadlines/leadTime and /deadlines/alertStates/0, and nothing is saved', async () => {
    const world = await buildWorld(server, 'Untimely Energy');
    const refused = await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { deadlines: { leadTime: '24 hours', alertStates: ['ACTIVE'] } } });
    expect(refused.status).to.equal(400);
    expect(refused.body.error.details.map((detail: { field: string }) => detail.field)).to.have.members(['/deadlines/leadTime', '/deadlines/alertStates/0']);
    const duplicated = await server.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { deadlines: { leadTime: 'P366D', alertStates: ['SUSPENDED', 'SUSPENDED'] } } });
    expect(duplicated.status).to.equal(422);
    expect(duplicated.body.error.details.map((detail: { field: string; rule: string }) => [detail.field, detail.rule])).to.deep.equal([['/deadlines/leadTime', 'maximum'], ['/deadlines/alertStates/1', 'unique']]);
    expect((await server.get(`/programInstances/${world.instanceId}`, { key: world.key })).body).to.not.have.property('deadlines');
  });
});
