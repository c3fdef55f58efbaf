import { pageOffset, toPage, type Page, type PageRequest } from '@flexroll/core';
import type { Model, QueryFilter, SortOrder } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/** One page of a filtered, sorted collection, with the total count under the same filter. */
export async function findPage<T>(
  model: Model<StoredDocument>,
  filter: QueryFilter<StoredDocument>,
  sort: Readonly<Record<string, SortOrder>>,
  request: PageRequest,
): Promise<Page<T>> {
  const [documents, totalItems] = await Promise.all([
    model.find(filter).sort({ ...sort }).skip(pageOffset(request)).limit(request.perPage).lean(),
    model.countDocuments(filter),
  ]);
  return toPage(documents.map((document) => fromDocument<T>(document)), request, totalItems);
}
