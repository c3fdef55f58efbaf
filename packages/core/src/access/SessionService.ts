import { inject, injectable } from 'inversify';
import { FlexrollError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, newPrefixedId, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import { hashSecret } from './ApiKeyService.js';
import { memberOf, type Member, type MemberRecord } from './Member.js';
import { PasswordHasher } from './PasswordHasher.js';
import type { MemberRepository } from './ports/MemberRepository.js';
import type { SessionRepository } from './ports/SessionRepository.js';
import type { Session } from './Session.js';
import { csrfTokenOf, newSecretToken } from './secretTokens.js';

/** A live session with its member, as authentication finds it. */
export interface ActiveSession {
  readonly session: Session;
  readonly member: Member;
  /** When the session ends if unused: its last use plus the idle time, never past its absolute expiry. */
  readonly idleExpiresAt: string;
  readonly csrfToken: string;
}

/** A session just opened: what {@link ActiveSession} says, and, this once, its token (the cookie's value). */
export interface OpenedSession extends ActiveSession {
  readonly token: string;
}

/** How long use may go unrecorded: a write per minute at most per session, so reads stay reads. */
const TOUCH_RESOLUTION_MS = 60_000;
/** How many members with one e-mail a sign-in without a workspace tries (each is a password hash to check). */
const MAX_CANDIDATES = 10;

/**
 * Members' sessions: an opaque random token (256 bits) in the member's cookie, stored only as its SHA-256. Each
 * sign-in makes a new one (a token planted before sign-in is never promoted), ending after `sessionIdleMs` unused or
 * `sessionAbsoluteMs` after sign-in. A wrong password and an unknown e-mail get the same answer, after the same work.
 */
@injectable()
export class SessionService {
  constructor(
    @inject(STORE_TOKENS.members) private readonly members: MemberRepository,
    @inject(STORE_TOKENS.sessions) private readonly sessions: SessionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(PasswordHasher) private readonly hasher: PasswordHasher,
  ) {}

  /** Checks an e-mail and password (in `workspaceId` if given) and opens a session; 401 `invalid_credentials` otherwise. */
  async signIn(input: { readonly email: string; readonly password: string; readonly workspaceId?: string }): Promise<OpenedSession> {
    const email = input.email.trim().toLowerCase();
    const candidates = (await this.members.findByEmail(email))
      .filter((member) => member.status === 'active' && member.passwordHash !== undefined && (input.workspaceId === undefined || member.workspaceId === input.workspaceId))
      .slice(0, MAX_CANDIDATES);
    if (candidates.length === 0) {
      await this.hasher.verifyDecoy(input.password);
      throw invalidCredentials();
    }
    const matching: MemberRecord[] = [];
    for (const candidate of candidates) if (await this.hasher.verify(candidate.passwordHash!, input.password)) matching.push(candidate);
    if (matching.length === 0) throw invalidCredentials();
    if (matching.length > 1) {
      // Said only to whoever knows the password: which workspaces it opens is no secret from them.
      const workspaces = matching.map((member) => member.workspaceId).join(', ');
      throw new FlexrollError('input', 'workspace_required', `These credentials open more than one workspace (${workspaces}); say which in workspaceId.`, {
        details: [{ field: '/workspaceId', rule: 'required', message: `is required: one of ${workspaces}` }],
      });
    }
    return this.#open(matching[0]!);
  }

  /**
   * The live session a token opens, or undefined for an unknown, ended or expired one (or one whose member is gone).
   * Use is recorded at most once a minute.
   */
  async authenticate(token: string): Promise<ActiveSession | undefined> {
    const session = await this.sessions.findByTokenHash(hashSecret(token));
    if (session === undefined) return undefined;
    const now = this.clock.now().getTime();
    if (now >= Date.parse(session.expiresAt) || now >= Date.parse(session.lastSeenAt) + this.settings.sessionIdleMs) {
      await this.sessions.delete(session.workspaceId, session.id);
      return undefined;
    }
    const member = await this.members.get(session.workspaceId, session.memberId);
    if (member === undefined || member.status !== 'active') return undefined;
    let seen = session;
    if (now - Date.parse(session.lastSeenAt) >= TOUCH_RESOLUTION_MS) {
      seen = { ...session, lastSeenAt: new Date(now).toISOString() };
      await this.sessions.touch(session.workspaceId, session.id, seen.lastSeenAt);
    }
    return this.#active(seen, member, token);
  }

  /** Ends a session (signing out). */
  async end(session: Session): Promise<void> {
    await this.sessions.delete(session.workspaceId, session.id);
  }

  /** Removes sessions past their absolute expiry (idle ones are removed when next presented, or here once absolute). */
  async removeExpired(): Promise<number> {
    return this.sessions.deleteExpired(this.clock.now().toISOString());
  }

  async #open(member: MemberRecord): Promise<OpenedSession> {
    const token = newSecretToken('frs');
    const now = this.clock.now();
    const session: Session = {
      id: newPrefixedId('ses'),
      workspaceId: member.workspaceId,
      memberId: member.id,
      tokenHash: hashSecret(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.settings.sessionAbsoluteMs).toISOString(),
      lastSeenAt: now.toISOString(),
    };
    await this.sessions.insert(session);
    return { ...this.#active(session, member, token), token };
  }

  #active(session: Session, member: MemberRecord, token: string): ActiveSession {
    const idleEnd = Math.min(Date.parse(session.lastSeenAt) + this.settings.sessionIdleMs, Date.parse(session.expiresAt));
    return { session, member: memberOf(member), idleExpiresAt: new Date(idleEnd).toISOString(), csrfToken: csrfTokenOf(token) };
  }
}

function invalidCredentials(): FlexrollError {
  return new FlexrollError('unauthorized', 'invalid_credentials', 'The e-mail or the password is not right.');
}
