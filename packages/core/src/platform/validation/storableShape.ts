import type { FieldIssue } from '@flexroll/sdk';

/** Deeper than any document a client sends (the deepest, an adapter's config, is a handful of levels). */
export const MAX_STORED_DEPTH = 32;

/**
 * The first reason a value could not be stored as it is, or `undefined` when it can. These are the rules every
 * client-given document obeys before its schema sees it, because free-form parts (an enrollment's `metadata`, an
 * adapter's `config`, an operator event's `payload`, an imported row) are not described field by field:
 *
 * - at most {@link MAX_STORED_DEPTH} levels of objects and arrays (a value 5,000 deep would exhaust a stack later on);
 * - no key named `__proto__`: JavaScript cannot keep it as plain data (an assignment sets the prototype instead),
 *   so it would be dropped silently or pollute an object; it is refused by name;
 * - no array directly inside an array: MongoDB-compatible stores such as FerretDB refuse to store one, and the
 *   embedded store must accept exactly what they accept;
 * - no NUL character (U+0000) in a string or a key: FerretDB on PostgreSQL cannot store one either.
 *
 * The walk is iterative, so the value's depth cannot exhaust the stack here either. `prefix` is the value's own
 * field path (e.g. `/payload`), so the issue names the field as the client wrote it.
 */
export function storableShapeIssue(value: unknown, prefix = ''): FieldIssue | undefined {
  const pending: Array<{ value: unknown; path: string; depth: number; inArray: boolean }> = [{ value, path: prefix, depth: 0, inArray: false }];
  while (pending.length > 0) {
    const { value, path, depth, inArray } = pending.pop()!;
    const field = path || '/';
    if (typeof value === 'string' && value.includes('\u0000')) return nulIssue(field);
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_STORED_DEPTH) return { field, rule: 'maxDepth', message: `nests deeper than ${MAX_STORED_DEPTH} levels` };
    if (Array.isArray(value)) {
      if (inArray) return { field, rule: 'nestedArray', message: 'is an array directly inside an array, which cannot be stored' };
      // Pushed last first, so the first offending item in the document is the one named.
      for (let index = value.length - 1; index >= 0; index--) pending.push({ value: value[index], path: `${path}/${index}`, depth: depth + 1, inArray: true });
      continue;
    }
    const keys = Object.keys(value);
    if (keys.includes('__proto__')) return { field: `${path}/__proto__`, rule: 'reservedName', message: 'is a reserved name and cannot be used as a key' };
    const nul = keys.find((key) => key.includes('\u0000'));
    if (nul !== undefined) return nulIssue(`${path}/${escapePointer(nul)}`);
    for (const key of keys.reverse()) {
      pending.push({ value: (value as Record<string, unknown>)[key], path: `${path}/${escapePointer(key)}`, depth: depth + 1, inArray: false });
    }
  }
  return undefined;
}

/** A string (or key) that no store can keep. */
export function nulIssue(field: string): FieldIssue {
  return { field, rule: 'nulCharacter', message: 'contains a NUL character (U+0000), which cannot be stored' };
}

/** A key as a JSON pointer segment (RFC 6901). */
function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}
