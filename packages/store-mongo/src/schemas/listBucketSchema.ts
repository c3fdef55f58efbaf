import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `list_buckets` (ADR 0021): the non-empty seconds of each walked list (a workspace's events, an endpoint's delivery
 * log) as a tree of time prefixes — year, month, day, hour, minute, second — so that the children of one prefix are
 * one equality on `parent` and never more than 60 (but years). `_id` is `<scope>|<prefix>`; a second's `_id` is the
 * `listBucket` its items carry. Written by unique inserts before the items, never updated, never deleted.
 */
export const listBucketSchema: Schema = new Schema(
  { _id: { type: String, required: true }, parent: { type: String, required: true }, name: { type: String, required: true } },
  schemaOptions('list_buckets'),
);
listBucketSchema.index({ parent: 1 });
