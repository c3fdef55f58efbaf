import type { AdapterContext, OperatorReference } from '@flexroll/sdk';
import { FLATPEAK_TEST_CONFIG } from './flatpeakFixtures.js';

let instances = 0;

/** An adapter context of its own program instance (so the token cache starts empty), with references in memory. */
export function flatpeakContext(config: Record<string, unknown> = {}): AdapterContext & { readonly linked: Map<string, string> } {
  const linked = new Map<string, string>();
  const key = (reference: OperatorReference) => `${reference.kind}:${reference.value}`;
  return {
    workspaceId: 'ws_flatpeak_specs',
    programInstanceId: `cflatpeakspecinstance${String(++instances).padStart(4, '0')}`,
    config: { ...FLATPEAK_TEST_CONFIG, ...config },
    signal: new AbortController().signal,
    now: new Date(),
    references: { find: async (reference) => linked.get(key(reference)), link: async (reference, participationId) => void linked.set(key(reference), participationId) },
    linked,
  };
}
