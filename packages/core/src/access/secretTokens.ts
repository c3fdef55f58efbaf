import { createHash, randomBytes } from 'node:crypto';

/** A new one-time secret: a prefix saying what it is, then 32 random bytes (256 bits) in base64url. */
export function newSecretToken(prefix: 'frs' | 'fri'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/**
 * The CSRF token of a session, derived from its token so it need not be stored: whoever reads it (the page, a log)
 * learns nothing of the session token, and it dies with the session.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`flexroll-csrf\n${sessionToken}`).digest('base64url');
}
