import { inject, injectable } from 'inversify';
import { ConflictError, FlexrollError, InputError, NotFoundError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, prefixedIdFor, type Operation, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { ApiKeyPermission } from './ApiKey.js';
import { hashSecret } from './ApiKeyService.js';
import { MEMBER_ROLES, memberOf, type Member, type MemberRecord, type MemberRole } from './Member.js';
import { checkMemberGrant } from './memberGrants.js';
import { checkPassword } from './passwordRules.js';
import { PasswordHasher } from './PasswordHasher.js';
import type { MemberRepository } from './ports/MemberRepository.js';
import type { SessionRepository } from './ports/SessionRepository.js';
import type { WorkspaceRepository } from './ports/WorkspaceRepository.js';
import { newSecretToken } from './secretTokens.js';
import { checkScopeInstances } from './instanceScopeIds.js';
import { scopeWithin } from './keyGrants.js';
import type { ProgramInstanceRepository } from '../programs/index.js';

/** What adding a member returns: the member and, this once, the invitation token its link carries. */
export interface AddedMember {
  readonly member: Member;
  readonly invitationToken?: string;
}

/**
 * Who acts on members: the permissions it holds (a member's role's, a key's), so it grants no more than it holds.
 * Absent for the platform's operators (the CLI), who are not bound.
 */
export interface MemberGrantor {
  readonly permissions: readonly ApiKeyPermission[];
  /** The instances the caller is limited to (ADR 0025); absent: the whole workspace. */
  readonly programInstanceIds?: readonly string[];
}

/** What a change to a member names: a role, and/or its instances (`null`: the whole workspace again). */
export interface MemberChange {
  readonly role?: MemberRole;
  readonly programInstanceIds?: readonly string[] | null;
}

// Shape only: whether the address exists is for the invitation to find out.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const EMAIL_MAX_LENGTH = 254;

/**
 * A workspace's members: invited with a one-time link (its token stored only as a SHA-256, expiring), activated by
 * setting a password (argon2id), given a role, removed. A removal or a password change ends the member's sessions.
 */
@injectable()
export class MemberService {
  constructor(
    @inject(STORE_TOKENS.members) private readonly members: MemberRepository,
    @inject(STORE_TOKENS.sessions) private readonly sessions: SessionRepository,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
  ) {}

  /**
   * Invites a member. An e-mail already invited (and not yet active) gets a fresh link, the old one dead; an active
   * one is a conflict. To a caller limited to program instances, an e-mail of a member outside its scope answers as
   * an unknown one does (docs/security.md §2a). Within an idempotent request the id is derived from it, so a retry
   * finds the same member.
   */
  async add(workspaceId: string, input: { readonly email: string; readonly role: MemberRole; readonly programInstanceIds?: readonly string[] }, grantor?: MemberGrantor, operation?: Operation): Promise<AddedMember> {
    if ((await this.workspaces.get(workspaceId)) === undefined) throw new NotFoundError('workspace', workspaceId);
    const email = checkEmail(input.email);
    checkRole(input.role);
    if (grantor !== undefined) checkMemberGrant(grantor.permissions, input.role, '/role');
    const programInstanceIds = await checkScopeInstances(this.instances, workspaceId, input.programInstanceIds);
    if (grantor !== undefined) checkScopeGrant(grantor, programInstanceIds);
    const scope = programInstanceIds === undefined ? {} : { programInstanceIds };
    const id = prefixedIdFor(operation, 'mem');
    const earlier = operation === undefined ? undefined : await this.members.get(workspaceId, id);
    if (earlier !== undefined) return { member: memberOf(earlier) };
    const token = newSecretToken('fri');
    const now = this.clock.now();
    const invitation = { invitationTokenHash: hashSecret(token), invitationExpiresAt: new Date(now.getTime() + this.settings.invitationTtlMs).toISOString() };
    const existing = (await this.members.findByEmail(email)).find((member) => member.workspaceId === workspaceId);
    const member: MemberRecord = { id, workspaceId, email, role: input.role, status: 'invited', ...scope, createdAt: now.toISOString(), ...invitation };
    // A member the caller cannot see (ADR 0025) is, to it, an unknown address: answered as a new invitation would be,
    // with nothing stored and the member untouched; the link's token was never stored, so it opens nothing.
    if (existing !== undefined && grantor !== undefined && !scopeWithin(grantor, existing.programInstanceIds)) return { member: memberOf(member), invitationToken: token };
    if (existing !== undefined) {
      if (existing.status === 'active') throw new ConflictError('member_exists', 'That e-mail is already an active member of this workspace.');
      if (grantor !== undefined) checkMemberGrant(grantor.permissions, existing.role, '/email');
      const { programInstanceIds: _previous, ...rest } = existing;
      const reinvited: MemberRecord = { ...rest, role: input.role, ...scope, ...invitation };
      await this.members.replace(reinvited);
      return { member: memberOf(reinvited), invitationToken: token };
    }
    await this.members.insert(member);
    return { member: memberOf(member), invitationToken: token };
  }

  /** Sets the password of the member the invitation names and activates it; the token works once, and not after it expires. */
  async acceptInvitation(token: string, password: string): Promise<Member> {
    checkPassword(password, '/password');
    const found = await this.members.findByInvitationHash(hashSecret(token));
    const now = this.clock.now();
    if (found === undefined || found.invitationExpiresAt === undefined || Date.parse(found.invitationExpiresAt) <= now.getTime()) {
      throw new FlexrollError('not_found', 'invitation_invalid', 'The invitation is unknown, already used or expired; ask an admin for a new one.', {
        details: [{ field: '/token', rule: 'invitation', message: 'is unknown, used or expired' }],
      });
    }
    const { invitationTokenHash: _invitation, invitationExpiresAt: _expiry, ...rest } = found;
    const active: MemberRecord = { ...rest, status: 'active', passwordHash: await this.hasher.hash(password), passwordChangedAt: now.toISOString() };
    await this.members.replace(active);
    return memberOf(active);
  }

  /** The workspace's members; for a caller limited to program instances, only members within its scope (ADR 0025). */
  async list(workspaceId: string, grantor?: MemberGrantor): Promise<readonly Member[]> {
    const members = (await this.members.list(workspaceId)).map(memberOf);
    return grantor === undefined ? members : members.filter((member) => scopeWithin(grantor, member.programInstanceIds));
  }

  async get(workspaceId: string, id: string, grantor?: MemberGrantor): Promise<Member> {
    return memberOf(await this.#record(workspaceId, id, grantor));
  }

  /** Gives a member another role; never leaves the workspace without an active admin. */
  async changeRole(workspaceId: string, id: string, role: MemberRole, grantor?: MemberGrantor): Promise<Member> {
    return this.change(workspaceId, id, { role }, grantor);
  }

  /**
   * Gives a member another role and/or other program instances (`null`: the whole workspace); never leaves the
   * workspace without an active admin, and a caller grants only a role and instances it holds itself.
   */
  async change(workspaceId: string, id: string, change: MemberChange, grantor?: MemberGrantor): Promise<Member> {
    if (change.role !== undefined) checkRole(change.role);
    const member = await this.#record(workspaceId, id, grantor);
    const role = change.role ?? member.role;
    if (grantor !== undefined) {
      checkMemberGrant(grantor.permissions, member.role, '/path/memberId');
      checkMemberGrant(grantor.permissions, role, '/role');
    }
    const { programInstanceIds: previous, ...rest } = member;
    let scope = previous;
    if (change.programInstanceIds !== undefined) {
      scope = change.programInstanceIds === null ? undefined : await checkScopeInstances(this.instances, workspaceId, change.programInstanceIds);
      if (grantor !== undefined) checkScopeGrant(grantor, scope);
    }
    if (member.role === role && sameScope(previous, scope)) return memberOf(member);
    const changed: MemberRecord = { ...rest, role, ...(scope === undefined ? {} : { programInstanceIds: scope }) };
    await this.#keepingAnAdmin(member, () => this.members.replace(changed), () => this.members.replace(member));
    return memberOf(changed);
  }

  /** Removes a member and ends its sessions; never the workspace's last active admin. */
  async remove(workspaceId: string, id: string, grantor?: MemberGrantor): Promise<Member> {
    const member = await this.#record(workspaceId, id, grantor);
    if (grantor !== undefined) checkMemberGrant(grantor.permissions, member.role, '/path/memberId');
    await this.#keepingAnAdmin(member, () => this.members.delete(workspaceId, id), () => this.members.insert(member));
    await this.sessions.deleteForMember(workspaceId, id);
    return memberOf(member);
  }

  /** Changes a member's own password, given the current one; every other session of the member ends. */
  async changePassword(workspaceId: string, memberId: string, input: { readonly currentPassword: string; readonly newPassword: string }, keepSessionId?: string): Promise<Member> {
    checkPassword(input.newPassword, '/newPassword');
    const member = await this.#record(workspaceId, memberId);
    if (member.passwordHash === undefined || !(await this.hasher.verify(member.passwordHash, input.currentPassword))) {
      throw new FlexrollError('forbidden', 'current_password_invalid', 'The current password is not right.', {
        details: [{ field: '/currentPassword', rule: 'matches', message: 'is not the current password' }],
      });
    }
    const changed: MemberRecord = { ...member, passwordHash: await this.hasher.hash(input.newPassword), passwordChangedAt: this.clock.now().toISOString() };
    await this.members.replace(changed);
    await this.sessions.deleteForMember(workspaceId, memberId, keepSessionId);
    return memberOf(changed);
  }

  /** The member named; one broader than an instance-limited caller is, to it, an unknown id (ADR 0025). */
  async #record(workspaceId: string, id: string, grantor?: MemberGrantor): Promise<MemberRecord> {
    const member = await this.members.get(workspaceId, id);
    if (member === undefined || (grantor !== undefined && !scopeWithin(grantor, member.programInstanceIds))) throw new NotFoundError('member', id);
    return member;
  }

  /**
   * Runs a change that may take an admin away, refusing it when no other active admin would be left. Checked before
   * and again after the write (undone if two admins demoted each other at once), since the store has no transaction.
   */
  async #keepingAnAdmin(member: MemberRecord, change: () => Promise<void>, undo: () => Promise<void>): Promise<void> {
    const removesAnAdmin = member.role === 'admin' && member.status === 'active';
    const lastAdmin = async () => !(await this.members.list(member.workspaceId)).some((other) => other.id !== member.id && other.role === 'admin' && other.status === 'active');
    const refuse = () => new ConflictError('last_admin', 'This is the workspace’s last active admin: make another member admin first.');
    if (removesAnAdmin && (await lastAdmin())) throw refuse();
    await change();
    if (removesAnAdmin && (await lastAdmin())) {
      await undo();
      throw refuse();
    }
  }
}

