import type { TSchema } from '@sinclair/typebox';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldIssue } from '@flexroll/sdk';
import { ApiError } from './ApiError.js';

function newAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes, useDefaults: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv;
}

/** Bodies are validated as sent; path and query strings are coerced to the types their schema declares. */
const bodies = newAjv(false);
const strings = newAjv(true);

export type Validator = (value: unknown) => unknown;

/** Compiles a schema once into a function that returns the value (with defaults applied) or throws a 400 listing every issue. */
export function compileValidator(schema: TSchema, part: 'body' | 'query' | 'path'): Validator {
  const validate: ValidateFunction = (part === 'body' ? bodies : strings).compile(schema);
  return (value) => {
    if (validate(value)) return value;
    const details = toFieldIssues(validate.errors ?? [], part);
    throw new ApiError(400, 'validation_failed', `The request ${part} is invalid: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  };
}

/** Compiles a response schema for tests and the contract check. */
export function compileResponseValidator(schema: TSchema): ValidateFunction {
  return bodies.compile(schema);
}

/**
 * A value failing `Nullable(X)` gets X's errors plus "must be null" and "must match a schema in anyOf"; only X's
 * say what is wrong, so the other two are dropped when X's are there.
 */
function withoutNullableNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const explained = (path: string) => errors.some((other) => other.keyword !== 'anyOf' && !isNullBranch(other) && (other.instancePath === path || other.instancePath.startsWith(`${path}/`)));
  const nullableAt = new Set(errors.filter((error) => error.keyword === 'anyOf' && explained(error.instancePath)).map((error) => error.instancePath));
  return errors.filter((error) => !nullableAt.has(error.instancePath) || (error.keyword !== 'anyOf' && !isNullBranch(error)));
}

function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

function toFieldIssues(errors: readonly ErrorObject[], part: string): FieldIssue[] {
  const issues = withoutNullableNoise(errors)
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'allOf')
    .map((error) => {
      const params = error.params as Record<string, unknown>;
      const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
      const field = `${part === 'body' ? '' : `/${part}`}${error.instancePath}${extra === undefined ? '' : `/${extra}`}` || '/';
      const message = error.keyword === 'additionalProperties' ? 'is not a known field' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
      return { field, rule: error.keyword, message };
    });
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}|${issue.rule}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
