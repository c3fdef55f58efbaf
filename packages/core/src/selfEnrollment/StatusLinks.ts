import { createHash, randomBytes } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { type ClaimRepository, type Clock, CORE_TOKENS, newClaim, type Operation, type SecretBox, STORE_TOKENS } from '../platform/index.js';
import { PLATFORM_CLAIMS } from './platformClaims.js';

/** A status link never lapses by time: it is the customer's way back for as long as the enrollment lasts. */
const FOREVER_MS = 100 * 365 * 24 * 3_600_000;
/** 32 random bytes, base64url: what `issue` hands out, and so the only shape `resolve` looks up. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The enrollment a status link leads to. */
export interface StatusLinkTarget {
  readonly workspaceId: string;
  readonly enrollmentId: string;
}

/**
 * The customer's status links: 256 random bits, of which only a SHA-256 is stored (as a platform claim keyed by it,
 * so a lookup is one indexed read and two enrollments can never share one). A stolen database yields no link.
 */
@injectable()
export class StatusLinks {
  constructor(
    @inject(STORE_TOKENS.claims) private readonly claims: ClaimRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.secretBox) private readonly box: SecretBox,
  ) {}

  /** A new link token for the enrollment: shown once, kept only as its hash. */
  async issue(target: StatusLinkTarget): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const result = await this.claims.claim(newClaim(PLATFORM_CLAIMS, keyOf(token), `${target.workspaceId}/${target.enrollmentId}`, this.clock.now(), FOREVER_MS));
    if (result === 'duplicate') throw new Error('A fresh 256-bit status token collided with a stored one.');
    return token;
  }

  /**
   * The link of one form's submission: its token derived from the submission's operation with the platform's secret
   * ({@link SecretBox.derive}: 256 bits no one can work out without FLEXROLL_SECRET_KEY and the sealed form's token), so
   * every attempt of the submission (a double click, a retry after a crash) has the same link and stores it once; no
   * answer need be kept to show it again. Stored hashed, like any other.
   */
  async issueFor(target: StatusLinkTarget, operation: Operation): Promise<string> {
    const token = this.box.derive('status-link', operation.id).toString('base64url');
    const owner = `${target.workspaceId}/${target.enrollmentId}`;
    const result = await this.claims.claim(newClaim(PLATFORM_CLAIMS, keyOf(token), owner, this.clock.now(), FOREVER_MS));
    if (result === 'duplicate' && (await this.claims.get(PLATFORM_CLAIMS, keyOf(token)))?.ownerId !== owner) {
      throw new Error('A derived status token is stored for another enrollment.');
    }
    return token;
  }

  /** The enrollment a token leads to, or undefined for any token that was not issued (malformed ones are not looked up). */
  async resolve(token: string): Promise<StatusLinkTarget | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const claim = await this.claims.get(PLATFORM_CLAIMS, keyOf(token));
    if (claim === undefined) return undefined;
    const [workspaceId, enrollmentId] = claim.ownerId.split('/');
    return workspaceId === undefined || enrollmentId === undefined ? undefined : { workspaceId, enrollmentId };
  }
}

const keyOf = (token: string) => `status-link:${createHash('sha256').update(token).digest('hex')}`;
