import type { CustomerMailItem, CustomerMailRepository, CustomerMailStatus, InsertResult, Page, PageRequest } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { findPage } from '../queries/findPage.js';

const oldestFirst = (a: CustomerMailItem, b: CustomerMailItem) => a.createdAt.localeCompare(b.createdAt) || a.enrollmentId.localeCompare(b.enrollmentId) || a.seq - b.seq;

/** The customer mail outbox: items unique by id (their attempts are the attempts port's, `delivery_attempts`). */
export class MongoCustomerMailRepository implements CustomerMailRepository {
  constructor(private readonly items: Model<StoredDocument>) {}

  enqueue(item: CustomerMailItem): Promise<InsertResult> {
    return insertUnique(this.items, toDocument(item));
  }

  async get(workspaceId: string, id: string): Promise<CustomerMailItem | undefined> {
    const document = await this.items.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<CustomerMailItem>(document);
  }

  /** Equalities only, sorted and cut here: FerretDB v1 pushes neither a sort nor a limit down with a filter. */
  async listPending(limit: number): Promise<readonly CustomerMailItem[]> {
    const documents = await this.items.find({ status: 'pending' }).lean();
    return documents.map((document) => fromDocument<CustomerMailItem>(document)).sort(oldestFirst).slice(0, limit);
  }

  listByInstance(workspaceId: string, programInstanceId: string, status: CustomerMailStatus, page: PageRequest): Promise<Page<CustomerMailItem>> {
    return findPage<CustomerMailItem>(this.items, { workspaceId, programInstanceId, status }, { createdAt: 1, enrollmentId: 1, seq: 1 }, page);
  }

  async replace(item: CustomerMailItem): Promise<void> {
    await this.items.replaceOne({ _id: item.id, workspaceId: item.workspaceId }, toDocument(item), { upsert: true });
  }
}
