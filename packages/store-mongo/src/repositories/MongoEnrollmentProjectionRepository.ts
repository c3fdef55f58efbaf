import {
  isCountedFilter, matchesEnrollmentFilter, readListPage, toPage, pageOffset,
  type DueKeyField, type DueKeys, type Enrollment, type EnrollmentFilter, type EnrollmentProjectionRepository, type ListCounts, type ListedEnrollment, type Page,
  type PageRequest, type ProjectionSave,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { dueFields, dueUpdate, withoutDueFields } from '../documents/dueFields.js';
import { fromDocument } from '../documents/fromDocument.js';
import { isDuplicateKeyError } from '../documents/isDuplicateKeyError.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import type { ListLedger } from '../lists/ListLedger.js';
import { listKeysOf, listReadQuery } from '../lists/listKeys.js';
import { enrollmentQuery } from '../queries/enrollmentQuery.js';
import { findPage } from '../queries/findPage.js';

/** How many lookups by reference id run at once for a selection by many of them. */
const LOOKUPS_AT_ONCE = 16;

/**
 * The enrollment documents, a cache of the event log. `save` replaces the whole document (so a field the
 * enrollment lost is gone from it too), but only over a copy with a lower `seq`. No store guard is relied on
 * here: on FerretDB v1 the `seq` condition is not re-checked at write time, so two racing saves may leave the
 * older copy; the next read catches up from the events and saves again.
 *
 * Beside the enrollment, each document holds top-level keys that turn reads into equality lookups, the one kind
 * FerretDB v1 pushes down: the participation's id (`participationId`), and its place in its instance's list
 * (`listPosition`, `listBlock` and `listKeys`, see `listKeys.ts`), and its due keys (ADR 0019), which the core computes
 * and hands over with each save. The list's counts live in the ledger (`ListLedger`), which is written before the
 * document, so a document is never ahead of the counts.
 */
export class MongoEnrollmentProjectionRepository implements EnrollmentProjectionRepository {
  constructor(private readonly model: Model<StoredDocument>, private readonly lists: ListLedger) {}

  async save(enrollment: Enrollment, options: ProjectionSave = {}): Promise<void> {
    const document = toStored(enrollment, await this.lists.record(enrollment, options.decidedOn), options.due);
    const older = { _id: enrollment.id, workspaceId: enrollment.workspaceId, seq: { $lt: enrollment.seq } };
    try {
      // Matches an older copy, or inserts when there is none; a duplicate `_id` means a copy exists that is not older.
      await this.model.replaceOne(older, document, { upsert: true });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Either the stored copy is as new or newer (nothing matches: done), or another writer inserted an older one first.
      await this.model.replaceOne(older, document);
    }
  }

  /** New enrollments in one unordered bulk write; any already stored (a rerun after a crash) is saved one by one. */
  async saveMany(enrollments: readonly Enrollment[], due?: ReadonlyArray<DueKeys | undefined>): Promise<void> {
    const positions = await this.lists.recordCreations(enrollments);
    const results = await insertManyUnique(this.model, enrollments.map((enrollment, index) => toStored(enrollment, positions.get(enrollment.id), due?.[index])));
    for (const [index, result] of results.entries()) {
      const dueKeys = due?.[index];
      if (result === 'duplicate') await this.save(enrollments[index]!, dueKeys === undefined ? {} : { due: dueKeys });
    }
  }

  /**
   * One equality on a top-level due key, pushed down by FerretDB v1 and served by the key's own index (ADR 0019). The
   * value names the workspace; the workspace is checked again here rather than in the query, where PostgreSQL could
   * choose a `workspaceId` index and read the whole workspace.
   */
  async listDue(workspaceId: string, field: DueKeyField, value: string): Promise<readonly Enrollment[]> {
    const found = (await this.model.find({ [field]: value }).lean()).map(toEnrollment);
    return found.filter((enrollment) => enrollment.workspaceId === workspaceId);
  }

  /** On FerretDB v1 the `seq` condition is checked when the document is read, not when it is written (ADR 0019). */
  async reschedule(workspaceId: string, enrollmentId: string, seq: number, due: DueKeys): Promise<void> {
    await this.model.updateOne({ _id: enrollmentId, workspaceId, seq }, dueUpdate(due));
  }

  async findBySerialNumber(workspaceId: string, serialNumber: string): Promise<readonly Enrollment[]> {
    return (await this.model.find({ workspaceId, serialNumber }).lean()).map(toEnrollment);
  }

  async listIds(workspaceId: string, filter: EnrollmentFilter): Promise<readonly string[]> {
    const instanceId = filter.programInstanceId;
    if (instanceId === undefined) {
      const documents = await this.model.find(enrollmentQuery(workspaceId, filter), { _id: 1 }).lean();
      return documents.map((document) => String(document._id));
    }
    const selected = await this.select(workspaceId, instanceId, filter, { page: 1, perPage: Number.MAX_SAFE_INTEGER });
    return selected.data.map((enrollment) => enrollment.id);
  }

  async get(workspaceId: string, id: string): Promise<Enrollment | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : toEnrollment(document);
  }

  async findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const document = await this.model.findOne({ workspaceId, participationId }).lean();
    return document === null ? undefined : toEnrollment(document);
  }

  /**
   * An instance's list through its counts: the counts (one lookup when at hand), then the block or two the page is in
   * (one equality lookup each). A workspace-wide list (no hot path asks for one) is the filtered scan it always was.
   */
  async list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    const instanceId = filter.programInstanceId;
    if (instanceId === undefined) {
      const found = await findPage<StoredEnrollment>(this.model, enrollmentQuery(workspaceId, filter), { createdAt: 1, _id: 1 }, page);
      return { ...found, data: found.data.map(withoutStoreKeys) };
    }
    return this.select(workspaceId, instanceId, filter, page);
  }

  async listCounts(workspaceId: string, programInstanceId: string): Promise<ListCounts> {
    return this.lists.counts(workspaceId, programInstanceId);
  }

  private async select(workspaceId: string, instanceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    const direct = await this.findDirectly(workspaceId, filter);
    if (direct !== undefined) {
      const rows = direct.filter((row) => matchesEnrollmentFilter(row.enrollment, filter)).sort((a, b) => a.position - b.position);
      const offset = pageOffset(page);
      return toPage(rows.slice(offset, offset + page.perPage).map((row) => row.enrollment), page, rows.length);
    }
    const counts = await this.lists.counts(workspaceId, instanceId);
    return readListPage(counts, filter, page, async (read) => {
      if (read.unit === 'enrollments') return this.findByIds(workspaceId, instanceId, read.ids);
      const documents = await this.model.find(listReadQuery(workspaceId, instanceId, read)).lean();
      return documents.map(toListed).filter((row) => row.enrollment.workspaceId === workspaceId);
    });
  }

  /** Enrollments by id, each one equality on `_id` (FerretDB v1 pushes no `$in` down), those of the instance only. */
  private async findByIds(workspaceId: string, instanceId: string, ids: readonly string[]): Promise<ListedEnrollment[]> {
    const found: ListedEnrollment[] = [];
    for (let start = 0; start < ids.length; start += LOOKUPS_AT_ONCE) {
      const lookups = ids.slice(start, start + LOOKUPS_AT_ONCE).map((id) => this.model.findOne({ _id: id, workspaceId }).lean());
      for (const document of await Promise.all(lookups)) if (document !== null) found.push(toListed(document));
    }
    return found.filter((row) => row.enrollment.programInstanceId === instanceId);
  }

  /** A filter naming the enrollments themselves (a participation, reference ids) is answered by their own lookups. */
  private async findDirectly(workspaceId: string, filter: EnrollmentFilter): Promise<ListedEnrollment[] | undefined> {
    if (isCountedFilter(filter) || (filter.participationId === undefined && filter.referenceId === undefined && filter.referenceIds === undefined)) return undefined;
    if (filter.participationId !== undefined) return (await this.model.find({ workspaceId, participationId: filter.participationId }).lean()).map(toListed);
    const references = filter.referenceId !== undefined ? [filter.referenceId] : [...new Set(filter.referenceIds)];
    const found: ListedEnrollment[] = [];
    for (let start = 0; start < references.length; start += LOOKUPS_AT_ONCE) {
      const lookups = references.slice(start, start + LOOKUPS_AT_ONCE).map((referenceId) => this.model.find({ workspaceId, referenceId }).lean());
      for (const documents of await Promise.all(lookups)) found.push(...documents.map(toListed));
    }
    return found;
  }
}

