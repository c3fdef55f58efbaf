import type { InsertResult } from '@flexroll/core';
import { ConflictError } from '@flexroll/sdk';

/** Rows of a workspace are keyed by workspace and id, so a foreign id simply is not there. */
export const scoped = (workspaceId: string, id: string): string => `${workspaceId}/${id}`;

/** For records whose ids are generated: a duplicate is refused as a conflict, as the MongoDB store refuses it. */
export const expectInserted = (result: InsertResult, what: string): void => {
  if (result === 'duplicate') throw new ConflictError('duplicate_record', `${what} already exists.`);
};
