import type { Page, PageRequest, Program, ProgramRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { findPage } from '../queries/findPage.js';

/** Programs are platform-wide: the one workspace-less catalogue. */
export class MongoProgramRepository implements ProgramRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(program: Program): Promise<void> {
    return insertNew(this.model, toDocument(program), 'Program');
  }

  async get(id: string): Promise<Program | undefined> {
    const document = await this.model.findOne({ _id: id }).lean();
    return document === null ? undefined : fromDocument<Program>(document);
  }

  list(page: PageRequest): Promise<Page<Program>> {
    return findPage<Program>(this.model, {}, { createdAt: 1, _id: 1 }, page);
  }

  async replace(program: Program): Promise<void> {
    await this.model.replaceOne({ _id: program.id }, toDocument(program), { upsert: true });
  }
}
