import type { MemberRecord, Session } from '../../index.js';
import { FlexrollError } from '@flexroll/sdk';
import { expect } from 'chai';
import { at, T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const member = (workspaceId: string, id: string, email: string, extra: Partial<MemberRecord> = {}): MemberRecord => ({
  id, workspaceId, email, role: 'viewer', status: 'invited', createdAt: T0, invitationTokenHash: `inv_${id}`, invitationExpiresAt: at(60), ...extra,
});
const session = (workspaceId: string, id: string, memberId: string, tokenHash: string): Session => ({
  id, workspaceId, memberId, tokenHash, createdAt: T0, expiresAt: at(12 * 60), lastSeenAt: T0,
});

async function expectConflict(write: Promise<unknown>): Promise<void> {
  const error = await write.then(() => undefined, (caught: unknown) => caught);
  expect(FlexrollError.is(error) && error.kind === 'conflict', String(error)).to.equal(true);
}

/** Members and sessions: round trips, unique e-mails per workspace and token hashes, the unscoped lookups, tenancy. */
export function memberPortSpecs(ports: () => SpecPorts): void {
  it('keeps one member per e-mail in a workspace, finds an e-mail in every workspace, and by invitation hash', async () => {
    const first = member('ws_mem_a', 'mem_a1', 'pat@example.com');
    await ports().members.insert(first);
    await ports().members.insert(member('ws_mem_b', 'mem_b1', 'pat@example.com', { createdAt: at(1) }));
    await expectConflict(ports().members.insert(member('ws_mem_a', 'mem_a2', 'pat@example.com')));
    expect(await ports().members.get('ws_mem_a', 'mem_a1')).to.deep.equal(first);
    expect(await ports().members.get('ws_mem_b', 'mem_a1'), 'another workspace’s id').to.equal(undefined);
    expect((await ports().members.findByEmail('pat@example.com')).map((found) => found.workspaceId)).to.deep.equal(['ws_mem_a', 'ws_mem_b']);
    expect(await ports().members.findByEmail('nobody@example.com')).to.deep.equal([]);
    expect(await ports().members.findByInvitationHash('inv_mem_b1')).to.deep.include({ id: 'mem_b1', workspaceId: 'ws_mem_b' });
    expect(await ports().members.findByInvitationHash('inv_nothing')).to.equal(undefined);
  });

  it('replaces a member whole (fields dropped stay dropped), lists a workspace’s oldest first, and deletes within its workspace', async () => {
    await ports().members.insert(member('ws_mem_c', 'mem_c2', 'later@example.com', { createdAt: at(2) }));
    await ports().members.insert(member('ws_mem_c', 'mem_c1', 'earlier@example.com', { createdAt: at(1) }));
    const { invitationTokenHash: _hash, invitationExpiresAt: _expiry, ...accepted } = member('ws_mem_c', 'mem_c1', 'earlier@example.com', { createdAt: at(1) });
    const active: MemberRecord = { ...accepted, status: 'active', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', passwordChangedAt: at(3) };
    await ports().members.replace(active);
    expect(await ports().members.get('ws_mem_c', 'mem_c1')).to.deep.equal(active);
    expect(await ports().members.findByInvitationHash('inv_mem_c1'), 'the used invitation is gone').to.equal(undefined);
    expect((await ports().members.list('ws_mem_c')).map((found) => found.id)).to.deep.equal(['mem_c1', 'mem_c2']);
    await ports().members.delete('ws_mem_other', 'mem_c2');
    expect(await ports().members.list('ws_mem_c')).to.have.length(2);
    await ports().members.delete('ws_mem_c', 'mem_c2');
    expect((await ports().members.list('ws_mem_c')).map((found) => found.id)).to.deep.equal(['mem_c1']);
    await ports().members.insert(member('ws_mem_c', 'mem_c3', 'later@example.com', { createdAt: at(4) }));
  });

  it('finds a session by its token hash alone, touches and deletes it within its workspace, and ends a member’s others', async () => {
    await ports().sessions.insert(session('ws_ses_a', 'ses_a1', 'mem_x', 'hash_ses_a1'));
    await ports().sessions.insert(session('ws_ses_a', 'ses_a2', 'mem_x', 'hash_ses_a2'));
    await ports().sessions.insert(session('ws_ses_a', 'ses_a3', 'mem_x', 'hash_ses_a3'));
    await ports().sessions.insert(session('ws_ses_a', 'ses_a4', 'mem_y', 'hash_ses_a4'));
    await expectConflict(ports().sessions.insert(session('ws_ses_b', 'ses_b1', 'mem_z', 'hash_ses_a1')));
    await ports().sessions.touch('ws_ses_b', 'ses_a1', at(5));
    expect((await ports().sessions.findByTokenHash('hash_ses_a1'))?.lastSeenAt, 'another workspace cannot touch it').to.equal(T0);
    await ports().sessions.touch('ws_ses_a', 'ses_a1', at(5));
    expect(await ports().sessions.findByTokenHash('hash_ses_a1')).to.deep.equal({ ...session('ws_ses_a', 'ses_a1', 'mem_x', 'hash_ses_a1'), lastSeenAt: at(5) });
    expect(await ports().sessions.deleteForMember('ws_ses_b', 'mem_x'), 'another workspace’s member of the same id').to.equal(0);
    expect(await ports().sessions.deleteForMember('ws_ses_a', 'mem_x', 'ses_a1')).to.equal(2);
    expect(await ports().sessions.findByTokenHash('hash_ses_a2')).to.equal(undefined);
    expect(await ports().sessions.findByTokenHash('hash_ses_a1'), 'the one kept').to.not.equal(undefined);
    await ports().sessions.delete('ws_ses_b', 'ses_a1');
    expect(await ports().sessions.findByTokenHash('hash_ses_a1')).to.not.equal(undefined);
    await ports().sessions.delete('ws_ses_a', 'ses_a1');
    expect(await ports().sessions.findByTokenHash('hash_ses_a1')).to.equal(undefined);
    expect(await ports().sessions.findByTokenHash('hash_ses_a4')).to.deep.include({ memberId: 'mem_y' });
  });

  it('removes the sessions past their absolute expiry, and only those', async () => {
    await ports().sessions.insert({ ...session('ws_ses_c', 'ses_c1', 'mem_c', 'hash_ses_c1'), expiresAt: '2000-01-01T00:00:00.000Z' });
    await ports().sessions.insert({ ...session('ws_ses_c', 'ses_c2', 'mem_c', 'hash_ses_c2'), expiresAt: '2999-01-01T00:00:00.000Z' });
    expect(await ports().sessions.deleteExpired('2000-01-01T00:00:00.000Z')).to.be.at.least(1);
    expect(await ports().sessions.findByTokenHash('hash_ses_c1')).to.equal(undefined);
    expect(await ports().sessions.findByTokenHash('hash_ses_c2')).to.not.equal(undefined);
  });
}
