import { createHash } from 'node:crypto';
import { OperatorCallError, OperatorHttpClient, TokenCache, type AccessToken, type AdapterContext, type ParticipationView } from '@flexroll/sdk';
import { REMOTE_STATE_NAMES } from './manifest.js';
import type { RemoteParticipation, Submission } from './remoteMapping.js';

const tokens = new TokenCache();

/**
 * The Flatpeak-style participation API for one instance's config: a bearer from `POST /login` (kept per instance
 * and credential, obtained again when the remote answers 401), seed 001's `GET /vpp-participations/{id}`, seed
 * 002's `POST /vpp-participations/{id}`, and `POST /vpp-participations` to create the remote participation.
 */
export class FlatpeakApi {
  private readonly http: OperatorHttpClient;

  constructor(private readonly context: AdapterContext) {
    const { accountId, apiKey } = context.config as { accountId: string; apiKey: string };
    const key = `${context.programInstanceId}:${createHash('sha256').update(`${accountId}:${apiKey}`).digest('hex')}`;
    this.http = new OperatorHttpClient({
      service: 'flatpeak',
      baseUrl: String(context.config.apiBaseUrl),
      timeoutMs: timeoutOf(context),
      credentials: tokens.provider(key, (signal) => this.login(accountId, apiKey, signal)),
    });
  }

  /** Creates the remote participation for this one, with Flexroll's id as the provider's reference. */
  async create(participation: ParticipationView): Promise<RemoteParticipation> {
    const json = { reference_id: participation.id, live_mode: true };
    const { body } = await this.http.request({ method: 'POST', path: '/vpp-participations', json, signal: this.context.signal, idempotent: false, parse: readRemote });
    return body;
  }

  /** Seed 002's submission; the same submission twice leaves the same state, so it is retried. */
  async submit(remoteId: string, submission: Submission): Promise<RemoteParticipation> {
    const path = `/vpp-participations/${encodeURIComponent(remoteId)}`;
    const { body } = await this.http.request({ method: 'POST', path, json: submission, signal: this.context.signal, idempotent: true, parse: readRemote });
    return body;
  }

  /** Seed 001's object, or undefined when the remote has no such participation. */
  async get(remoteId: string): Promise<RemoteParticipation | undefined> {
    const path = `/vpp-participations/${encodeURIComponent(remoteId)}`;
    const { status, body, attempts } = await this.http.request({ path, signal: this.context.signal, accept: [404], parse: (value) => value });
    if (status === 404) return undefined;
    try {
      return readRemote(body);
    } catch (error) {
      throw new OperatorCallError('flatpeak', 'malformed', `flatpeak GET ${path} answered ${status} with a body that is not what was expected: ${(error as Error).message}`, attempts, status);
    }
  }

  private async login(accountId: string, apiKey: string, signal?: AbortSignal): Promise<AccessToken> {
    const plain = new OperatorHttpClient({ service: 'flatpeak', baseUrl: String(this.context.config.apiBaseUrl), timeoutMs: timeoutOf(this.context) });
    const basic = Buffer.from(`${accountId}:${apiKey}`).toString('base64');
    const { body } = await plain.request({ method: 'POST', path: '/login', headers: { authorization: `Basic ${basic}` }, signal, idempotent: true, parse: readToken });
    return body;
  }
}

function timeoutOf(context: AdapterContext): number {
  return typeof context.config.requestTimeoutMs === 'number' ? context.config.requestTimeoutMs : 3_000;
}

function readToken(body: unknown): AccessToken {
  const { bearer_token: token, expires_at: expiresAt } = (body ?? {}) as { bearer_token?: unknown; expires_at?: unknown };
  if (typeof token !== 'string' || token === '') throw new Error('no bearer_token');
  return { token, ...(typeof expiresAt === 'string' && !Number.isNaN(Date.parse(expiresAt)) ? { expiresAt: new Date(expiresAt) } : {}) };
}

/** Seed 001's object, checked as far as this adapter relies on it. */
export function readRemote(body: unknown): RemoteParticipation {
  const remote = (body ?? {}) as Partial<RemoteParticipation>;
  if (typeof remote.id !== 'string' || remote.id === '') throw new Error('a participation without an id');
  if (typeof remote.current_state !== 'string' || !REMOTE_STATE_NAMES.includes(remote.current_state)) throw new Error(`current_state ${JSON.stringify(remote.current_state)} is not a participation state`);
  return remote as RemoteParticipation;
}
