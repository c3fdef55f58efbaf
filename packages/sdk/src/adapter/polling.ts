import type { OperatorEventEffect } from './OperatorEventEffect.js';

/**
 * How the platform polls an adapter's `sync`/`syncMany`: every participation not in a terminal state, at most
 * `batchSize` per call, no more often than every `intervalSeconds`; a participation whose poll reported nothing
 * new waits twice as long each time (up to `maxIntervalSeconds`), and an instance whose adapter failed backs off
 * the same way. Defaults: 50, 60 and 1800.
 *
 * @example const polling: PollingSettings = { batchSize: 100, intervalSeconds: 120 };
 */
export interface PollingSettings {
  readonly batchSize?: number;
  readonly intervalSeconds?: number;
  readonly maxIntervalSeconds?: number;
}

/** The defaults of {@link PollingSettings}. @example DEFAULT_POLLING.batchSize // 50 */
export const DEFAULT_POLLING: Required<PollingSettings> = Object.freeze({ batchSize: 50, intervalSeconds: 60, maxIntervalSeconds: 1800 });

/**
 * What `syncMany` answers: by participation id, what the operator reports for it now — one effect, several (in
 * the operator's order), or nothing new. Participations left out reported nothing new.
 *
 * @example
 * const results: SyncResults = { vpo_7c2f1a9e4b0d8f3a6e2c5d10: { nativeStatuses: { device: 'LIVE' }, trigger: 'device_live' } };
 */
export type SyncResults = Readonly<Record<string, OperatorEventEffect | readonly OperatorEventEffect[] | undefined>>;
