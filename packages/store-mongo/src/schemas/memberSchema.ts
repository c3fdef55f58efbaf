import { Schema } from 'mongoose';
import { optionalStrings, schemaOptions } from './schemaOptions.js';

/**
 * `members`: `_id` is the member id. One member per e-mail in a workspace (unique); signing in finds a member by
 * e-mail across workspaces, and accepting an invitation by its token's hash (256 random bits: never shared, so not
 * declared unique, which would need a partial index for the members without one).
 */
export const memberSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    email: String,
    role: String,
    status: String,
    programInstanceIds: optionalStrings,
    createdAt: String,
    passwordChangedAt: String,
    passwordHash: String,
    invitationTokenHash: String,
    invitationExpiresAt: String,
  },
  schemaOptions('members'),
);
memberSchema.index({ workspaceId: 1, email: 1 }, { unique: true });
memberSchema.index({ email: 1 });
memberSchema.index({ invitationTokenHash: 1 });
