import { expect } from 'chai';
import { permissionsOfRole } from '@flexroll/core';
import { TestServer } from './support/TestServer.js';
import { SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';
import { buildWorld, type World } from './support/World.js';

describeOnEachStore('API keys limited to program instances: a partner sees its instances and nothing else (issue 24)', (store) => {
  let server: TestServer;
  let utility: World;
  let installer: World;
  let partnerKey: string;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 1_000_000 });
    utility = await buildWorld(server, 'Leap Energy');
    installer = await buildWorld(server, 'Installer', utility);
    const made = await server.post('/api-keys', {
      key: utility.key,
      body: { name: 'installer', mode: 'live', permissions: ['enrollments:read', 'enrollments:write', 'program_instances:read', 'events:read', 'webhooks:manage', 'api_keys:manage'], programInstanceIds: [installer.instanceId] },
    });
    expect([made.status, made.body.programInstanceIds]).to.deep.equal([201, [installer.instanceId]]);
    partnerKey = made.body.secret;
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('lists only its instances, their enrollments and deadlines, with totals that agree with what is listed', async () => {
    const instances = await server.get('/programInstances', { key: partnerKey });
    expect([instances.body.data.map((instance: { id: string }) => instance.id), instances.body.totalItems, instances.body.totalPages]).to.deep.equal([[installer.instanceId], 1, 1]);
    const deadlines = await server.get('/deadlines', { key: partnerKey });
    const instanceIds = (page: { data: Array<{ programInstanceId: string }> }) => [...new Set(page.data.map((deadline) => deadline.programInstanceId))];
    expect(instanceIds(deadlines.body)).to.deep.equal([installer.instanceId]);
    expect(deadlines.body.data.map((deadline: { id: string }) => deadline.id)).to.include(installer.deadlineId);
    expect(deadlines.body.totalItems).to.equal(deadlines.body.data.length);
    const ofInstance = await server.get(`/programInstances/${installer.instanceId}/deadlines`, { key: utility.key });
    expect([deadlines.body.totalItems, deadlines.body.counts], 'the same list and counts as the instance’s own').to.deep.equal([ofInstance.body.totalItems, ofInstance.body.counts]);
    const workspaceWide = await server.get('/deadlines', { key: utility.key });
    expect(instanceIds(workspaceWide.body), 'the workspace key sees both').to.have.members([installer.instanceId, utility.instanceId]);
    const foreign = await server.get(`/deadlines?programInstanceId=${utility.instanceId}`, { key: partnerKey });
    const unknown = await server.get('/deadlines?programInstanceId=cnotanidanywhere000000000', { key: partnerKey });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([unknown.status, unknown.body.error.code]);
    const enrollments = await server.get(`/programInstances/${installer.instanceId}/enrollments`, { key: partnerKey });
    expect([enrollments.body.data.map((enrollment: { id: string }) => enrollment.id), enrollments.body.totalItems]).to.deep.equal([[installer.enrollmentId], 1]);
  });

  it('merges the deadlines of a key’s several instances in queue order: both of a workspace’s instances list as the workspace does', async () => {
    const both = await server.post('/api-keys', { key: utility.key, body: { name: 'both', mode: 'live', permissions: ['enrollments:read'], programInstanceIds: [utility.instanceId, installer.instanceId] } });
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((deadline) => deadline.id);
    const workspace = await server.get('/deadlines?perPage=100', { key: utility.key });
    const merged = await server.get('/deadlines?perPage=100', { key: both.body.secret });
    expect([ids(merged.body), merged.body.totalItems, merged.body.counts]).to.deep.equal([ids(workspace.body), workspace.body.totalItems, workspace.body.counts]);
    const walked: string[] = [];
    let after: string | undefined;
    for (let step = 0; step < 20; step++) {
      const page = await server.get(`/deadlines?limit=1${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`, { key: both.body.secret });
      walked.push(...ids(page.body));
      if (!page.body.hasMore) break;
      after = page.body.nextCursor;
    }
    expect(walked, 'the cursor form walks the same queue').to.deep.equal(ids(workspace.body));
    const second = await server.get('/deadlines?perPage=1&page=2', { key: both.body.secret });
    expect(ids(second.body)).to.deep.equal(ids(workspace.body).slice(1, 2));
  });

  it('lists the events of its instances only, workspace-wide or one enrollment’s, as the programInstanceId filter does', async () => {
    const own = await server.get(`/events?enrollmentId=${installer.enrollmentId}`, { key: partnerKey });
    expect(own.body.data.length).to.be.above(0).and.to.equal(own.body.totalItems);
    const foreign = await server.get(`/events?enrollmentId=${utility.enrollmentId}`, { key: partnerKey });
    expect([foreign.status, foreign.body.data, foreign.body.totalItems]).to.deep.equal([200, [], 0]);
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((event) => event.id);
    const ofInstance = new Set(ids((await server.get(`/programInstances/${installer.instanceId}/enrollments?perPage=100`, { key: utility.key })).body));
    const workspace = await server.get('/events?perPage=100', { key: utility.key });
    const expected = workspace.body.data.filter((event: { enrollmentId: string | null }) => event.enrollmentId !== null && ofInstance.has(event.enrollmentId)).map((event: { id: string }) => event.id);
    expect(expected.length, 'the installer’s instance has events').to.be.above(0);
    const wide = await server.get('/events?perPage=100', { key: partnerKey });
    expect([wide.status, ids(wide.body), wide.body.totalItems]).to.deep.equal([200, expected, expected.length]);
    const filtered = await server.get(`/events?perPage=100&programInstanceId=${installer.instanceId}`, { key: utility.key });
    expect(ids(filtered.body), 'the workspace key’s filter lists the same').to.deep.equal(expected);
    const walked: string[] = [];
    let after: string | undefined;
    for (let step = 0; step < 50; step++) {
      const page = await server.get(`/events?limit=2${after === undefined ? '' : `&after=${encodeURIComponent(after)}`}`, { key: partnerKey });
      walked.push(...ids(page.body));
      if (!page.body.hasMore) break;
      after = page.body.nextCursor;
    }
    expect(walked, 'the cursor form walks the same list').to.deep.equal(expected);
    const outside = await server.get(`/events?programInstanceId=${utility.instanceId}`, { key: partnerKey });
    const unknown = await server.get('/events?programInstanceId=cnotanidanywhere000000000', { key: partnerKey });
    expect([outside.status, outside.body.error.code]).to.deep.equal([404, 'program_instance_not_found']);
    expect([outside.status, outside.body.error.code]).to.deep.equal([unknown.status, unknown.body.error.code]);
  });

  it('merges the events of a key’s several instances: both of a workspace’s instances list the workspace’s enrollment events', async () => {
    const both = await server.post('/api-keys', { key: utility.key, body: { name: 'both events', mode: 'live', permissions: ['events:read'], programInstanceIds: [utility.instanceId, installer.instanceId] } });
    const ids = (page: { data: Array<{ id: string }> }) => page.data.map((event) => event.id);
    const workspace = await server.get('/events?perPage=100', { key: utility.key });
    // The workspace's own events (an endpoint made, a test event) have no enrollment, and belong to no instance.
    const expected = workspace.body.data.filter((event: { enrollmentId: string | null }) => event.enrollmentId !== null).map((event: { id: string }) => event.id);
    const merged = await server.get('/events?perPage=100', { key: both.body.secret });
    expect([ids(merged.body), merged.body.totalItems]).to.deep.equal([expected, expected.length]);
    const second = await server.get('/events?perPage=2&page=2', { key: both.body.secret });
    expect(ids(second.body)).to.deep.equal(expected.slice(2, 4));
  });

  it('filters the endpoints it makes to its instance, lists only those, and cannot lift the filter', async () => {
    const made = await server.post('/webhook-endpoints', { key: partnerKey, body: { url: 'https://hooks.example.com/installer', eventTypes: ['enrollment.created'] } });
    expect([made.status, made.body.programInstanceId]).to.deep.equal([201, installer.instanceId]);
    const elsewhere = await server.post('/webhook-endpoints', { key: partnerKey, body: { url: 'https://hooks.example.com/elsewhere', eventTypes: ['enrollment.created'], programInstanceId: utility.instanceId } });
    const nowhere = await server.post('/webhook-endpoints', { key: partnerKey, body: { url: 'https://hooks.example.com/nowhere', eventTypes: ['enrollment.created'], programInstanceId: 'cnotanidanywhere000000000' } });
    expect([elsewhere.status, elsewhere.body.error.details]).to.deep.equal([nowhere.status, nowhere.body.error.details]);
    const listed = await server.get('/webhook-endpoints', { key: partnerKey });
    expect(listed.body.data.every((endpoint: { programInstanceId?: string }) => endpoint.programInstanceId === installer.instanceId)).to.equal(true);
    expect(listed.body.totalItems).to.equal(listed.body.data.length);
    const lifted = await server.patch(`/webhook-endpoints/${made.body.id}`, { key: partnerKey, body: { programInstanceId: null } });
    expect([lifted.status, lifted.body.error.details[0].rule]).to.deep.equal([422, 'required_for_instance_scope']);
  });

  it('enrolls in its instance, and meets the other instance’s enrollment as an unknown one when it refers to it', async () => {
    const enrolled = await server.post(`/programInstances/${installer.instanceId}/enrollments`, { key: partnerKey, body: { ...SUZIE, serialNumber: 'SN-installer-1' } });
    expect(enrolled.status).to.equal(201);
    const outside = await server.post(`/programInstances/${utility.instanceId}/enrollments`, { key: partnerKey, body: { ...SUZIE, serialNumber: 'SN-installer-2' } });
    expect([outside.status, outside.body.error.code]).to.deep.equal([404, 'program_instance_not_found']);
    const copied = await server.post(`/programInstances/${installer.instanceId}/enrollments`, { key: partnerKey, body: { identificationType: 'enrollmentId', enrollmentId: utility.enrollmentId } });
    const unknown = await server.post(`/programInstances/${installer.instanceId}/enrollments`, { key: partnerKey, body: { identificationType: 'enrollmentId', enrollmentId: 'cnotanidanywhere000000001' } });
    expect([copied.status, copied.body.error.details]).to.deep.equal([unknown.status, unknown.body.error.details]);
  });

  it('invites the e-mail of a member outside its instances as it invites a new address, and learns nothing of that member', async () => {
    const made = await server.post('/api-keys', { key: utility.key, body: { name: 'installer staff', mode: 'live', permissions: [...permissionsOfRole('viewer'), 'members:manage'], programInstanceIds: [installer.instanceId] } });
    const staffKey = made.body.secret;
    const staff = await server.post('/members', { key: utility.key, body: { email: 'ops.lead@leap.example', role: 'reviewer' } });
    const body = (email: string) => ({ email, role: 'viewer', programInstanceIds: [installer.instanceId] });
    const fresh = await server.post('/members', { key: staffKey, body: body('new.installer@example.com') });
    const unseen = await server.post('/members', { key: staffKey, body: body('ops.lead@leap.example') });
    const shape = (answer: { status: number; body: any }) => ({ status: answer.status, keys: Object.keys(answer.body).sort(), member: { ...answer.body.member, id: '<id>', email: '<email>', createdAt: '<time>' }, link: typeof answer.body.invitationUrl });
    expect(shape(unseen), 'the answer a new address gets').to.deep.equal(shape(fresh));
    expect(unseen.body.member.id).to.not.equal(staff.body.member.id);
    const everyone = (await server.get('/members', { key: utility.key })).body.data;
    expect(everyone.find((member: { id: string }) => member.id === staff.body.member.id), 'the member untouched').to.deep.equal(staff.body.member);
    expect(everyone.map((member: { id: string }) => member.id), 'nothing stored').to.not.include(unseen.body.member.id);
    const token = new URLSearchParams(new URL(unseen.body.invitationUrl).hash.slice(1)).get('token');
    const accepted = await server.post('/member-invitations/accept', { body: { token, password: 'correct horse battery staple' } });
    expect([accepted.status, accepted.body.error.code], 'its link opens nothing').to.deep.equal([404, 'invitation_invalid']);
  });
});
