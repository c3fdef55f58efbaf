import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `claims`: one exclusive claim per `(workspaceId, key)`, taken by the unique insert. */
export const claimSchema: Schema = new Schema(
  {
    workspaceId: { type: String, required: true },
    key: { type: String, required: true },
    ownerId: String,
    claimedAt: String,
  },
  schemaOptions('claims'),
);
claimSchema.index({ workspaceId: 1, key: 1 }, { unique: true });
