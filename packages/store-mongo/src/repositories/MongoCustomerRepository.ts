import type { Customer, CustomerRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** A workspace's customers. */
export class MongoCustomerRepository implements CustomerRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(customer: Customer): Promise<void> {
    return insertNew(this.model, toDocument(customer), 'Customer');
  }

  async get(workspaceId: string, id: string): Promise<Customer | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<Customer>(document);
  }
}
