import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `claims`: one exclusive claim per `(workspaceId, key)`, taken by the unique insert; `_id` is the claim's own id,
 * by which alone a claim is removed.
 */
export const claimSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    key: { type: String, required: true },
    ownerId: String,
    claimedAt: String,
    leaseUntil: String,
  },
  schemaOptions('claims'),
);
claimSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
