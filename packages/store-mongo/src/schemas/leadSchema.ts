import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `leads`: `_id` is the lead id; what is known of a lead may be partial. */
export const leadSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    firstName: String,
    lastName: String,
    email: String,
    phone: String,
    address: Schema.Types.Mixed,
    createdAt: String,
  },
  schemaOptions('leads'),
);
