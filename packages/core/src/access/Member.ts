/** A person who signs in to a workspace (the console), as themselves: never with an API key. */
export interface Member {
  /** `mem_` and 24 hex digits. */
  readonly id: string;
  readonly workspaceId: string;
  /** Lower-cased; one member per e-mail within a workspace. */
  readonly email: string;
  readonly role: MemberRole;
  /** `invited` until the invitation is accepted and a password set. */
  readonly status: 'invited' | 'active';
  /** Reserved for issue 24 (members scoped to some program instances); absent = the whole workspace. */
  readonly programInstanceIds?: readonly string[];
  readonly createdAt: string;
  readonly passwordChangedAt?: string;
}

/** A member as stored: with the secrets that never leave the access capability (both hashes, never the secrets). */
export interface MemberRecord extends Member {
  /** The argon2id hash (PHC string) of the password; absent until the invitation is accepted. */
  readonly passwordHash?: string;
  /** SHA-256 of the one-time invitation token, while one is outstanding; top-level so the store can index it. */
  readonly invitationTokenHash?: string;
  readonly invitationExpiresAt?: string;
}

export const MEMBER_ROLES = ['viewer', 'reviewer', 'admin'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What is shown of a record: the member without its secrets. */
export function memberOf(record: MemberRecord): Member {
  const { passwordHash: _password, invitationTokenHash: _invitation, invitationExpiresAt: _expiry, ...member } = record;
  return member;
}
