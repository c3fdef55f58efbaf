/**
 * The `_id` of the document in `cursors` that says every enrollment has been placed in its instance's list (ADR 0017);
 * its `listVersion` says under which `LIST_PLACEMENT_VERSION` (absent: placed before versions were kept, taken as 1).
 */
export const LIST_PLACEMENT_MARKER = 'migrations:enrollment-list-positions';

/** The marker as stored. */
export interface ListPlacementMarker {
  readonly _id: string;
  readonly value: string;
  readonly updatedAt: string;
  readonly listVersion?: number;
}
