import type { FakeAnswer } from './OperatorFake.js';
import type { FakeRequest } from './FakeRequest.js';

/** The client an {@link OperatorFake} issues tokens to, and for how long. */
export interface FakeTokenOptions {
  /** The token endpoint's path; `/oauth/token` by default. */
  readonly path?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Each token's `expires_in`; 3600 by default. */
  readonly lifetimeSeconds?: number;
}

/**
 * OAuth 2.0 client credentials as an operator runs it (RFC 6749 §4.4): a form-encoded `grant_type=client_credentials`
 * with the client's id and secret (in the form or as HTTP Basic) answers `{ access_token, token_type, expires_in }`;
 * a token is accepted until its lifetime has passed on the fake's clock.
 */
export class FakeTokenIssuer {
  readonly path: string;
  readonly #expiries = new Map<string, number>();

  constructor(private readonly options: FakeTokenOptions, private readonly clock: { now(): Date }) {
    this.path = options.path ?? '/oauth/token';
  }

  get issued(): number {
    return this.#expiries.size;
  }

  issue(request: FakeRequest): FakeAnswer {
    if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return { status: 400, body: { error: 'invalid_request', error_description: 'The token request must be form-encoded.' } };
    }
    const form = (request.body ?? {}) as Readonly<Record<string, string>>;
    if (form.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type' } };
    const [id, secret] = this.#client(request.headers.authorization, form);
    if (id !== this.options.clientId || secret !== this.options.clientSecret) return { status: 401, body: { error: 'invalid_client' } };
    const lifetime = this.options.lifetimeSeconds ?? 3600;
    const token = `fake-token-${this.#expiries.size + 1}`;
    this.#expiries.set(token, this.clock.now().getTime() + lifetime * 1000);
    return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: lifetime } };
  }

  /** Whether an `Authorization` header carries a token this issuer issued that has not expired. */
  accepts(authorization: string | undefined): boolean {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const expiry = token === undefined ? undefined : this.#expiries.get(token);
    return expiry !== undefined && this.clock.now().getTime() < expiry;
  }

  #client(authorization: string | undefined, form: Readonly<Record<string, string>>): [string | undefined, string | undefined] {
    const basic = /^Basic (.+)$/.exec(authorization ?? '')?.[1];
    if (basic === undefined) return [form.client_id, form.client_secret];
    const [id, ...secret] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    return [id, secret.join(':')];
  }
}
