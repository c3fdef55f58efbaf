import type { Static } from '@sinclair/typebox';
import { DELIVERED_EVENT_TYPES, type WebhookMessageFilter } from '@flexroll/core';
import { ApiError } from '../http/ApiError.js';
import type { ListWebhookMessagesQuery } from '../schemas/webhookSchemas.js';
import { splitList } from './queryHelpers.js';

/**
 * The delivery log's filter from its validated query. Times are compared as the store keeps them (`toISOString()`),
 * so an offset such as `+02:00` is read as the instant it names.
 * @throws ApiError 400 naming `/query/type` for a type no message has, or `/query/createdTo` when it is before
 *   `createdFrom` (such a window holds nothing).
 */
export function messageFilterOf(query: Static<typeof ListWebhookMessagesQuery>): WebhookMessageFilter {
  const types = query.type === undefined ? undefined : splitList(query.type);
  const unknown = types?.filter((type) => !DELIVERED_EVENT_TYPES.includes(type)) ?? [];
  if (types?.length === 0 || unknown.length > 0) {
    const message = `must be one or more of ${DELIVERED_EVENT_TYPES.join(', ')}, comma-separated${unknown.length > 0 ? `; not ${unknown.join(', ')}` : ''}.`;
    throw new ApiError(400, 'validation_failed', `The request query is invalid: /query/type ${message}`, [{ field: '/query/type', rule: 'event_type', message }]);
  }
  const createdFrom = query.createdFrom === undefined ? undefined : new Date(query.createdFrom).toISOString();
  const createdTo = query.createdTo === undefined ? undefined : new Date(query.createdTo).toISOString();
  if (createdFrom !== undefined && createdTo !== undefined && createdTo < createdFrom) {
    const message = 'must not be before createdFrom.';
    throw new ApiError(400, 'validation_failed', `The request query is invalid: /query/createdTo ${message}`, [{ field: '/query/createdTo', rule: 'not_before_created_from', message }]);
  }
  return {
    ...(query.state === undefined ? {} : { state: query.state }),
    ...(types === undefined ? {} : { types: [...new Set(types)] }),
    ...(query.enrollmentId === undefined ? {} : { enrollmentId: query.enrollmentId }),
    ...(createdFrom === undefined ? {} : { createdFrom }),
    ...(createdTo === undefined ? {} : { createdTo }),
  };
}
