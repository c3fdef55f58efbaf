import { createHash } from 'node:crypto';
import type { FailedAuthThrottle, AdmittedAttempt } from './FailedAuthThrottle.js';

/** A sign-in let through to have its password checked; settled once with how it went. */
export type SignInAdmission = { readonly admitted: AdmittedAttempt } | { readonly blockedForSeconds: number };

/**
 * Failed sign-ins are counted twice: per client address (the same count as wrong API keys: guessing from one place
 * is guessing, whatever the credential) and per e-mail (a guess at one person's password spread over many addresses).
 * A sign-in is checked only when both allow it. The e-mail is held as its SHA-256, so the throttle's memory keeps no
 * address book.
 */
export class SignInThrottle {
  constructor(
    private readonly perAddress: FailedAuthThrottle,
    private readonly perEmail: FailedAuthThrottle,
  ) {}

  async admit(address: string, email: string, now: () => number = Date.now): Promise<SignInAdmission> {
    const byAddress = await this.perAddress.admit(address, now);
    if ('blockedForSeconds' in byAddress) return byAddress;
    const byEmail = await this.perEmail.admit(createHash('sha256').update(email.trim().toLowerCase()).digest('base64url'), now);
    if ('blockedForSeconds' in byEmail) {
      byAddress.admitted.settle(false);
      return byEmail;
    }
    return {
      admitted: {
        settle: (failed) => {
          byAddress.admitted.settle(failed);
          byEmail.admitted.settle(failed);
        },
      },
    };
  }
}
