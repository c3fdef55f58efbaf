import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { SecretKeyMismatchError } from './SecretKeyMismatchError.js';

const PREFIX = 'enc:v1:';

/**
 * Encrypts secret values at rest (AES-256-GCM, a fresh 12-byte IV each time, authenticated). The key is the
 * platform's FLEXROLL_SECRET_KEY: 32 bytes, base64. Encrypted values read `enc:v1:<iv>:<tag>:<ciphertext>`.
 */
export class SecretBox {
  readonly #key: Buffer;
  /** Each purpose's HKDF key, worked out once: the derivation costs far more than the HMAC it keys. */
  readonly #derivedKeys = new Map<string, Buffer>();

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error(`The secret key must be 32 bytes; got ${key.length}.`);
    this.#key = key;
  }

  /** A box with a key made for this process only: for the embedded store, whose data dies with the process anyway. */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  /** A box from a base64 key, with an error that says how to make one. */
  static fromBase64(key: string): SecretBox {
    const bytes = Buffer.from(key, 'base64');
    if (bytes.length !== 32) throw new Error('FLEXROLL_SECRET_KEY must be 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`.');
    return new SecretBox(bytes);
  }

  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(PREFIX);
  }

  /**
   * A value only this deployment can work out from `input`: HMAC-SHA256 under a key derived from FLEXROLL_SECRET_KEY
   * for `purpose` (HKDF, so that no two purposes, and not the sealing, share a key). For what every process and every
   * retry must work out alike without storing it (a form's status link), and a stolen database cannot.
   */
  derive(purpose: string, input: string): Buffer {
    let key = this.#derivedKeys.get(purpose);
    if (key === undefined) {
      key = Buffer.from(hkdfSync('sha256', this.#key, Buffer.alloc(0), `flexroll:${purpose}`, 32));
      this.#derivedKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(input, 'utf8').digest();
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join(':')}`;
  }

  /**
   * The plaintext of a sealed value. One that does not authenticate under this key throws a
   * {@link SecretKeyMismatchError} naming FLEXROLL_SECRET_KEY, since another process's key is by far the likelier
   * cause than tampering; `what` says what it was (e.g. 'A stored idempotent answer').
   */
  open(sealed: string, what = 'A stored secret'): string {
    const [iv, tag, ciphertext] = sealed.slice(PREFIX.length).split(':').map((part) => Buffer.from(part, 'base64url'));
    if (iv === undefined || tag === undefined || ciphertext === undefined) throw new Error('A sealed secret is malformed.');
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretKeyMismatchError(what, error);
    }
  }
}
