import { LIST_PLACEMENT_VERSION, type Enrollment } from '@flexroll/core';
import type { Connection } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { mongoModels } from '../MongoModels.js';
import { listKeysOf } from './listKeys.js';
import { ListLedger } from './ListLedger.js';
import { LIST_PLACEMENT_MARKER, type ListPlacementMarker } from './listPlacementMarker.js';

const CHUNK = 500;
/** Enrollment documents whose keys are written at once. */
const PARALLEL_WRITES = 10;

/**
 * Places every enrollment again when the lists were placed under an older `LIST_PLACEMENT_VERSION` than this code's
 * (ADR 0017, third addendum), so that the counts and keys hold what this code counts: participation states,
 * manufacturers, due deadlines, search keys. Runs at start after `placeUnlistedEnrollments`; once done, the marker names
 * the version and a start costs one lookup.
 *
 * For each enrollment, as its document stands: the ledger counts it again where its newest entry counted other facets
 * (`ListLedger.recount`, an entry from those to the current ones; its position is kept), and its document gets the
 * list keys of its position where they differ. Then each instance's ledger is folded again from its start and its
 * snapshot written. Idempotent and safe beside other processes, as the ledger is: processes that start together may
 * all run it (each change is counted once, by the unique `supersedes`; the keys written are the same), a start cut
 * short leaves the marker as it was and the next start goes on, and a save racing it moves the enrollment on from
 * whichever entry is newest. Meanwhile every total stays a consistent fold: status, tag and deletion counts are exact
 * throughout, and state, manufacturer, deadline and search counts hold the enrollments counted again so far (and all
 * changed since the upgrade), growing to the full figures.
 */
export async function replaceOutdatedLists(connection: Connection): Promise<number> {
  const models = mongoModels(connection);
  const marker = (await models.Cursor.findOne({ _id: LIST_PLACEMENT_MARKER }).lean()) as ListPlacementMarker | null;
  // No marker: a store never placed, and `placeUnlistedEnrollments` (which writes it) has not finished: it goes first.
  if (marker === null || (marker.listVersion ?? 1) >= LIST_PLACEMENT_VERSION) return 0;
  const ledger = new ListLedger(models.EnrollmentListLedger, models.EnrollmentListCounts);
  const instances = new Map<string, { readonly workspaceId: string; readonly instanceId: string }>();
  let rewritten = 0;
  let chunk: Array<{ readonly enrollment: Enrollment; readonly document: KeyedDocument }> = [];
  const place = async (): Promise<void> => {
    const positions = await ledger.recount(chunk.map(({ enrollment }) => enrollment), LIST_PLACEMENT_VERSION);
    const stale = chunk.filter(({ enrollment, document }) => {
      const position = positions.get(enrollment.id);
      return position !== undefined && !sameKeys(document, listKeysOf(enrollment, position));
    });
    for (let at = 0; at < stale.length; at += PARALLEL_WRITES) {
      await Promise.all(stale.slice(at, at + PARALLEL_WRITES).map(({ enrollment }) =>
        // Only the copy counted: a save since wrote its own keys (FerretDB may not re-check `seq`; then the next save
        // of that enrollment writes them again, as after any two racing saves, ADR 0017).
        models.Enrollment.updateOne({ _id: enrollment.id, workspaceId: enrollment.workspaceId, seq: enrollment.seq }, { $set: listKeysOf(enrollment, positions.get(enrollment.id)!) })));
    }
    rewritten += stale.length;
    chunk = [];
  };
  // A scan, as the first placement's: `$exists` and sorts are not pushed down on FerretDB, and every enrollment must be
  // looked at anyway. No time limit: it is not a request, and stopping it would only start it over.
  for await (const document of models.Enrollment.find({}).maxTimeMS(0).lean().cursor()) {
    const enrollment = fromDocument<Enrollment>(document);
    if (enrollment.programInstanceId === undefined) continue;
    instances.set(`${enrollment.workspaceId}/${enrollment.programInstanceId}`, { workspaceId: enrollment.workspaceId, instanceId: enrollment.programInstanceId });
    chunk.push({ enrollment, document: document as KeyedDocument });
    if (chunk.length >= CHUNK) await place();
  }
  if (chunk.length > 0) await place();
  for (const { workspaceId, instanceId } of instances.values()) await ledger.refold(workspaceId, instanceId);
  await models.Cursor.updateOne({ _id: LIST_PLACEMENT_MARKER }, { $set: { listVersion: LIST_PLACEMENT_VERSION, updatedAt: new Date().toISOString() } });
  return rewritten;
}

/** The list fields of an enrollment document as stored. */
interface KeyedDocument {
  readonly listPosition?: number;
  readonly listBlock?: string;
  readonly listKeys?: readonly string[];
}

function sameKeys(document: KeyedDocument, keys: ReturnType<typeof listKeysOf>): boolean {
  const stored = document.listKeys ?? [];
  const wanted = keys.listKeys ?? [];
  return document.listPosition === keys.listPosition && document.listBlock === keys.listBlock &&
    stored.length === wanted.length && stored.every((key, at) => key === wanted[at]);
}
