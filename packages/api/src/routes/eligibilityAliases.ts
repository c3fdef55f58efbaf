import type { Static } from '@sinclair/typebox';
import { ApiError } from '../http/ApiError.js';
import type { UpdateEnrollmentBody } from '../schemas/enrollmentSchemas.js';

type UpdateBody = Static<typeof UpdateEnrollmentBody>;
type Canonical = Omit<UpdateBody, 'eligibilityStatus' | 'eligibilityReason'>;

/**
 * A PATCH body with seed 004's data-model names, `eligibilityStatus` / `eligibilityReason`, read as the names of its
 * example response's `eligibility { status, reason }`. Either name may be sent; both, with different values, is
 * refused, since the move would be ambiguous.
 */
export function withSeedNames(body: UpdateBody): Canonical {
  const { eligibilityStatus, eligibilityReason, ...rest } = body;
  const status = either('status', rest.status, 'eligibilityStatus', eligibilityStatus);
  const reason = either('reason', rest.reason, 'eligibilityReason', eligibilityReason);
  return { ...rest, ...(status === undefined ? {} : { status }), ...(reason === undefined ? {} : { reason }) };
}

function either<T>(name: string, value: T | undefined, alias: string, aliased: T | undefined): T | undefined {
  if (value !== undefined && aliased !== undefined && value !== aliased) {
    throw new ApiError(400, 'validation_failed', `The request body is invalid: /${alias} names the same thing as /${name}, with another value; send one of them.`, [
      { field: `/${alias}`, rule: 'same_as', message: `must equal /${name} when both are sent` },
    ]);
  }
  return value ?? aliased;
}
