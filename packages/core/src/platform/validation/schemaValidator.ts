import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldIssue } from '@flexroll/sdk';

/**
 * The one JSON Schema validator of the platform (draft 2020-12, standard formats, every error reported, defaults
 * applied): the API's requests, adapters' manifests and configs, and operator events all go through it, and its
 * errors become field issues in one way, {@link toFieldIssues}.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
(addFormats as unknown as (instance: Ajv2020) => void)(ajv);

const compiled = new WeakMap<object, ValidateFunction>();

/** Checks a value against a schema: the problems, as field issues under `prefix` (e.g. `/payload`); none when it fits. */
export type SchemaCheck = (value: unknown, prefix?: string) => FieldIssue[];

/**
 * Compiles a schema once (the same schema object is compiled only once, however often asked) into a check.
 * @example compileSchema({ type: 'object', required: ['name'] })({}, '/body') // [{ field: '/body/name', rule: 'required', message: 'is required' }]
 */
export function compileSchema(schema: object): SchemaCheck {
  let validate = compiled.get(schema);
  if (validate === undefined) compiled.set(schema, (validate = ajv.compile(schema)));
  const check = validate;
  return (value, prefix = '') => (check(value) ? [] : toFieldIssues(check.errors ?? [], prefix));
}

/**
 * Ajv's errors as field issues, with the client's own field paths: the instance path under `prefix`, plus the
 * missing or unknown property it names; one issue per field and rule. A value failing `Nullable(X)` gets X's errors
 * plus "must be null" and "must match a schema in anyOf"; only X's say what is wrong, so the other two are dropped.
 */
export function toFieldIssues(errors: readonly ErrorObject[], prefix = ''): FieldIssue[] {
  const issues = withoutNullableNoise(errors)
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'allOf')
    .map((error) => {
      const params = error.params as Record<string, unknown>;
      const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
      const field = `${prefix}${error.instancePath}${extra === undefined ? '' : `/${extra}`}` || '/';
      const message = error.keyword === 'additionalProperties' ? 'is not a known field' : error.keyword === 'required' ? 'is required' : (error.message ?? 'is invalid');
      return { field, rule: error.keyword, message };
    });
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}|${issue.rule}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

function withoutNullableNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const explained = (path: string) =>
    errors.some((other) => other.keyword !== 'anyOf' && !isNullBranch(other) && (other.instancePath === path || other.instancePath.startsWith(`${path}/`)));
  const nullableAt = new Set(errors.filter((error) => error.keyword === 'anyOf' && explained(error.instancePath)).map((error) => error.instancePath));
  return errors.filter((error) => !nullableAt.has(error.instancePath) || (error.keyword !== 'anyOf' && !isNullBranch(error)));
}

function isNullBranch(error: ErrorObject): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

/** One line naming every issue, for an error's message. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.field} ${issue.message}`).join('; ');
}
