import { InputError, type JsonSchema, type OperatorAdapter } from '@flexroll/sdk';
import { compileSchema, describeIssues } from '../../platform/index.js';

/** Checks a program instance's adapter config against the adapter's own schema, with field-level errors under `/adapter/config`. */
export function validateAdapterConfig(adapter: OperatorAdapter, config: unknown): void {
  const issues = compileSchema(adapter.manifest.configSchema)(config, '/adapter/config');
  if (issues.length > 0) throw new InputError(`The config does not fit adapter '${adapter.manifest.id}': ${describeIssues(issues)}`, issues);
}

/** The config's property names marked `"x-secret": true`; their values are never returned or logged. */
export function secretConfigFields(schema: JsonSchema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).filter(([, property]) => property['x-secret'] === true).map(([name]) => name);
}
