import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * One process's count of one shared counter: `_id` is `<counter>|<holder>`, so each process writes its own row by
 * `_id` (a scalar equality FerretDB pushes down) and never increments a row another one writes. Read by `counter`.
 */
export const rateCountSchema: Schema = new Schema(
  { _id: { type: String, required: true }, counter: { type: String, required: true }, holder: String, window: Number, count: Number },
  schemaOptions('rate_counts'),
);
rateCountSchema.index({ counter: 1 });
