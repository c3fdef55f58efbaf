import { expect } from 'chai';
import { SweepService } from '@flexroll/core';
import { suzieWithoutDevice } from '@flexroll/core/testing';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { buildWorld, snapshotWorld, type World } from './support/World.js';

/** People the console's list finds by name, e-mail, reference, manufacturer and postal code (issue 21). */
const PEOPLE = [
  { firstName: 'Zoë', lastName: 'Müller', email: 'zoe.mueller@example.org', referenceId: 'ZM-001', postalCode: '10115', manufacturer: 'enphase' },
  { firstName: 'Zoe', lastName: 'Miller', email: 'zmiller@example.org', referenceId: 'ZM-002', postalCode: 'SW1A 1AA', manufacturer: 'tesla' },
  { firstName: '=HYPERLINK("http://evil")', lastName: 'O"Brien, Jr', email: 'obrien@example.org', referenceId: '-REF-3', postalCode: '10001', manufacturer: 'tesla' },
];

describeOnEachStore('The console’s API: list filters, CSV export, bulk by filter, home summary, rules dry run (issue 21)', (store) => {
  let server: TestServer;
  let world: World;
  let other: World;
  const ids: string[] = [];
  before(async () => {
    server = await TestServer.start(store);
    world = await buildWorld(server, 'Leap Energy');
    other = await buildWorld(server, 'Other Utility');
    for (const person of PEOPLE) {
      const { postalCode, manufacturer, ...names } = person;
      const base = suzieWithoutDevice();
      const created = await server.post(`/programInstances/${world.instanceId}/enrollments`, {
        key: world.key, body: { ...base, ...names, address: { ...base.address!, postalCode }, manufacturerSlugs: [manufacturer], tags: ['console'] },
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      ids.push(created.body.id);
    }
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  const list = async (query: string, key = world.key) => {
    const response = await server.get(`/programInstances/${world.instanceId}/enrollments?${query}`, { key });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body.data.map((row: { id: string }) => row.id) as string[];
  };

  it('searches name, e-mail and reference by word prefix, case and accents aside', async () => {
    expect(await list('q=zoe')).to.deep.equal([ids[0], ids[1]]);
    expect(await list('q=ZOË%20mül')).to.deep.equal([ids[0]]);
    expect(await list('q=mueller')).to.deep.equal([ids[0]]);
    expect(await list('q=zm-002')).to.deep.equal([ids[1]]);
    expect(await list('q=suzie%20homeowner')).to.deep.equal([world.enrollmentId]);
    expect(await list('q=nobody')).to.deep.equal([]);
  });

  it('filters by manufacturer, postal code prefix, participation state and overdue, alone and with the other filters', async () => {
    expect(await list('manufacturer=TESLA')).to.deep.equal([world.enrollmentId, ids[1], ids[2]]);
    expect(await list('manufacturer=tesla&tags=console')).to.deep.equal([ids[1], ids[2]]);
    expect(await list('postalCodePrefix=sw1a1')).to.deep.equal([ids[1]]);
    expect(await list('postalCodePrefix=100')).to.deep.equal([world.enrollmentId, ids[2]]);
    expect(await list('participationState=ENROLMENT_REQUESTED,AWAITING_CONSENT')).to.deep.equal([world.enrollmentId]);
    expect(await list('participationState=ACTIVE')).to.deep.equal([]);
    expect(await list('overdue=true')).to.deep.equal([world.enrollmentId]);
    expect(await list('overdue=true&status=approved')).to.deep.equal([]);
    expect(await list('overdue=false&q=zoe')).to.deep.equal([ids[0], ids[1]]);
    const bad = await server.get(`/programInstances/${world.instanceId}/enrollments?participationState=DANCING&overdue=yes&q=`, { key: world.key });
    expect([bad.status, bad.body.error.details.map((issue: { field: string }) => issue.field).sort()]).to.deep.equal([400, ['/query/overdue', '/query/participationState', '/query/q']]);
  });

  it('exports the filtered list as CSV: RFC 4180 quoting, formula cells made inert, a 404 for another workspace’s instance', async () => {
    const response = await fetch(`${server.base}/programInstances/${world.instanceId}/enrollments/export.csv?tags=console&manufacturer=tesla`, { headers: { authorization: `Bearer ${world.key}` } });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).to.equal(`attachment; filename="enrollments-${world.instanceId}.csv"`);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).to.match(/^id,referenceId,status,statusReason,participationId,participationState,firstName,lastName,email,/);
    expect(lines).to.have.length(4);
    expect(lines[3]).to.equal('');
    expect(lines[1]).to.include(`${ids[1]},ZM-002,candidate,`);
    expect(lines[2]).to.include(`${ids[2]},'-REF-3,candidate,`);
    expect(lines[2]).to.include(`,"'=HYPERLINK(""http://evil"")","O""Brien, Jr",obrien@example.org,`);
    const everything = await fetch(`${server.base}/programInstances/${world.instanceId}/enrollments/export.csv`, { headers: { authorization: `Bearer ${world.key}` } });
    expect((await everything.text()).split('\r\n').filter((line) => line !== '')).to.have.length(1 + 1 + PEOPLE.length);
    const foreign = await server.get(`/programInstances/${other.instanceId}/enrollments/export.csv`, { key: world.key });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([404, 'program_instance_not_found']);
  });

  it('answers the home summary from kept counts: statuses, participation states, the funnel, due deadlines, webhook health', async () => {
    const response = await server.get(`/programInstances/${world.instanceId}/summary`, { key: world.key });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    const summary = response.body;
    expect(summary.enrollments).to.equal(1 + PEOPLE.length);
    expect(summary.byStatus.candidate).to.equal(1 + PEOPLE.length);
    expect(summary.byParticipationState.none).to.equal(PEOPLE.length);
    const suzieState = Object.entries(summary.byParticipationState).find(([state, count]) => state !== 'none' && count === 1)![0];
    expect(summary.funnel[0]).to.deep.equal({ state: 'ENROLMENT_REQUESTED', current: suzieState === 'ENROLMENT_REQUESTED' ? 1 : 0, reached: 1, stoppedBefore: 0 });
    expect(summary.funnel.map((step: { state: string }) => step.state).at(-1)).to.equal('ACTIVE');
    // Due deadlines are the participations' own, counted with the list: Suzie's is not due yet (the queue record the
    // world writes by hand is no participation's deadline).
    const none = { customer: 0, operator: 0, workspace: 0, platform: 0 };
    expect(summary.deadlines).to.deep.equal({ actionable: none, missed: none });
    expect(summary.webhooks).to.deep.equal({ endpoints: 1, failing: 0, disabled: 0, pendingMessages: 1 });
    const foreign = await server.get(`/programInstances/${other.instanceId}/summary`, { key: world.key });
    expect(foreign.status).to.equal(404);
  });

  it('counts a participation’s deadline on the home once the sweep announces it missed', async () => {
    server.clock.advance(10 * 86_400_000);
    await server.container.get(SweepService).runOnce();
    const enrollment = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    const { waitingOn, status } = enrollment.body.deadline as { waitingOn: 'customer' | 'operator' | 'workspace' | 'platform'; status: string };
    expect(status).to.equal('missed');
    const summary = (await server.get(`/programInstances/${world.instanceId}/summary`, { key: world.key })).body;
    const one = { customer: 0, operator: 0, workspace: 0, platform: 0, [waitingOn]: 1 };
    expect(summary.deadlines).to.deep.equal({ actionable: one, missed: one });
  });

  it('dry-runs eligibility rules on the newest candidates, changing nothing, with a save’s errors', async () => {
    const before = await snapshotWorld(server, world);
    const response = await server.post(`/programInstances/${world.instanceId}/eligibility-rules/dry-run`, {
      key: world.key, body: { eligibilityRules: { allowedManufacturers: ['tesla'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100'] } } },
    });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    expect([response.body.evaluated, response.body.eligible, response.body.ineligible]).to.deep.equal([4, 2, 2]);
    expect(response.body.results.map((result: { enrollmentId: string }) => result.enrollmentId)).to.deep.equal([ids[2], ids[1], ids[0], world.enrollmentId]);
    expect(response.body.results[2]).to.deep.include({ eligible: false, failedRules: ['allowedManufacturers', 'serviceTerritory'], status: 'candidate' });
    expect(await snapshotWorld(server, world)).to.deep.equal(before);
    const bad = await server.post(`/programInstances/${world.instanceId}/eligibility-rules/dry-run`, {
      key: world.key, body: { eligibilityRules: { serviceTerritory: { postalCodes: ['10001'], postalCodePrefixes: ['100'] } } },
    });
    expect([bad.status, bad.body.error.details[0].field], 'as a save answers it').to.deep.equal([422, '/eligibilityRules/serviceTerritory/postalCodes/0']);
    const foreign = await server.post(`/programInstances/${other.instanceId}/eligibility-rules/dry-run`, { key: world.key, body: { eligibilityRules: {} } });
    expect(foreign.status).to.equal(404);
  });

  it('starts a bulk action on the list’s filter, echoed on the job; where and filter together are refused', async () => {
    const started = await server.post(`/programInstances/${world.instanceId}/bulk-actions`, { key: world.key, body: { action: 'evaluate', filter: { q: 'zoe', tags: 'console' } } });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    expect(started.body.filter).to.deep.equal({ q: 'zoe', tags: 'console' });
    const both = await server.post(`/programInstances/${world.instanceId}/bulk-actions`, { key: world.key, body: { action: 'evaluate', where: { tags: ['console'] }, filter: { q: 'zoe' } } });
    expect(both.status).to.equal(400);
    expect(both.body.error.details[0]).to.include({ field: '/body/filter', rule: 'exclusive' });
  });
});
