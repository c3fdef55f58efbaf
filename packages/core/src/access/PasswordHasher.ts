import { randomBytes } from 'node:crypto';
import { injectable } from 'inversify';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): memory-hard, so a guess costs an
 * attacker memory as well as time, and about 20–50 ms here. From `@node-rs/argon2` (prebuilt binaries, no install
 * script); the PHC string it writes carries its own parameters, so they can be raised later and old hashes still verify.
 */
export const PASSWORD_HASH_PARAMETERS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@injectable()
export class PasswordHasher {
  /** A hash of a random password, verified against when the e-mail is unknown so that answer takes as long as a wrong password. */
  #decoy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return hash(password, PASSWORD_HASH_PARAMETERS);
  }

  /** Whether the password matches; a malformed hash never matches. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }

  /** Spends what a verification costs, and answers false: for an e-mail with no member. */
  async verifyDecoy(password: string): Promise<false> {
    this.#decoy ??= this.hash(randomBytes(16).toString('base64url'));
    await this.verify(await this.#decoy, password);
    return false;
  }
}
