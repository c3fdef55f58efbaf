import { UnavailableError } from '@flexroll/sdk';

/** The error code, to recognise it by (a brand check: `instanceof` fails across two copies of a package). */
export const SECRET_KEY_MISMATCH = 'secret_key_mismatch';

/**
 * A sealed value this process cannot open: it was sealed under another FLEXROLL_SECRET_KEY (the processes of one
 * deployment were started with different keys), or altered. Nothing is lost — a process with the key that sealed it
 * still opens it — so it is the platform's fault and a 503, not a bug's 500 and not the client's 4xx.
 */
export class SecretKeyMismatchError extends UnavailableError {
  constructor(what: string, cause?: unknown) {
    super(
      SECRET_KEY_MISMATCH,
      `${what} was sealed with a different FLEXROLL_SECRET_KEY than this server's: the processes of this deployment do not share one key. ` +
        'Nothing is lost; it can be read again once every process runs with the same key.',
      { cause },
    );
  }
}
