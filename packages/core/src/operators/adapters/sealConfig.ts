import type { JsonSchema } from '@flexroll/sdk';
import { secretConfigFields } from '../adapters/validateAdapterConfig.js';
import { SecretBox } from '../../platform/index.js';

/** What a secret value reads as outside the adapter call; sent back unchanged, it means "keep the stored one". */
export const SECRET_MASK = '********';

type Config = Readonly<Record<string, unknown>>;

/** The config with the schema's secret fields sealed, ready to store. */
export function sealConfig(box: SecretBox, schema: JsonSchema, config: Config): Config {
  return mapSecrets(schema, config, (value) => (typeof value === 'string' && !SecretBox.isSealed(value) ? box.seal(value) : value));
}

/** The stored config with its secrets opened, for the adapter alone. */
export function openConfig(box: SecretBox, schema: JsonSchema, config: Config): Config {
  return mapSecrets(schema, config, (value) => (SecretBox.isSealed(value) ? box.open(value, 'An adapter configuration secret') : value));
}

/** A new config whose masked secrets are replaced by the stored (sealed) values, so a client can send a read config back. */
export function keepMaskedSecrets(schema: JsonSchema, next: Config, stored: Config): Config {
  return mapSecrets(schema, next, (value, field) => (value === SECRET_MASK ? stored[field] : value));
}

/** The config as shown to API clients: secret values masked. */
export function maskConfig(schema: JsonSchema, config: Config): Config {
  return mapSecrets(schema, config, (value) => (value === undefined ? value : SECRET_MASK));
}

function mapSecrets(schema: JsonSchema, config: Config, map: (value: unknown, field: string) => unknown): Config {
  const secrets = new Set(secretConfigFields(schema));
  return Object.fromEntries(Object.entries(config).map(([field, value]) => [field, secrets.has(field) ? map(value, field) : value]));
}
