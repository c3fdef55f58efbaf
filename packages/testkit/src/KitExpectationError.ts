/** A scenario's expectation that the adapter did not meet; the message says which and what happened instead. */
export class KitExpectationError extends Error {
  constructor(readonly scenario: string, message: string, options?: { cause?: unknown }) {
    super(`${scenario}: ${message}`, options);
    this.name = 'KitExpectationError';
  }
}