/** A caller limited to program instances grants only instances it reaches itself, never the whole workspace. */
function checkScopeGrant(grantor: MemberGrantor, scope: readonly string[] | undefined): void {
  if (!scopeWithin(grantor, scope)) throw scopeNotHeld('/programInstanceIds', 'must name only program instances the caller reaches');
}

function scopeNotHeld(field: string, message: string): FlexrollError {
  return new FlexrollError('forbidden', 'instance_scope_not_held', 'The caller is limited to program instances: it can grant and manage only members limited to instances of its own.', {
    details: [{ field, rule: 'held_by_caller', message }],
  });
}

function sameScope(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((id) => b.includes(id));
}

function checkEmail(email: string): string {
  const normal = email.trim().toLowerCase();
  if (normal.length > EMAIL_MAX_LENGTH || !EMAIL.test(normal)) throw new InputError('The e-mail address is not valid.', [{ field: '/email', rule: 'format', message: 'must be an e-mail address' }]);
  return normal;
}

function checkRole(role: string): asserts role is MemberRole {
  if (!(MEMBER_ROLES as readonly string[]).includes(role)) throw new InputError(`The role must be one of ${MEMBER_ROLES.join(', ')}.`, [{ field: '/role', rule: 'enum', message: `must be one of ${MEMBER_ROLES.join(', ')}` }]);
}
