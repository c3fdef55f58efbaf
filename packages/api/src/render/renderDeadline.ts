import type { DeadlineRecord } from '@flexroll/core';

/** A deadline as the API shows it: the record without its workspace and `seq` (the store's bookkeeping). */
export function renderDeadline(record: DeadlineRecord): Record<string, unknown> {
  const { workspaceId, seq, ...shown } = record;
  void workspaceId;
  void seq;
  return shown;
}
