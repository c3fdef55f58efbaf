import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `workspaces`: `_id` is the workspace id. */
export const workspaceSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    name: String,
    createdAt: String,
  },
  schemaOptions('workspaces'),
);
workspaceSchema.index({ createdAt: 1, _id: 1 });
