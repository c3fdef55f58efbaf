import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `programs`: platform-wide, `_id` is the program id. */
export const programSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    name: String,
    description: String,
    learnMoreUrl: String,
    provider: Schema.Types.Mixed,
    createdAt: String,
    updatedAt: String,
  },
  schemaOptions('programs'),
);
programSchema.index({ createdAt: 1, _id: 1 });
