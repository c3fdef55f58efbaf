/**
 * A member's signed-in session. The token itself lives only in the member's cookie; the store keeps its SHA-256,
 * so a copy of the store opens no session.
 */
export interface Session {
  /** `ses_` and 24 hex digits: how a session is named without its token. */
  readonly id: string;
  readonly workspaceId: string;
  readonly memberId: string;
  /** SHA-256 (hex) of the token; unique. */
  readonly tokenHash: string;
  readonly createdAt: string;
  /** Absolute expiry: the session ends then however busy it is. */
  readonly expiresAt: string;
  /** When it was last seen in use, to a resolution of a minute; idle expiry counts from here. */
  readonly lastSeenAt: string;
}
