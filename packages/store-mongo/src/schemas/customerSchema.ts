import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `customers`: `_id` is the customer id. */
export const customerSchema: Schema = new Schema(
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
  schemaOptions('customers'),
);
