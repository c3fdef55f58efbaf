import { storableShapeIssue } from '@flexroll/core';
import { ApiError } from './ApiError.js';

/**
 * Refuses, with a 400 naming the first offending field, a JSON body that no store could keep as it is (too deep,
 * a `__proto__` key, an array inside an array, a NUL character): the rules every body obeys before its route's
 * schema sees it, the same ones an imported row and an operator event's payload obey ({@link storableShapeIssue}).
 */
export function checkBodyShape(body: unknown): void {
  const issue = storableShapeIssue(body);
  if (issue !== undefined) throw new ApiError(400, 'validation_failed', `The request body is invalid: ${issue.field} ${issue.message}`, [issue]);
}
