import type { AdapterOutboxItem, AdapterOutboxRepository, AdapterOutboxStatus, InsertResult, Page, PageRequest } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { findPage } from '../queries/findPage.js';

const oldestFirst = (a: AdapterOutboxItem, b: AdapterOutboxItem) => a.createdAt.localeCompare(b.createdAt) || a.enrollmentId.localeCompare(b.enrollmentId) || a.seq - b.seq;

/** The adapter outbox: items unique by id (their attempts are the attempts port's, `delivery_attempts`). */
export class MongoAdapterOutboxRepository implements AdapterOutboxRepository {
  constructor(private readonly items: Model<StoredDocument>) {}

  enqueue(item: AdapterOutboxItem): Promise<InsertResult> {
    return insertUnique(this.items, toDocument(item));
  }

  async get(workspaceId: string, id: string): Promise<AdapterOutboxItem | undefined> {
    const document = await this.items.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<AdapterOutboxItem>(document);
  }

  /** An equality on `status` only, sorted and cut here: FerretDB v1 pushes neither a sort nor a limit down with a filter. */
  async listPending(limit: number): Promise<readonly AdapterOutboxItem[]> {
    const documents = await this.items.find({ status: 'pending' }).lean();
    return documents.map((document) => fromDocument<AdapterOutboxItem>(document)).sort(oldestFirst).slice(0, limit);
  }

  listByInstance(workspaceId: string, programInstanceId: string, status: AdapterOutboxStatus, page: PageRequest): Promise<Page<AdapterOutboxItem>> {
    return findPage<AdapterOutboxItem>(this.items, { workspaceId, programInstanceId, status }, { createdAt: 1, enrollmentId: 1, seq: 1 }, page);
  }

  async replace(item: AdapterOutboxItem): Promise<void> {
    await this.items.replaceOne({ _id: item.id, workspaceId: item.workspaceId }, toDocument(item), { upsert: true });
  }
}
