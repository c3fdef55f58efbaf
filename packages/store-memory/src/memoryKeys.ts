import type { InsertResult } from '@flexroll/core';

/** Rows of a workspace are keyed by workspace and id, so a foreign id simply is not there. */
export const scoped = (workspaceId: string, id: string): string => `${workspaceId}/${id}`;

/** For records whose ids are generated: a duplicate can only be a bug, so it is loud. */
export const expectInserted = (result: InsertResult, what: string): void => {
  if (result === 'duplicate') throw new Error(`${what} already exists`);
};
