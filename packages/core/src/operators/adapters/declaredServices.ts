import { adapterHttp, type AdapterServices, type OperatorAdapter, type TokenCache } from '@flexroll/sdk';
import type { CoreLogger } from '../../platform/index.js';
import { scopedAdapterLogger } from './scopedAdapterLogger.js';

/** What the platform makes an adapter's services from, for one instance. */
export interface ServiceSources {
  readonly host: CoreLogger;
  readonly scope: { readonly adapterId: string; readonly workspaceId: string; readonly programInstanceId: string };
  readonly redact: (text: string) => string;
  readonly tokens: () => TokenCache;
  /** The guarded fetch (SSRF guard, checked after DNS resolution) that the HTTP clients send through, whatever the adapter asks. */
  readonly fetch: typeof fetch;
}

/** What the HTTP clients of one call follow besides its signal: when the platform stops waiting, and the outbox item's key. */
export interface CallBudget {
  readonly endsAt: number;
  readonly idempotencyKey?: string | undefined;
}

/**
 * The services an adapter declared in `needs`, for one call (the HTTP clients stop with the call's signal, hold a
 * `Retry-After` only within the call's time, and send the outbox item's idempotency key); what it did not declare is
 * not made, and not on its context.
 */
export function declaredServices(adapter: OperatorAdapter, sources: ServiceSources, signal: AbortSignal, budget: CallBudget): Partial<AdapterServices> {
  const needs = adapter.needs ?? [];
  return {
    ...(needs.includes('logger') ? { logger: scopedAdapterLogger(sources.host, sources.scope, sources.redact) } : {}),
    ...(needs.includes('http') ? { http: adapterHttp(sources.scope.adapterId, sources.tokens(), signal, { transport: sources.fetch, endsAt: budget.endsAt, ...(budget.idempotencyKey === undefined ? {} : { idempotencyKey: budget.idempotencyKey }) }) } : {}),
  };
}
