import type { MemberRecord } from '../Member.js';

export interface MemberRepository {
  /** Refuses (conflict) a second member with the same e-mail in a workspace, or a second invitation token hash. */
  insert(member: MemberRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<MemberRecord | undefined>;
  /**
   * The members with this (lower-cased) e-mail in every workspace: signing in is how the workspace becomes known, so
   * this and {@link findByInvitationHash} are the lookups not scoped by workspace.
   */
  findByEmail(email: string): Promise<readonly MemberRecord[]>;
  findByInvitationHash(tokenHash: string): Promise<MemberRecord | undefined>;
  /** A workspace's members, oldest first (a workspace has tens of them, not thousands). */
  list(workspaceId: string): Promise<readonly MemberRecord[]>;
  /** Replaces the stored record whole (its e-mail never changes); nothing happens for a member deleted meanwhile. */
  replace(member: MemberRecord): Promise<void>;
  delete(workspaceId: string, id: string): Promise<void>;
}
