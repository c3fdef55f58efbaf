import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { FlexrollError } from '@flexroll/sdk';
import { MemberService } from '../access/MemberService.js';
import { SessionService } from '../access/SessionService.js';
import { permissionsOfRole } from '../access/roles.js';
import { CORE_TOKENS, resolveAll, STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn, type CoreHarness } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function failure(work: Promise<unknown>): Promise<FlexrollError> {
  const error = await work.then(() => undefined, (caught: unknown) => caught);
  if (!FlexrollError.is(error)) throw new Error(`expected a FlexrollError, got ${String(error)}`);
  return error;
}

/** The members' and sessions' services on a real store, under a manual clock: invitations, sign-in, expiry, revocation. */
export function memberSessionSpecs(store: () => StoreUnderTest): void {
  let harness: CoreHarness;
  let members: MemberService;
  let sessions: SessionService;
  let workspaceId: string;
  beforeEach(async () => {
    harness = harnessOn(store());
    members = harness.container.get(MemberService);
    sessions = harness.container.get(SessionService);
    workspaceId = (await harness.workspaces.create('Members')).id;
  });
  /** An active member: invited, then its invitation accepted with the password. */
  const active = async (email: string, role: 'viewer' | 'reviewer' | 'admin' = 'viewer', inWorkspace = workspaceId) => {
    const { member, invitationToken } = await members.add(inWorkspace, { email, role });
    await members.acceptInvitation(invitationToken!, PASSWORD);
    return member;
  };

  it('invites with a one-time token stored only as its SHA-256, lower-cases the e-mail, and checks what it is given', async () => {
    const { member, invitationToken } = await members.add(workspaceId, { email: '  Pat.Doe@Example.COM ', role: 'reviewer' });
    expect(member).to.deep.include({ email: 'pat.doe@example.com', role: 'reviewer', status: 'invited' });
    expect(member.id).to.match(/^mem_[0-9a-f]{24}$/);
    const stored = await harness.port(STORE_TOKENS.members).get(workspaceId, member.id);
    expect(stored?.invitationTokenHash).to.equal(sha256(invitationToken!));
    expect(JSON.stringify(stored)).to.not.include(invitationToken!);
    expect(Date.parse(stored!.invitationExpiresAt!) - harness.clock.now().getTime()).to.equal(7 * 24 * 60 * MINUTE);
    expect((await failure(members.add(workspaceId, { email: 'not an address', role: 'viewer' }))).details[0]).to.deep.include({ field: '/email', rule: 'format' });
    expect((await failure(members.add(workspaceId, { email: 'a@example.com', role: 'owner' as 'admin' }))).details[0]).to.deep.include({ field: '/role', rule: 'enum' });
    expect((await failure(members.add('ws_nowhere', { email: 'a@example.com', role: 'viewer' }))).kind).to.equal('not_found');
  });

  it('activates a member once with a password hashed by argon2id, and re-invites one still invited with a new link', async () => {
    const first = await members.add(workspaceId, { email: 'sam@example.com', role: 'viewer' });
    const second = await members.add(workspaceId, { email: 'sam@example.com', role: 'reviewer' });
    expect(second.member.id, 'the same member').to.equal(first.member.id);
    expect((await failure(members.acceptInvitation(first.invitationToken!, PASSWORD))).code, 'the old link is dead').to.equal('invitation_invalid');
    expect((await failure(members.acceptInvitation(second.invitationToken!, 'short'))).details[0]).to.deep.include({ field: '/password', rule: 'minLength' });
    expect((await failure(members.acceptInvitation(second.invitationToken!, 'x'.repeat(257)))).details[0]).to.deep.include({ field: '/password', rule: 'maxLength' });
    const accepted = await members.acceptInvitation(second.invitationToken!, PASSWORD);
    expect(accepted).to.deep.include({ status: 'active', role: 'reviewer', passwordChangedAt: harness.clock.now().toISOString() });
    expect(accepted).to.not.have.property('passwordHash');
    const stored = await harness.port(STORE_TOKENS.members).get(workspaceId, accepted.id);
    expect(stored?.passwordHash).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).to.not.have.property('invitationTokenHash');
    expect((await failure(members.acceptInvitation(second.invitationToken!, PASSWORD))).code, 'single use').to.equal('invitation_invalid');
    expect((await failure(members.add(workspaceId, { email: 'sam@example.com', role: 'viewer' }))).code).to.equal('member_exists');
  });

  it('opens a new session at every sign-in, stores only the token’s hash, and answers a wrong password as an unknown e-mail', async () => {
    const member = await active('kim@example.com', 'reviewer');
    const first = await sessions.signIn({ email: 'KIM@example.com', password: PASSWORD });
    const second = await sessions.signIn({ email: 'kim@example.com', password: PASSWORD });
    expect(first.token).to.match(/^frs_[A-Za-z0-9_-]{43}$/);
    expect(first.token).to.not.equal(second.token);
    expect(first.session).to.deep.include({ memberId: member.id, workspaceId, tokenHash: sha256(first.token) });
    expect(first.csrfToken).to.not.equal(second.csrfToken);
    expect((await sessions.authenticate(first.token))?.member.id).to.equal(member.id);
    const wrong = await failure(sessions.signIn({ email: 'kim@example.com', password: 'not the password' }));
    const unknown = await failure(sessions.signIn({ email: 'nobody@example.com', password: PASSWORD }));
    expect([wrong.kind, wrong.code, wrong.message]).to.deep.equal([unknown.kind, unknown.code, unknown.message]);
    expect([wrong.kind, wrong.code]).to.deep.equal(['unauthorized', 'invalid_credentials']);
  });

  it('asks which workspace when one e-mail and password open several, and signs in to the one named', async () => {
    const other = (await harness.workspaces.create('Second')).id;
    await active('both@example.com', 'viewer');
    await active('both@example.com', 'admin', other);
    const ambiguous = await failure(sessions.signIn({ email: 'both@example.com', password: PASSWORD }));
    expect([ambiguous.code, ambiguous.details[0]?.field]).to.deep.equal(['workspace_required', '/workspaceId']);
    const chosen = await sessions.signIn({ email: 'both@example.com', password: PASSWORD, workspaceId: other });
    expect([chosen.session.workspaceId, chosen.member.role]).to.deep.equal([other, 'admin']);
  });

  it('records use at most once a minute, and ends a session idle for 30 minutes or 12 hours after sign-in', async () => {
    await active('lee@example.com');
    const opened = await sessions.signIn({ email: 'lee@example.com', password: PASSWORD });
    const stored = () => harness.port(STORE_TOKENS.sessions).findByTokenHash(sha256(opened.token));
    harness.clock.advance(30_000);
    await sessions.authenticate(opened.token);
    expect((await stored())?.lastSeenAt, 'not written within the minute').to.equal(opened.session.lastSeenAt);
    harness.clock.advance(31_000);
    const seen = await sessions.authenticate(opened.token);
    expect((await stored())?.lastSeenAt).to.equal(harness.clock.now().toISOString());
    expect(Date.parse(seen!.idleExpiresAt) - harness.clock.now().getTime()).to.equal(30 * MINUTE);
    harness.clock.advance(30 * MINUTE);
    expect(await sessions.authenticate(opened.token), 'idle').to.equal(undefined);
    expect(await stored(), 'and removed').to.equal(undefined);
    const busy = await sessions.signIn({ email: 'lee@example.com', password: PASSWORD });
    for (let minutes = 0; minutes < 12 * 60 - 25; minutes += 25) {
      harness.clock.advance(25 * MINUTE);
      expect(await sessions.authenticate(busy.token), `after ${minutes + 25} minutes`).to.not.equal(undefined);
    }
    harness.clock.advance(25 * MINUTE);
    expect(await sessions.authenticate(busy.token), 'absolute').to.equal(undefined);
  });

  it('ends a removed member’s sessions, and a member’s other sessions when it changes its password', async () => {
    await active('admin@example.com', 'admin');
    const leaving = await active('leaving@example.com', 'reviewer');
    const leavingSession = await sessions.signIn({ email: 'leaving@example.com', password: PASSWORD });
    await members.remove(workspaceId, leaving.id, { permissions: permissionsOfRole('admin') });
    expect(await sessions.authenticate(leavingSession.token)).to.equal(undefined);
    const staying = await active('staying@example.com');
    const here = await sessions.signIn({ email: 'staying@example.com', password: PASSWORD });
    const there = await sessions.signIn({ email: 'staying@example.com', password: PASSWORD });
    expect((await failure(members.changePassword(workspaceId, staying.id, { currentPassword: 'wrong one', newPassword: 'a new passphrase' }, here.session.id))).code).to.equal('current_password_invalid');
    await members.changePassword(workspaceId, staying.id, { currentPassword: PASSWORD, newPassword: 'a new passphrase' }, here.session.id);
    expect(await sessions.authenticate(here.token)).to.not.equal(undefined);
    expect(await sessions.authenticate(there.token)).to.equal(undefined);
    expect((await failure(sessions.signIn({ email: 'staying@example.com', password: PASSWORD }))).code).to.equal('invalid_credentials');
  });

  it('never leaves a workspace without an active admin, and grants only roles the grantor’s permissions cover', async () => {
    const admin = await active('only.admin@example.com', 'admin');
    expect((await failure(members.changeRole(workspaceId, admin.id, 'viewer'))).code).to.equal('last_admin');
    expect((await failure(members.remove(workspaceId, admin.id))).code).to.equal('last_admin');
    const second = await active('second.admin@example.com', 'admin');
    expect((await members.changeRole(workspaceId, admin.id, 'viewer')).role).to.equal('viewer');
    expect((await failure(members.remove(workspaceId, second.id))).code).to.equal('last_admin');
    const reviewerPowers = { permissions: permissionsOfRole('reviewer') };
    const escalation = await failure(members.add(workspaceId, { email: 'new.admin@example.com', role: 'admin' }, reviewerPowers));
    expect([escalation.kind, escalation.code, escalation.details[0]?.field]).to.deep.equal(['forbidden', 'permission_not_held', '/role']);
    expect((await failure(members.changeRole(workspaceId, second.id, 'viewer', reviewerPowers))).code, 'nor demote a stronger member').to.equal('permission_not_held');
  });

  it('limits a member to program instances, and lets an instance-limited caller grant and manage only members within its own', async () => {
    const { context, instance: inside } = await harness.tenant('Scoped members');
    const outside = await harness.instances.create(context, { programId: inside.programId, name: 'Elsewhere 2025' });
    const scoped = context.workspaceId;
    const wide = await active('wide.admin@example.com', 'admin', scoped);
    const { member: partner } = await members.add(scoped, { email: 'partner@example.com', role: 'admin', programInstanceIds: [inside.id, inside.id] });
    expect(partner.programInstanceIds, 'stored, without repeats').to.deep.equal([inside.id]);
    expect((await members.get(scoped, partner.id)).programInstanceIds).to.deep.equal([inside.id]);
    const unknown = await failure(members.add(scoped, { email: 'x@example.com', role: 'viewer', programInstanceIds: [inside.id, 'cnotanidanywhere000000009'] }));
    expect([unknown.kind, unknown.details[0]?.field, unknown.details[0]?.rule]).to.deep.equal(['input', '/programInstanceIds/1', 'exists']);
    expect((await failure(members.add(scoped, { email: 'x@example.com', role: 'viewer', programInstanceIds: [] }))).details[0]).to.deep.include({ rule: 'min_items' });

    const partnerPowers = { permissions: permissionsOfRole('admin'), programInstanceIds: [inside.id] };
    const broader = await failure(members.add(scoped, { email: 'broad@example.com', role: 'viewer' }, partnerPowers));
    expect([broader.kind, broader.code, broader.details[0]?.field]).to.deep.equal(['forbidden', 'instance_scope_not_held', '/programInstanceIds']);
    expect((await failure(members.add(scoped, { email: 'other@example.com', role: 'viewer', programInstanceIds: [outside.id] }, partnerPowers))).code).to.equal('instance_scope_not_held');
    const { member: helper } = await members.add(scoped, { email: 'helper@example.com', role: 'viewer', programInstanceIds: [inside.id] }, partnerPowers);
    expect((await members.list(scoped, partnerPowers)).map((member) => member.id).sort(), 'only members within its scope').to.deep.equal([partner.id, helper.id].sort());

    // An e-mail of a member it cannot see (active, or invited to another instance) is, to it, an unknown address: the
    // answer a new address gets, with nothing stored, the member untouched, and a link that opens nothing.
    const fresh = await members.add(scoped, { email: 'newcomer@example.com', role: 'viewer', programInstanceIds: [inside.id] }, partnerPowers);
    const far = await members.add(scoped, { email: 'far@example.com', role: 'reviewer', programInstanceIds: [outside.id] });
    const port = harness.port(STORE_TOKENS.members);
    for (const unseen of [wide, far.member]) {
      const before = await port.get(scoped, unseen.id);
      const answer = await members.add(scoped, { email: unseen.email, role: 'viewer', programInstanceIds: [inside.id] }, partnerPowers);
      expect(Object.keys(answer).sort()).to.deep.equal(Object.keys(fresh).sort());
      expect({ ...answer.member, id: '<id>' }, `${unseen.email}: a new address's answer`).to.deep.equal({ ...fresh.member, email: unseen.email, id: '<id>' });
      expect(answer.member.id).to.match(/^mem_/).and.not.equal(unseen.id);
      expect(await port.get(scoped, unseen.id), `${unseen.email} untouched`).to.deep.equal(before);
      expect(await port.get(scoped, answer.member.id), 'nothing stored').to.equal(undefined);
      expect((await failure(members.acceptInvitation(answer.invitationToken!, PASSWORD))).code).to.equal('invitation_invalid');
    }
    expect((await members.acceptInvitation(far.invitationToken!, PASSWORD)).status, 'the real invitation still works').to.equal('active');
    expect((await failure(members.add(scoped, { email: wide.email, role: 'viewer' }))).code, 'a workspace-wide caller is told').to.equal('member_exists');

    const hidden = await failure(members.changeRole(scoped, wide.id, 'viewer', partnerPowers));
    expect([hidden.kind, hidden.code, hidden.message.replaceAll(wide.id, '<id>')], 'a broader member is an unknown id to it')
      .to.deep.equal(['not_found', 'member_not_found', (await failure(members.get(scoped, 'mem_000000000000000000000000'))).message.replaceAll('mem_000000000000000000000000', '<id>')]);
    expect((await failure(members.remove(scoped, wide.id, partnerPowers))).kind).to.equal('not_found');
    expect((await failure(members.change(scoped, helper.id, { programInstanceIds: null }, partnerPowers))).code, 'nor widens one to the workspace').to.equal('instance_scope_not_held');
    expect((await failure(members.change(scoped, helper.id, { programInstanceIds: [inside.id, outside.id] }, partnerPowers))).code).to.equal('instance_scope_not_held');

    const widened = await members.change(scoped, helper.id, { programInstanceIds: [inside.id, outside.id] });
    expect(widened.programInstanceIds).to.deep.equal([inside.id, outside.id]);
    expect((await failure(members.get(scoped, helper.id, partnerPowers))).kind, 'now broader than the partner').to.equal('not_found');
    const whole = await members.change(scoped, helper.id, { programInstanceIds: null, role: 'reviewer' });
    expect([whole.programInstanceIds, whole.role, (await members.get(scoped, helper.id)).programInstanceIds]).to.deep.equal([undefined, 'reviewer', undefined]);
  });

  it('sweeps away sessions past their absolute expiry, as a worker’s background task', async () => {
    await active('sweep@example.com');
    const opened = await sessions.signIn({ email: 'sweep@example.com', password: PASSWORD });
    const task = resolveAll(harness.container, CORE_TOKENS.backgroundTasks).find((candidate) => candidate.name === 'session-expiry');
    expect(await task!.runOnce(), 'nothing expired yet').to.equal(0);
    harness.clock.advance(12 * 60 * MINUTE);
    expect(await task!.runOnce()).to.be.at.least(1);
    expect(await harness.port(STORE_TOKENS.sessions).findByTokenHash(sha256(opened.token))).to.equal(undefined);
  });
}
