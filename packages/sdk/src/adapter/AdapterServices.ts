import type { AdapterHttp } from '../http/AdapterHttp.js';

/**
 * Where an adapter reports what it does, handed in by the platform: a child of the host's logger whose lines carry
 * `adapterId`, `workspaceId` and `programInstanceId`, with every value of the config's secret fields replaced by
 * `[REDACTED]` in messages and metadata alike. Keep messages constant and put the particulars in `meta`.
 *
 * @example
 * context.logger.info('test dispatch started', { deviceId });
 * const log = context.logger.child({ accountNumber }); log.warn('device unknown to the operator', { deviceId });
 */
export interface AdapterLogger {
  error(message: string, meta?: Readonly<Record<string, unknown>>): void;
  warn(message: string, meta?: Readonly<Record<string, unknown>>): void;
  info(message: string, meta?: Readonly<Record<string, unknown>>): void;
  /** A logger whose lines also carry `meta` (after this one's, which it cannot override). */
  child(meta: Readonly<Record<string, unknown>>): AdapterLogger;
}

/**
 * What the platform hands an adapter that asks for it, by name (after Backstage's plugin `deps` and Medusa's
 * injected dependencies): each appears on the call's context under its name.
 * @example const { logger, http } = context; // with needs: ['logger', 'http']
 */
export interface AdapterServices {
  /** The adapter's own logger, scoped and redacted ({@link AdapterLogger}). */
  readonly logger: AdapterLogger;
  /** The operator's HTTP client, with the token cache the platform keeps for this adapter, instance and config ({@link AdapterHttp}). */
  readonly http: AdapterHttp;
}

/** The name of a service an adapter can ask for in `needs`. @example const needs: AdapterNeed[] = ['logger', 'http']; */
export type AdapterNeed = keyof AdapterServices;

/** Every service an adapter can ask for (the loader refuses any other name). @example ADAPTER_NEEDS.includes('logger') // true */
export const ADAPTER_NEEDS: readonly AdapterNeed[] = ['logger', 'http'];
