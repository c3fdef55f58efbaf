import type { DueKeyField, DueKeys, Enrollment, EnrollmentFilter, EnrollmentProjectionRepository, Page, PageRequest } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { isDuplicateKeyError } from '../documents/isDuplicateKeyError.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { dueFields, dueUpdate, withoutDueFields } from '../documents/dueFields.js';
import { enrollmentQuery } from '../queries/enrollmentQuery.js';
import { findPage } from '../queries/findPage.js';

/**
 * The enrollment documents, a cache of the event log. `save` replaces the whole document (so a field the
 * enrollment lost is gone from it too), but only over a copy with a lower `seq`. No store guard is relied on
 * here: on FerretDB v1 the `seq` condition is not re-checked at write time, so two racing saves may leave the
 * older copy; the next read catches up from the events and saves again.
 *
 * The participation's id is also stored at the top level (`participationId`): FerretDB v1 pushes down only
 * top-level equality conditions, so that is what makes "which enrollment holds this participation" one indexed
 * lookup there as on MongoDB. So are the due keys (ADR 0019), which the core computes and hands over with each save.
 */
export class MongoEnrollmentProjectionRepository implements EnrollmentProjectionRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  async save(enrollment: Enrollment, due?: DueKeys): Promise<void> {
    const document = toStored(enrollment, due);
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
    const results = await insertManyUnique(this.model, enrollments.map((enrollment, index) => toStored(enrollment, due?.[index])));
    for (const [index, result] of results.entries()) if (result === 'duplicate') await this.save(enrollments[index]!, due?.[index]);
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
    const documents = await this.model.find(enrollmentQuery(workspaceId, filter), { _id: 1 }).lean();
    return documents.map((document) => String(document._id));
  }

  async get(workspaceId: string, id: string): Promise<Enrollment | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : toEnrollment(document);
  }

  async findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const document = await this.model.findOne({ workspaceId, participationId }).lean();
    return document === null ? undefined : toEnrollment(document);
  }

  async list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    const found = await findPage<Enrollment & { participationId?: string }>(this.model, enrollmentQuery(workspaceId, filter), { createdAt: 1, _id: 1 }, page);
    return { ...found, data: found.data.map(({ participationId: _lookupKey, ...enrollment }) => withoutDueFields(enrollment)) };
  }
}

/** The stored document: the enrollment, plus its participation's id at the top level for the lookup by participation. */
function toStored(enrollment: Enrollment, due: DueKeys | undefined) {
  return { ...toDocument(enrollment), ...(enrollment.participation === undefined ? {} : { participationId: enrollment.participation.id }), ...dueFields(due) };
}

function toEnrollment(document: object): Enrollment {
  const { participationId: _lookupKey, ...enrollment } = fromDocument<Enrollment & { participationId?: string }>(document);
  return withoutDueFields(enrollment);
}
