import { expect } from 'chai';
import { ApiKeyService, MemberService } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';
import { activeMember, cookieOf, GOOD_PASSWORD, signedInMember, signIn } from '../support/members.js';
import { describeOnEachStore } from '../support/stores.js';

const MINUTE = 60_000;

describeOnEachStore('Members sign in with a session cookie (issue 21)', (store) => {
  let server: TestServer;
  let workspaceId: string;
  let key: string;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
    ({ workspaceId, key } = await server.workspace('Leap Energy'));
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('answers the session and sets an HttpOnly, SameSite=Strict cookie, not Secure over plain HTTP', async () => {
    await activeMember(server, workspaceId, 'Reviewer.One@Example.com', 'reviewer');
    const response = await server.post('/sessions', { body: { email: 'reviewer.one@example.com', password: GOOD_PASSWORD } });
    expect(response.status).to.equal(201);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).to.match(/^flexroll_session=frs_[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(response.body).to.deep.include({ workspaceId, role: 'reviewer' });
    expect(response.body.member).to.deep.include({ email: 'reviewer.one@example.com', role: 'reviewer', status: 'active' });
    expect(response.body.permissions).to.have.members(['enrollments:read', 'participations:read', 'program_instances:read', 'programs:read', 'events:read', 'enrollments:write', 'participations:write']);
    expect(Date.parse(response.body.idleExpiresAt) - server.clock.now().getTime()).to.equal(30 * MINUTE);
    expect(Date.parse(response.body.expiresAt) - server.clock.now().getTime()).to.equal(12 * 60 * MINUTE);
    const current = await server.get('/sessions/current', { headers: { cookie: cookieOf(response) } });
    expect([current.status, current.body.csrfToken, current.body.member.id]).to.deep.equal([200, response.body.csrfToken, response.body.member.id]);
    const read = await server.get('/programs', { headers: { cookie: cookieOf(response) } });
    expect(read.status, 'the cookie opens every route its role allows').to.equal(200);
  });

  it('gives the same 401 for an unknown e-mail, a wrong password and a member still invited', async () => {
    await activeMember(server, workspaceId, 'viewer.known@example.com', 'viewer');
    await server.container.get(MemberService).add(workspaceId, { email: 'still.invited@example.com', role: 'viewer' });
    const answers = await Promise.all([
      server.post('/sessions', { body: { email: 'nobody@example.com', password: GOOD_PASSWORD } }),
      server.post('/sessions', { body: { email: 'viewer.known@example.com', password: 'not the password at all' } }),
      server.post('/sessions', { body: { email: 'still.invited@example.com', password: GOOD_PASSWORD } }),
    ]);
    for (const answer of answers) {
      expect([answer.status, answer.body.error.code, answer.body.error.message]).to.deep.equal([401, 'invalid_credentials', 'The e-mail or the password is not right.']);
      expect(answer.headers.get('set-cookie')).to.equal(null);
    }
  });

  it('makes a fresh token at every sign-in, and signing out ends only that session', async () => {
    await activeMember(server, workspaceId, 'twice@example.com', 'viewer');
    const first = await signIn(server, 'twice@example.com');
    const second = await signIn(server, 'twice@example.com');
    expect(first.cookie).not.to.equal(second.cookie);
    expect(first.csrfToken).not.to.equal(second.csrfToken);
    const out = await server.delete('/sessions/current', { headers: first.write });
    expect(out.status).to.equal(204);
    expect(out.headers.get('set-cookie')).to.equal('flexroll_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0');
    const ended = await server.get('/sessions/current', { headers: first.read });
    expect([ended.status, ended.body.error.code]).to.deep.equal([401, 'session_expired']);
    expect((await server.get('/sessions/current', { headers: second.read })).status).to.equal(200);
  });

  it('refuses a write made with the cookie but without the session’s CSRF token', async () => {
    const admin = await signedInMember(server, workspaceId, 'admin');
    const body = { email: 'invitee.csrf@example.com', role: 'viewer' };
    const none = await server.post('/members', { headers: admin.read, body });
    expect([none.status, none.body.error.code, none.body.error.details[0].field]).to.deep.equal([403, 'csrf_token_invalid', '/headers/x-csrf-token']);
    const other = await signedInMember(server, workspaceId, 'admin');
    const wrong = await server.post('/members', { headers: { ...admin.read, 'x-csrf-token': other.csrfToken }, body });
    expect([wrong.status, wrong.body.error.code]).to.deep.equal([403, 'csrf_token_invalid']);
    const right = await server.post('/members', { headers: admin.write, body });
    expect(right.status).to.equal(201);
    expect(right.body.invitationUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/console\/accept-invitation#token=fri_[A-Za-z0-9_-]{43}$/);
    const withKey = await server.post('/members', { key, body: { email: 'invitee.key@example.com', role: 'viewer' } });
    expect(withKey.status, 'an API key needs no CSRF token').to.equal(201);
  });

  it('ends a session unused for 30 minutes, and any session 12 hours after sign-in', async () => {
    const member = await signedInMember(server, workspaceId, 'viewer');
    server.clock.advance(29 * MINUTE);
    expect((await server.get('/sessions/current', { headers: member.read })).status).to.equal(200);
    server.clock.advance(29 * MINUTE);
    const stillUsed = await server.get('/sessions/current', { headers: member.read });
    expect(stillUsed.status, 'each use moves the idle expiry on').to.equal(200);
    expect(Date.parse(stillUsed.body.idleExpiresAt) - server.clock.now().getTime()).to.equal(30 * MINUTE);
    server.clock.advance(31 * MINUTE);
    const idle = await server.get('/sessions/current', { headers: member.read });
    expect([idle.status, idle.body.error.code]).to.deep.equal([401, 'session_expired']);

    const busy = await signIn(server, member.email);
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      server.clock.advance(20 * MINUTE);
      expect((await server.get('/sessions/current', { headers: busy.read })).status, `after ${elapsed + 20} minutes`).to.equal(200);
    }
    server.clock.advance(20 * MINUTE);
    const absolute = await server.get('/sessions/current', { headers: busy.read });
    expect([absolute.status, absolute.body.error.code]).to.deep.equal([401, 'session_expired']);
  });

  it('ends every session of a member who is removed', async () => {
    const admin = await signedInMember(server, workspaceId, 'admin');
    const leaving = await signedInMember(server, workspaceId, 'reviewer');
    const again = await signIn(server, leaving.email);
    const removed = await server.delete(`/members/${leaving.memberId}`, { headers: admin.write });
    expect(removed.status).to.equal(204);
    for (const session of [leaving, again]) expect((await server.get('/sessions/current', { headers: session.read })).body.error.code).to.equal('session_expired');
    const signInAgain = await server.post('/sessions', { body: { email: leaving.email, password: GOOD_PASSWORD } });
    expect([signInAgain.status, signInAgain.body.error.code]).to.deep.equal([401, 'invalid_credentials']);
  });

  it('ends the other sessions of a member who changes password, keeping the one that changed it', async () => {
    const member = await signedInMember(server, workspaceId, 'viewer');
    const elsewhere = await signIn(server, member.email);
    const wrong = await server.post('/sessions/current/password', { headers: member.write, body: { currentPassword: 'not the current one', newPassword: 'a brand new passphrase' } });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details[0].field]).to.deep.equal([403, 'current_password_invalid', '/currentPassword']);
    const short = await server.post('/sessions/current/password', { headers: member.write, body: { currentPassword: GOOD_PASSWORD, newPassword: 'too short' } });
    expect([short.status, short.body.error.details[0].field, short.body.error.details[0].rule]).to.deep.equal([400, '/newPassword', 'minLength']);
    const changed = await server.post('/sessions/current/password', { headers: member.write, body: { currentPassword: GOOD_PASSWORD, newPassword: 'a brand new passphrase' } });
    expect([changed.status, changed.body.passwordChangedAt]).to.deep.equal([200, server.clock.now().toISOString()]);
    expect((await server.get('/sessions/current', { headers: member.read })).status).to.equal(200);
    expect((await server.get('/sessions/current', { headers: elsewhere.read })).body.error.code).to.equal('session_expired');
    expect((await server.post('/sessions', { body: { email: member.email, password: GOOD_PASSWORD } })).status).to.equal(401);
    expect((await server.post('/sessions', { body: { email: member.email, password: 'a brand new passphrase' } })).status).to.equal(201);
  });

  it('records a member’s writes on the event log with the member as actor', async () => {
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const admin = await signedInMember(server, workspaceId, 'admin');
    const instance = await server.post('/programInstances', { headers: admin.write, body: { programId: program.body.id, name: 'Console instance' } });
    expect(instance.status).to.equal(201);
    const enrollment = await server.post(`/programInstances/${instance.body.id}/enrollments`, { headers: admin.write, body: SUZIE });
    expect(enrollment.status).to.equal(201);
    const events = await server.get(`/events?enrollmentId=${enrollment.body.id}`, { headers: admin.read });
    expect(events.body.data[0]).to.deep.include({ type: 'enrollment.created', actor: { type: 'member', id: admin.memberId }, source: 'api' });
  });

  it('accepts an invitation once, and not after it expires', async () => {
    const { invitationToken } = await server.container.get(MemberService).add(workspaceId, { email: 'once@example.com', role: 'viewer' });
    const short = await server.post('/member-invitations/accept', { body: { token: invitationToken, password: 'short' } });
    expect([short.status, short.body.error.details[0].field]).to.deep.equal([400, '/password']);
    const accepted = await server.post('/member-invitations/accept', { body: { token: invitationToken, password: GOOD_PASSWORD } });
    expect([accepted.status, accepted.body.status]).to.deep.equal([200, 'active']);
    const again = await server.post('/member-invitations/accept', { body: { token: invitationToken, password: GOOD_PASSWORD } });
    expect([again.status, again.body.error.code]).to.deep.equal([404, 'invitation_invalid']);
    const late = await server.container.get(MemberService).add(workspaceId, { email: 'late@example.com', role: 'viewer' });
    server.clock.advance(7 * 24 * 60 * MINUTE);
    const expired = await server.post('/member-invitations/accept', { body: { token: late.invitationToken, password: GOOD_PASSWORD } });
    expect([expired.status, expired.body.error.code]).to.deep.equal([404, 'invitation_invalid']);
  });

  it('never demotes or removes the last active admin, and grants no role stronger than the caller', async () => {
    const { workspaceId: own } = await server.workspace('Alone');
    const admin = await signedInMember(server, own, 'admin');
    const demote = await server.patch(`/members/${admin.memberId}`, { headers: admin.write, body: { role: 'viewer' } });
    expect([demote.status, demote.body.error.code]).to.deep.equal([409, 'last_admin']);
    const remove = await server.delete(`/members/${admin.memberId}`, { headers: admin.write });
    expect([remove.status, remove.body.error.code]).to.deep.equal([409, 'last_admin']);
    const second = await signedInMember(server, own, 'admin');
    expect((await server.patch(`/members/${admin.memberId}`, { headers: second.write, body: { role: 'viewer' } })).status).to.equal(200);
    const manager = await server.container.get(ApiKeyService).create(own, { name: 'manages members only', type: 'scoped', mode: 'live', permissions: ['members:manage'] });
    const escalation = await server.post('/members', { key: manager.secret, body: { email: 'escalated@example.com', role: 'viewer' } });
    expect([escalation.status, escalation.body.error.code, escalation.body.error.details[0].field]).to.deep.equal([403, 'permission_not_held', '/role']);
    const reviewer = await signedInMember(server, own, 'reviewer');
    const byReviewer = await server.post('/members', { headers: reviewer.write, body: { email: 'escalated@example.com', role: 'viewer' } });
    expect([byReviewer.status, byReviewer.body.error.code]).to.deep.equal([403, 'missing_permission']);
  });

  it('keeps e-mails, passwords and tokens out of the logs', async () => {
    const member = await signedInMember(server, workspaceId, 'viewer', 'log.watcher@example.com');
    await server.get('/sessions/current', { headers: member.read });
    const log = server.logLines.join('\n');
    for (const secret of ['log.watcher@example.com', GOOD_PASSWORD, member.cookie.split('=')[1]!, member.csrfToken]) expect(log).not.to.include(secret);
  });
});

