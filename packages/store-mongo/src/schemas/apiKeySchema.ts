import { Schema } from 'mongoose';
import { optionalStrings, schemaOptions } from './schemaOptions.js';

/** `api_keys`: `_id` is the key id; the secret's hash is unique, since it alone identifies a caller. */
export const apiKeySchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    name: String,
    type: String,
    mode: String,
    permissions: optionalStrings,
    programInstanceIds: optionalStrings,
    displayPrefix: String,
    secretHash: String,
    createdAt: String,
    revokedAt: String,
    lastUsedAt: String,
  },
  schemaOptions('api_keys'),
);
apiKeySchema.index({ secretHash: 1 }, { unique: true });
apiKeySchema.index({ workspaceId: 1, createdAt: 1, _id: 1 });
