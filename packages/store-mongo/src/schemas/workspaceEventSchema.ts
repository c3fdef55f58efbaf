import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `workspace_events`: the workspace-level events (an endpoint disabled, a test event), append-only; `_id` is the event
 * id, so recording one twice is a duplicate. Read only through `listBucket`, one equality per second (ADR 0021).
 */
export const workspaceEventSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    type: String,
    occurredAt: String,
    actor: Schema.Types.Mixed,
    source: String,
    data: Schema.Types.Mixed,
    /** The workspace-level list's bucket: `<scope>|<second>`, an entry of `list_buckets`; never read back. */
    listBucket: String,
  },
  schemaOptions('workspace_events'),
);
workspaceEventSchema.index({ listBucket: 1 });
