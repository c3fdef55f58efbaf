import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `sessions`: `_id` is the session id; the token's hash is unique, since it alone names a session on each request. */
export const sessionSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    memberId: String,
    tokenHash: String,
    createdAt: String,
    expiresAt: String,
    lastSeenAt: String,
  },
  schemaOptions('sessions'),
);
sessionSchema.index({ tokenHash: 1 }, { unique: true });
sessionSchema.index({ workspaceId: 1, memberId: 1 });
