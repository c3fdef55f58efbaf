import type { Request } from 'express';
import type { IfMatch } from '@flexroll/core';
import { ApiError } from './ApiError.js';

/** One entity tag of a list (RFC 9110 §8.8.3): optional `W/`, then a quoted string of etagc characters. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"$/;

/**
 * The request's `If-Match` (RFC 9110 §13.1.1), or undefined when it sent none. `*` matches any current version. A
 * list keeps only its strong tags: If-Match compares strongly, so a weak tag (`W/"3"`) never matches, and a list of
 * weak tags alone makes every change a 412. Commas cannot occur inside a tag, so the list splits on them.
 * @throws ApiError 400 naming `/headers/if-match` for a value that is neither `*` nor a list of entity tags.
 */
export function ifMatchOf(request: Request): IfMatch | undefined {
  const header = request.get('if-match');
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return { any: true };
  const tags: string[] = [];
  for (const member of value.split(',').map((part) => part.trim()).filter((part) => part.length > 0)) {
    const match = ENTITY_TAG.exec(member);
    if (match === null) throw malformed();
    if (match[1] === undefined) tags.push(match[2]!);
  }
  if (value.length === 0 || (tags.length === 0 && !value.includes('"'))) throw malformed();
  return { any: false, tags };
}

function malformed(): ApiError {
  const message = 'must be * or a comma-separated list of entity tags such as "7", as an ETag header gave them';
  return new ApiError(400, 'validation_failed', `The request headers are invalid: /headers/if-match ${message}.`, [{ field: '/headers/if-match', rule: 'entity_tag', message }]);
}
