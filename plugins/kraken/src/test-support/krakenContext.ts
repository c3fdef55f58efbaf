import type { AdapterContext, OperatorReference } from '@flexroll/sdk';
import { KRAKEN_TEST_CONFIG } from './krakenTestConfig.js';

let instances = 0;

/**
 * An adapter context for calling the Kraken adapter's parts directly: a program instance of its own (so the token
 * cache starts empty), the test config, and a reference map in memory.
 */
export function krakenContext(config: Record<string, unknown> = {}, now = new Date()): AdapterContext & { readonly linked: Map<string, string> } {
  const linked = new Map<string, string>();
  const key = (reference: OperatorReference) => `${reference.kind}:${reference.value}`;
  return {
    workspaceId: 'ws_kraken_specs',
    programInstanceId: `ckrakenspecinstance${String(++instances).padStart(6, '0')}`,
    config: { ...KRAKEN_TEST_CONFIG, ...config },
    signal: new AbortController().signal,
    now,
    references: {
      find: async (reference) => linked.get(key(reference)),
      link: async (reference, participationId) => void linked.set(key(reference), participationId),
    },
    linked,
  };
}
