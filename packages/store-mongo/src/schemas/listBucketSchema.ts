import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `list_buckets` (ADR 0021): the non-empty seconds of each walked list (a workspace's events, an endpoint's delivery
 * log) as a tree of time prefixes — year, month, day, hour, minute, second — so that the children of one prefix are
 * one equality on `parent` and never more than 60 (but years). `_id` is `<scope>|<prefix>`; a second's `_id` is the
 * `listBucket` its items carry. Written by unique inserts before the items, never deleted. A dense second of the
 * event list (a bulk import's) is `split`: its items are also in finer buckets, its children, named by instant and
 * enrollment (`eventListLeafOf`; issue 18); the mark is the one update a bucket ever gets.
 */
export const listBucketSchema: Schema = new Schema(
  { _id: { type: String, required: true }, parent: { type: String, required: true }, name: { type: String, required: true }, split: { type: Boolean } },
  schemaOptions('list_buckets'),
);
listBucketSchema.index({ parent: 1 });
