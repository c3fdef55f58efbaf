import type { ValidateFunction } from 'ajv/dist/2020.js';
import { InputError, type JsonSchema, type OperatorAdapter } from '@flexroll/sdk';
import { adapterAjv as ajv } from './adapterAjv.js';

const compiled = new WeakMap<object, ValidateFunction>();

/** Checks a program instance's adapter config against the adapter's own schema, with field-level errors under `/adapter/config`. */
export function validateAdapterConfig(adapter: OperatorAdapter, config: unknown): void {
  const validate = compile(adapter.manifest.configSchema);
  if (validate(config)) return;
  const details = (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    return {
      field: `/adapter/config${error.instancePath}${extra === undefined ? '' : `/${extra}`}`,
      rule: error.keyword,
      message: error.keyword === 'additionalProperties' ? 'is not a known field' : (error.message ?? 'is invalid'),
    };
  });
  throw new InputError(`The config does not fit adapter '${adapter.manifest.id}': ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
}

/** The config's property names marked `"x-secret": true`; their values are never returned or logged. */
export function secretConfigFields(schema: JsonSchema): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).filter(([, property]) => property['x-secret'] === true).map(([name]) => name);
}

function compile(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema as object);
    compiled.set(schema, validate);
  }
  return validate;
}