/** The stored document: the enrollment, plus the keys of the lookup by participation, of its list and of its due moments. */
function toStored(enrollment: Enrollment, position: number | undefined, due: DueKeys | undefined) {
  return {
    ...toDocument(enrollment),
    ...(enrollment.participation === undefined ? {} : { participationId: enrollment.participation.id }),
    ...(position === undefined ? {} : listKeysOf(enrollment, position)),
    ...dueFields(due),
  };
}

function toListed(document: object): ListedEnrollment {
  const position = (document as { listPosition?: number }).listPosition;
  return { position: position ?? Number.MAX_SAFE_INTEGER, enrollment: toEnrollment(document) };
}

/** An enrollment as stored: with the store's own lookup keys beside it. */
type StoredEnrollment = Enrollment & { participationId?: string; listPosition?: number; listBlock?: string; listKeys?: string[] };

function toEnrollment(document: object): Enrollment {
  return withoutStoreKeys(fromDocument<StoredEnrollment>(document));
}

/** Drops the store's keys from an already decoded document (decoding twice could unescape a key the domain wrote). */
function withoutStoreKeys(stored: StoredEnrollment): Enrollment {
  const { participationId: _lookupKey, listPosition: _position, listBlock: _block, listKeys: _keys, ...enrollment } = stored;
  return withoutDueFields(enrollment);
}
