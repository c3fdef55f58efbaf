import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { InputError } from '../errors/errors.js';
import { describeValue } from './fieldError.js';

/** Each schema compiled once, on first use; a schema is a constant of its module, so the map holds a handful. */
const checks = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkOf(schema: TSchema): TypeCheck<TSchema> {
  let check = checks.get(schema);
  if (check === undefined) {
    check = TypeCompiler.Compile(schema);
    checks.set(schema, check);
  }
  return check;
}

/**
 * Whether `value` matches a TypeBox schema, narrowing it to the schema's static type: for an adapter that keeps its
 * own error for a value read from an operator or a webhook body (see {@link readAs} for one that names the field).
 * The schema is compiled once by TypeBox's checker, which knows TypeBox's own kinds: write a list of names as
 * `Type.Union(names.map((name) => Type.Literal(name)))` (a `Type.Unsafe` schema is refused when first used) and
 * check a `format` yourself (the checker knows none, so a string with one never matches).
 *
 * @example
 * const LoginAnswer = Type.Object({ bearer_token: Type.String({ minLength: 1 }) });
 * if (!matchesSchema(LoginAnswer, body)) throw new Error('no bearer_token');
 * return { token: body.bearer_token };
 */
export function matchesSchema<Schema extends TSchema>(schema: Schema, value: unknown): value is Static<Schema> {
  return checkOf(schema).Check(value);
}

/**
 * Reads an unknown value (an operator's answer, a webhook body: parsed JSON nobody has checked) against a TypeBox
 * schema and gives it the schema's static type — no cast. A value that does not match is an {@link InputError}
 * naming `what` and the first field that broke the schema (a JSON pointer, `/` for the value itself), with one
 * {@link FieldIssue} in its details: as it is, the sender's mistake (a webhook body is refused with 400); thrown from
 * an {@link OperatorRequest}'s `parse` (or given as its `schema`), the operator's answer is malformed
 * ({@link OperatorCallError}, reason `malformed`). Its schema rules are those of {@link matchesSchema}.
 *
 * @example
 * const Device = Type.Object({ id: Type.String(), status: Type.Object({ current: Type.String() }) });
 * const device = readAs(Device, answer, 'the device'); // { id: string; status: { current: string } }
 * // readAs(Device, { id: 7 }, 'the device') throws InputError 'the device does not match its schema at /id: must be a string; got number 7.'
 */
export function readAs<Schema extends TSchema>(schema: Schema, value: unknown, what: string): Static<Schema> {
  const check = checkOf(schema);
  if (check.Check(value)) return value;
  const first = check.Errors(value).First();
  const field = first === undefined || first.path === '' ? '/' : first.path;
  const message = first === undefined ? 'does not match.' : `${problemOf(first)}; got ${describeValue(first.value)}.`;
  throw new InputError(`${what} does not match its schema at ${field}: ${message}`, [{ field, rule: ruleOf(first), message }]);
}

/** TypeBox's message in the SDK's words ("is required", "must be a string", as {@link fieldError}'s callers write). */
function problemOf(error: ValueError): string {
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'is required';
  const expected = error.message.replace(/^Expected /, '');
  return `must be ${ruleOf(error) === 'type' && expected !== 'null' ? `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}` : expected}`;
}

/** The rule a field broke, named as the SDK's other field errors name theirs. */
function ruleOf(error: ValueError | undefined): string {
  switch (error?.type) {
    case ValueErrorType.ObjectRequiredProperty: return 'required';
    case ValueErrorType.String: case ValueErrorType.Number: case ValueErrorType.Integer: case ValueErrorType.Boolean:
    case ValueErrorType.Object: case ValueErrorType.Array: case ValueErrorType.Null: return 'type';
    case ValueErrorType.Literal: case ValueErrorType.Union: return 'one_of';
    default: return 'schema';
  }
}
