import type { RateCountRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../documents/isDuplicateKeyError.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/**
 * Shared counts as one row per counter and process (see {@link RateCountRepository}): a replace of this process's row
 * by `_id`, then the counter's rows by `counter` (as many as processes counted it lately). A row of an ended window
 * (a process that stopped counting it, or stopped) is deleted by `_id` by whichever process reads it next.
 */
export class MongoRateCountRepository implements RateCountRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  async report(counter: string, window: number, holder: string, count: number): Promise<number> {
    const _id = `${counter}|${holder}`;
    const row = { _id, counter, holder, window, count };
    try {
      await this.model.replaceOne({ _id }, row, { upsert: true });
    } catch (error) {
      // Two first writes of one row cannot come from one process (it syncs a counter one report at a time); a retry
      // after a lost answer can.
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id }, row);
    }
    const rows = (await this.model.find({ counter }, { _id: 1, window: 1, count: 1 }).lean()) as unknown as Array<{ _id: string; window: number; count: number }>;
    let sum = 0;
    const ended: string[] = [];
    for (const other of rows) {
      if (other.window === window) sum += other.count;
      else if (other.window < window) ended.push(other._id);
    }
    for (const id of ended) await this.model.deleteOne({ _id: id });
    return sum;
  }
}
