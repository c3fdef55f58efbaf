import type { Session } from '../Session.js';

export interface SessionRepository {
  /** Refuses (conflict) a second session with the same token hash. */
  insert(session: Session): Promise<void>;
  /** The session whose token hashes to this value: the lookup not scoped by workspace, since it is what names one. */
  findByTokenHash(tokenHash: string): Promise<Session | undefined>;
  /** Records use (idle expiry counts from it). */
  touch(workspaceId: string, id: string, lastSeenAt: string): Promise<void>;
  delete(workspaceId: string, id: string): Promise<void>;
  /** Ends every session of a member but `exceptId`; how many ended. */
  deleteForMember(workspaceId: string, memberId: string, exceptId?: string): Promise<number>;
  /** Removes sessions whose absolute expiry is at or before `now` (the idle ones end when next presented). */
  deleteExpired(now: string): Promise<number>;
}
