import { inject, injectable } from 'inversify';
import { CORE_TOKENS, type SecretBox } from '../platform/index.js';

/**
 * Seals what a public form carries between its steps (the answers so far, its CSRF value, when it was opened, its
 * idempotency token) with the platform's secret box: the customer's browser holds it, but can neither read nor alter
 * it, and any process of the deployment (same FLEXROLL_SECRET_KEY) can open it, so the pages keep no session.
 */
@injectable()
export class FormSeal {
  constructor(@inject(CORE_TOKENS.secretBox) private readonly box: SecretBox) {}

  seal(value: unknown): string {
    return this.box.seal(JSON.stringify(value));
  }

  /** The sealed value, or undefined when it was not sealed here (altered, truncated, or from another deployment). */
  open(sealed: string): unknown {
    try {
      return JSON.parse(this.box.open(sealed, 'A form’s sealed state'));
    } catch {
      return undefined;
    }
  }
}