describeOnEachStore('Session cookies are Secure only behind a trusted proxy that says https', (store) => {
  it('sets Secure when a trusted proxy forwards https, and not when an untrusted client claims it', async () => {
    for (const [trustProxy, secure] of [['loopback', true], [false, false]] as const) {
      const server = await TestServer.start(store, { trustProxy });
      try {
        const { workspaceId } = await server.workspace('Proxy');
        await activeMember(server, workspaceId, 'proxied@example.com', 'viewer');
        const response = await server.post('/sessions', { headers: { 'x-forwarded-proto': 'https' }, body: { email: 'proxied@example.com', password: GOOD_PASSWORD } });
        expect(response.headers.get('set-cookie')!.endsWith('; Secure'), `trust proxy ${String(trustProxy)}`).to.equal(secure);
      } finally {
        await server.stop();
      }
    }
  });
});

describeOnEachStore('Failed sign-ins are throttled per e-mail and per address', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { failedSignInsPerEmailPerMinute: 3, failedAuthPerMinute: 6, rateLimitPerMinute: 100_000 });
  });
  after(async () => server?.stop());

  it('refuses an e-mail with 429 and Retry-After after 3 failures, then the address after 6', async () => {
    const { workspaceId } = await server.workspace('Throttled');
    await activeMember(server, workspaceId, 'target@example.com', 'viewer');
    for (let n = 0; n < 3; n++) expect((await server.post('/sessions', { body: { email: 'target@example.com', password: `guess number ${n}` } })).status).to.equal(401);
    const refused = await server.post('/sessions', { body: { email: 'target@example.com', password: GOOD_PASSWORD } });
    expect([refused.status, refused.body.error.code]).to.deep.equal([429, 'too_many_failed_attempts']);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
    for (let n = 0; n < 3; n++) expect((await server.post('/sessions', { body: { email: `other${n}@example.com`, password: 'guess again please' } })).status).to.equal(401);
    const address = await server.post('/sessions', { body: { email: 'someone.else@example.com', password: 'guess again please' } });
    expect([address.status, address.body.error.code]).to.deep.equal([429, 'too_many_failed_attempts']);
  });
});
