import type { Enrollment } from '@flexroll/core';
import type { Connection } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { mongoModels } from '../MongoModels.js';
import { listKeysOf } from './listKeys.js';
import { ListLedger } from './ListLedger.js';
import { LIST_PLACEMENT_MARKER as DONE } from './listPlacementMarker.js';
const CHUNK = 500;

/**
 * Gives every enrollment stored before instance lists were counted (ADR 0017) its place: counted in the ledger in
 * creation order, and its list keys written. Runs at start until it has finished once (then it costs one lookup);
 * idempotent, so two processes starting together, or a start cut short, do no harm: the ledger counts each
 * enrollment once, and the keys written are the ledger's. It leaves the marker's placement version as it was (absent:
 * the oldest): `replaceOutdatedLists`, which runs after it, checks every placement and names the version.
 */
export async function placeUnlistedEnrollments(connection: Connection): Promise<number> {
  const models = mongoModels(connection);
  if ((await models.Cursor.findOne({ _id: DONE }).lean()) !== null) return 0;
  const ledger = new ListLedger(models.EnrollmentListLedger, models.EnrollmentListCounts);
  let placed = 0;
  let chunk: Enrollment[] = [];
  const place = async (): Promise<void> => {
    const positions = await ledger.recordCreations(chunk);
    for (const enrollment of chunk) {
      const position = positions.get(enrollment.id);
      if (position !== undefined) await models.Enrollment.updateOne({ _id: enrollment.id, workspaceId: enrollment.workspaceId }, { $set: listKeysOf(enrollment, position) });
    }
    placed += chunk.length;
    chunk = [];
  };
  // A one-time scan: `$exists` is not pushed down on FerretDB, so this reads every enrollment once, at the first start,
  // for as long as that takes (no time limit: it is not a request, and stopping it would only start it over).
  const unlisted = models.Enrollment.find({ listPosition: { $exists: false } }).sort({ createdAt: 1, _id: 1 }).maxTimeMS(0).lean().cursor();
  for await (const document of unlisted) {
    const enrollment = fromDocument<Enrollment>(document);
    if (enrollment.programInstanceId === undefined) continue;
    chunk.push(enrollment);
    if (chunk.length >= CHUNK) await place();
  }
  if (chunk.length > 0) await place();
  // `$set`, not a replacement: a process that finished the re-placement meanwhile wrote the version beside these.
  await models.Cursor.updateOne({ _id: DONE }, { $set: { value: String(placed), updatedAt: new Date().toISOString() } }, { upsert: true });
  return placed;
}
