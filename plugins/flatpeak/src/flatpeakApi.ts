import { isOneOf, matchesSchema, OperatorCallError, readAs, SUSPENSION_REASONS, Type, type AccessToken, type OperatorHttpClient, type ParticipationView } from '@flexroll/sdk';
import { DEFAULT_REQUEST_TIMEOUT_MS, type FlatpeakContext } from './config.js';
import { REMOTE_STATE_NAMES } from './manifest.js';
import type { RemoteParticipation, Submission } from './remoteMapping.js';

/**
 * The Flatpeak-style participation API for one instance's config: a bearer from `POST /login` (kept in the token
 * cache the platform owns for the instance and its config, obtained again when the remote answers 401), seed 001's
 * `GET /vpp-participations/{id}`, seed 002's `POST /vpp-participations/{id}`, and `POST /vpp-participations` to
 * create the remote participation.
 */
export class FlatpeakApi {
  private readonly http: OperatorHttpClient;

  constructor(private readonly context: FlatpeakContext) {
    const { apiBaseUrl, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS } = context.config;
    this.http = context.http.client({ baseUrl: apiBaseUrl, timeoutMs: requestTimeoutMs, login: (plain, signal) => this.login(plain, signal) });
  }

  /**
   * Creates the remote participation for this one, with Flexroll's id as the provider's reference, and the
   * customer's e-mail (`email`, for the remote's consent invitation) when the instance granted it. From the outbox,
   * the POST carries the item's `Idempotency-Key` (the client sends `context.idempotencyKey`), the same on every retry.
   */
  async create(participation: ParticipationView): Promise<RemoteParticipation> {
    const email = participation.customer?.email;
    const json = { reference_id: participation.id, live_mode: true, ...(email === undefined ? {} : { email }) };
    const { body } = await this.http.request({ method: 'POST', path: '/vpp-participations', json, idempotent: false, parse: readRemote });
    return body;
  }

  /** Seed 002's submission; the same submission twice leaves the same state, so it is retried. */
  async submit(remoteId: string, submission: Submission): Promise<RemoteParticipation> {
    const path = `/vpp-participations/${encodeURIComponent(remoteId)}`;
    const key = this.context.idempotencyKey;
    // Its own key, derived from the item's: the creation's key belongs to the creation.
    const { body } = await this.http.request({ method: 'POST', path, json: submission, idempotent: true, idempotencyKey: key === undefined ? false : `${key}:submit`, parse: readRemote });
    return body;
  }

  /** Seed 001's object, or undefined when the remote has no such participation. */
  async get(remoteId: string): Promise<RemoteParticipation | undefined> {
    const path = `/vpp-participations/${encodeURIComponent(remoteId)}`;
    const { status, body, attempts } = await this.http.request({ path, accept: [404], parse: (value) => value });
    if (status === 404) return undefined;
    try {
      return readRemote(body);
    } catch (error) {
      throw new OperatorCallError('flatpeak', 'malformed', `flatpeak GET ${path} answered ${status} with a body that is not what was expected: ${error instanceof Error ? error.message : String(error)}`, attempts, status);
    }
  }

  private async login(plain: OperatorHttpClient, signal?: AbortSignal): Promise<AccessToken> {
    const { accountId, apiKey } = this.context.config;
    const basic = Buffer.from(`${accountId}:${apiKey}`).toString('base64');
    const { body } = await plain.request({ method: 'POST', path: '/login', headers: { authorization: `Basic ${basic}` }, signal, idempotent: true, parse: readToken });
    return body;
  }
}

/** `POST /login`'s answer: a bearer token, and maybe when it expires (an ISO-8601 time, read if it is one). */
const LOGIN_ANSWER = Type.Object({ bearer_token: Type.String({ minLength: 1 }), expires_at: Type.Optional(Type.Unknown()) });

/** Seed 001's object has an id (checked first, for the message that says so). */
const IDENTIFIED = Type.Object({ id: Type.String({ minLength: 1 }), current_state: Type.Optional(Type.Unknown()) });

/** The rest of seed 001's object as far as this adapter reads it (the manifest's event schema, less its formats). */
const REMOTE = Type.Object({
  id: Type.String({ minLength: 1 }),
  reference_id: Type.Optional(Type.String()),
  current_state: Type.String(),
  suspension_reasons: Type.Optional(Type.Array(Type.Union(SUSPENSION_REASONS.map((reason) => Type.Literal(reason))))),
  time_updated: Type.Optional(Type.String()),
});

function readToken(body: unknown): AccessToken {
  if (!matchesSchema(LOGIN_ANSWER, body)) throw new Error('no bearer_token');
  const { bearer_token: token, expires_at: expiresAt } = body;
  return { token, ...(typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt)) ? { expiresAt: new Date(expiresAt) } : {}) };
}

/** Seed 001's object, checked as far as this adapter relies on it. */
export function readRemote(body: unknown): RemoteParticipation {
  if (!matchesSchema(IDENTIFIED, body)) throw new Error('a participation without an id');
  if (!isOneOf(body.current_state, REMOTE_STATE_NAMES)) throw new Error(`current_state ${JSON.stringify(body.current_state)} is not a participation state`);
  return readAs(REMOTE, body, 'the participation');
}
