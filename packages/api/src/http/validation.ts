import type { TSchema } from '@sinclair/typebox';
import type { FieldIssue } from '@flexroll/sdk';
import { compileSchema, describeIssues, nulIssue } from '@flexroll/core';
import { ApiError } from './ApiError.js';

export type Validator = (value: unknown) => unknown;

/**
 * Compiles a request part's schema once (with the platform's one validator) into a function that returns the value,
 * defaults applied, or throws a 400 listing every issue. Path and query values arrive as strings: those whose schema
 * says integer, number or boolean are read as such first when they are written exactly so (`2`, `-1.5`, `true`);
 * anything else is left as it came, for the schema to refuse by name (`page=2.5` is not an integer, `page=Infinity`
 * not a number).
 */
export function compileValidator(schema: TSchema, part: 'body' | 'query' | 'path'): Validator {
  const check = compileSchema(schema);
  const prefix = part === 'body' ? '' : `/${part}`;
  return (value) => {
    const input = part === 'body' ? value : readStrings(schema, value);
    const issues = part === 'body' ? check(input, prefix) : [...nulIssues(input, prefix), ...check(input, prefix)];
    if (issues.length === 0) return input;
    throw new ApiError(400, 'validation_failed', `The request ${part} is invalid: ${describeIssues(issues)}`, issues);
  };
}

const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** A path or query value with a NUL character: a store could not even be asked about it. */
function nulIssues(value: unknown, prefix: string): FieldIssue[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, given]) => (typeof given === 'string' && given.includes('\u0000')) || name.includes('\u0000') ? [nulIssue(`${prefix}/${name}`)] : []);
}

/** A copy of a flat object of strings with the values its schema types as numbers or booleans converted, when exact. */
function readStrings(schema: TSchema, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown }>;
  const read: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(value)) {
    const type = Object.hasOwn(properties, name) ? properties[name]?.type : undefined;
    let value: unknown = given;
    if (typeof given === 'string' && (type === 'integer' || type === 'number') && NUMBER.test(given)) value = Number(given);
    else if (typeof given === 'string' && type === 'boolean' && (given === 'true' || given === 'false')) value = given === 'true';
    // Defined, not assigned: `?__proto__=x` must stay a parameter (and be refused as unknown), not set a prototype.
    Object.defineProperty(read, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return read;
}
