import type { JsonSchema, OperatorAdapter } from '@flexroll/sdk';
import { checkOutboundUrl, type ResolveAll } from '../../platform/index.js';

/** How the config's URLs are judged: the development setting, and the resolver that tells what a name is now. */
export interface AdapterUrlPolicy {
  readonly allowPrivateNetworks: boolean;
  readonly resolve: ResolveAll;
}

/**
 * Checks every URL in a program instance's adapter config with the SSRF guard when it is saved, so that a key with
 * `program_instances:write` cannot point an adapter (and the operator's credentials it sends) at the platform's own
 * network. A URL is a config property whose schema says `format: 'uri'` (or `'url'`): an adapter calls its
 * operator there. The first refused one is the error, under `/adapter/config/<name>` with the rule it broke
 * (`format`, `no_credentials`, `public_address`), as the schema's own errors are named. Each call checks again
 * after DNS resolution (see guardedFetch); this check is what makes the mistake a 422 when saved instead of a failed call later.
 */
export async function checkAdapterUrls(adapter: OperatorAdapter, config: Readonly<Record<string, unknown>>, policy: AdapterUrlPolicy): Promise<void> {
  for (const name of urlConfigFields(adapter.manifest.configSchema)) {
    const value = config[name];
    if (typeof value !== 'string') continue;
    await checkOutboundUrl(value, {
      allowPrivateNetworks: policy.allowPrivateNetworks,
      field: `/adapter/config/${name}`,
      subject: `adapter config's ${name}`,
      resolve: async (host) => (await policy.resolve(host)).map((entry) => entry.address),
    });
  }
}

/** The config's property names whose values are URLs (`format: 'uri'` or `'url'`). */
export function urlConfigFields(schema: JsonSchema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).filter(([, property]) => property.format === 'uri' || property.format === 'url').map(([name]) => name);
}
