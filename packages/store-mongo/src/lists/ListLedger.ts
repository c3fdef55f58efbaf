import {
  emptyListCounts, foldListChange, LIST_BLOCK_SIZE, listFacetsOf, sameListFacets,
  type Enrollment, type ListCounts, type ListFacets,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { insertOrdered } from '../documents/insertOrdered.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/** One stored change of an instance's list (see `listSchemas.ts`). */
interface LedgerEntry {
  readonly _id: string;
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly ledgerBlock: string;
  readonly pos: number;
  readonly creations: number;
  readonly enrollmentId: string;
  readonly seq: number;
  readonly supersedes: string;
  readonly position: number;
  readonly createdAt: string;
  readonly from?: ListFacets;
  readonly to: ListFacets;
}

/** An instance's ledger folded through `through`: its counts, and how many enrollments it has added. */
interface LedgerState {
  readonly counts: ListCounts;
  through: number;
  creations: number;
  /** Where the stored snapshot stands, as far as this process knows. */
  snapshotThrough: number;
}

/** Enrollments whose newest entries a recount looks up at once. */
const PARALLEL_LOOKUPS = 10;
/** How far a fold may run past the stored snapshot before it is written again. */
const SNAPSHOT_EVERY = 500;
/** Instances whose folded ledger a process keeps; another is read from its snapshot again. */
const KEPT_INSTANCES = 500;
/** Enrollment positions a process keeps at hand; another costs one lookup. */
const KEPT_POSITIONS = 100_000;
/** Lost races before a write gives up (each loss means another writer moved the ledger on). */
const MAX_ATTEMPTS = 200;

/**
 * The instances' list ledgers (ADR 0017): the one place where list positions are handed out and list counts are
 * kept, exactly, on a store whose only atomic guard is a unique insert.
 *
 * - Positions: the ledger's entries sit at consecutive `pos` per instance; the next entry is a unique insert at the
 *   last known `pos + 1`, and a writer that loses reads the tail and tries after it. So entries have no gaps, and
 *   an enrollment's list position (how many enrollments the instance had before it) is counted along.
 * - Counts: an entry moves one enrollment's facets from the last counted ones to its current ones. `supersedes` (the
 *   enrollment's previous counted `seq`) is unique, so from any counted state there is one way on; a writer that
 *   loses reads the enrollment's entries again and moves on from the newest, or finds its work done. Counting is
 *   idempotent, so a crash before or after it, and any number of racing writers, count each change once.
 * - Reads fold the entries after a snapshot; any process may write the snapshot, since the fold of the same entries
 *   is the same.
 */
export class ListLedger {
  readonly #states = new Map<string, LedgerState>();
  readonly #positions = new Map<string, number>();
  /** Writes to one instance's ledger from this process go one at a time, so that they do not race each other. */
  readonly #turns = new Map<string, Promise<unknown>>();

  constructor(private readonly entries: Model<StoredDocument>, private readonly snapshots: Model<StoredDocument>) {}

  /**
   * Counts a saved enrollment and answers its list position. `decidedOn` with the same facets (a change that kept
   * status, tags and deletion) needs no counting: then only the position is looked up, usually from memory.
   */
  async record(enrollment: Enrollment, decidedOn?: Enrollment): Promise<number | undefined> {
    const instanceId = enrollment.programInstanceId;
    if (instanceId === undefined) return undefined;
    const facets = listFacetsOf(enrollment);
    if (decidedOn !== undefined && sameListFacets(listFacetsOf(decidedOn), facets)) {
      const known = this.#positions.get(keyOf(enrollment.workspaceId, enrollment.id));
      if (known !== undefined) return known;
    }
    // Never changed since its creation, and not counted by this process: most likely new, so counted as new at once
    // (a lookup saved on every creation); if it was counted already, the insert says so and the usual path follows.
    const likelyNew = decidedOn === undefined && enrollment.createdAt === enrollment.updatedAt && !this.#positions.has(keyOf(enrollment.workspaceId, enrollment.id));
    return this.#inTurn(keyOf(enrollment.workspaceId, instanceId), () => this.#recordNow(enrollment, instanceId, facets, likelyNew));
  }

  /**
   * Counts enrollments saved for the first time (a bulk import's chunk): their entries in one ordered insert per
   * instance; one the ledger already holds (a chunk run again after a crash) is counted one by one instead.
   */
  async recordCreations(enrollments: readonly Enrollment[]): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    const byInstance = new Map<string, Enrollment[]>();
    for (const enrollment of enrollments) {
      if (enrollment.programInstanceId === undefined) continue;
      const key = keyOf(enrollment.workspaceId, enrollment.programInstanceId);
      const group = byInstance.get(key);
      if (group === undefined) byInstance.set(key, [enrollment]);
      else group.push(enrollment);
    }
    for (const [key, created] of byInstance) {
      const leftOver = await this.#inTurn(key, () => this.#recordCreationsNow(created[0]!.programInstanceId, created, positions));
      for (const enrollment of leftOver) {
        const position = await this.#inTurn(key, () => this.#recordNow(enrollment, enrollment.programInstanceId, listFacetsOf(enrollment), false));
        positions.set(enrollment.id, position);
      }
    }
    return positions;
  }

  /**
   * Counts enrollments again under list placement `version` (ADR 0017, third addendum): each whose newest entry
   * counted other facets than the current code gives it moves from those to these, in an entry of its own at
   * {@link recountSeq} (after the counted change, before the next). The entries of one instance go in one ordered
   * insert per call; one that loses a race (another process counting the same enrollment, or taking the position) is
   * counted one by one. One the ledger does not hold at all (its entries dropped by hand) is placed again, as a
   * creation after the others. Answers the list position of each.
   */
  async recount(enrollments: readonly Enrollment[], version: number): Promise<Map<string, number>> {
    const positions = new Map<string, number>();
    const tips = new Map<string, LedgerEntry | undefined>();
    for (let at = 0; at < enrollments.length; at += PARALLEL_LOOKUPS) {
      await Promise.all(enrollments.slice(at, at + PARALLEL_LOOKUPS).map(async ({ workspaceId, id }) => tips.set(id, await this.#tipOf(workspaceId, id))));
    }
    const byInstance = new Map<string, Enrollment[]>();
    const unplaced: Enrollment[] = [];
    for (const enrollment of enrollments) {
      const tip = tips.get(enrollment.id);
      if (enrollment.programInstanceId === undefined) continue;
      if (tip === undefined) {
        unplaced.push(enrollment);
        continue;
      }
      if (!needsRecount(tip, enrollment, version)) {
        positions.set(enrollment.id, this.#remember(enrollment.workspaceId, enrollment.id, tip.position));
        continue;
      }
      const key = keyOf(enrollment.workspaceId, enrollment.programInstanceId);
      const group = byInstance.get(key);
      if (group === undefined) byInstance.set(key, [enrollment]);
      else group.push(enrollment);
    }
    for (const [key, stale] of byInstance) {
      const instanceId = stale[0]!.programInstanceId;
      const leftOver = await this.#inTurn(key, () => this.#recountTogether(instanceId, stale, tips, version, positions));
      for (const enrollment of leftOver) {
        const position = await this.#inTurn(key, () => this.#recountOne(enrollment, instanceId, version));
        if (position !== undefined) positions.set(enrollment.id, position);
      }
    }
    for (const [id, position] of await this.recordCreations(unplaced)) positions.set(id, position);
    return positions;
  }

  /**
   * Folds the instance's ledger again from its first entry and writes the snapshot: a snapshot folded from one written
   * before participation states were counted keeps blocks without a `states` tally, which a state filter reads whole.
   */
  async refold(workspaceId: string, instanceId: string): Promise<void> {
    const key = keyOf(workspaceId, instanceId);
    await this.#inTurn(key, async () => {
      const state: LedgerState = { counts: emptyListCounts(), through: -1, creations: 0, snapshotThrough: -1 };
      if (this.#states.size >= KEPT_INSTANCES) this.#states.clear();
      this.#states.set(key, state);
      await this.#refresh(workspaceId, instanceId, state);
      if (state.snapshotThrough !== state.through) await this.#writeSnapshot(workspaceId, instanceId, state);
    });
  }

  /** The instance's counts, folded through the newest entry: one lookup when this process has the instance at hand. */
  async counts(workspaceId: string, instanceId: string): Promise<ListCounts> {
    const state = await this.#state(workspaceId, instanceId);
    await this.#refresh(workspaceId, instanceId, state);
    return state.counts;
  }

  async #recordNow(enrollment: Enrollment, instanceId: string, facets: ListFacets, likelyNew: boolean): Promise<number> {
    const { workspaceId, id } = enrollment;
    let tip = likelyNew ? undefined : await this.#tipOf(workspaceId, id);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (tip !== undefined && (tip.seq >= enrollment.seq || sameListFacets(tip.to, facets))) return this.#remember(workspaceId, id, tip.position);
      const state = await this.#state(workspaceId, instanceId);
      const entry = entryAt(state, enrollment, instanceId, facets, tip);
      if ((await insertUnique(this.entries, { ...entry })) === 'inserted') {
        fold(state, [entry]);
        return this.#remember(workspaceId, id, entry.position);
      }
      // Either the enrollment was counted on by another writer (its newest entry moved), or the position was taken.
      const newest = await this.#tipOf(workspaceId, id);
      if (newest?.seq !== tip?.seq) tip = newest;
      else await this.#refresh(workspaceId, instanceId, state);
    }
    throw new Error(`The list of instance ${instanceId} changed ${MAX_ATTEMPTS} times while counting ${id}; it is counted by the next save or read.`);
  }

  async #recordCreationsNow(instanceId: string, created: readonly Enrollment[], positions: Map<string, number>): Promise<Enrollment[]> {
    const leftOver: Enrollment[] = [];
    let pending = [...created];
    for (let attempt = 0; pending.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
      const workspaceId = pending[0]!.workspaceId;
      const state = await this.#state(workspaceId, instanceId);
      const batch: LedgerEntry[] = [];
      const at = { through: state.through, creations: state.creations };
      for (const enrollment of pending) {
        const entry = entryAt(at, enrollment, instanceId, listFacetsOf(enrollment), undefined);
        batch.push(entry);
        at.through = entry.pos;
        at.creations = entry.creations;
      }
      const inserted = await insertOrdered(this.entries, batch.map((entry) => ({ ...entry })));
      fold(state, batch.slice(0, inserted));
      for (const entry of batch.slice(0, inserted)) positions.set(entry.enrollmentId, this.#remember(workspaceId, entry.enrollmentId, entry.position));
      if (inserted === batch.length) return leftOver;
      const stopped = pending[inserted]!;
      pending = pending.slice(inserted + 1);
      if ((await this.#tipOf(stopped.workspaceId, stopped.id)) !== undefined) leftOver.push(stopped);
      else {
        pending.unshift(stopped);
        await this.#refresh(workspaceId, instanceId, state);
      }
    }
    return [...leftOver, ...pending];
  }

  /** The recount entries of one instance's enrollments in one ordered insert: those left over after a lost race. */
  async #recountTogether(
    instanceId: string, stale: readonly Enrollment[], tips: ReadonlyMap<string, LedgerEntry | undefined>, version: number, positions: Map<string, number>,
  ): Promise<Enrollment[]> {
    const workspaceId = stale[0]!.workspaceId;
    const state = await this.#state(workspaceId, instanceId);
    await this.#refresh(workspaceId, instanceId, state);
    const at = { through: state.through, creations: state.creations };
    const batch = stale.map((enrollment) => {
      const entry = entryAt(at, enrollment, instanceId, listFacetsOf(enrollment), tips.get(enrollment.id), recountSeq(enrollment.seq, version));
      at.through = entry.pos;
      return entry;
    });
    const inserted = await insertOrdered(this.entries, batch.map((entry) => ({ ...entry })));
    fold(state, batch.slice(0, inserted));
    for (const entry of batch.slice(0, inserted)) positions.set(entry.enrollmentId, this.#remember(workspaceId, entry.enrollmentId, entry.position));
    return stale.slice(inserted);
  }

  /** One enrollment counted again, from its newest entry as it is now: until done, or another writer has counted it on. */
  async #recountOne(enrollment: Enrollment, instanceId: string, version: number): Promise<number | undefined> {
    const { workspaceId, id } = enrollment;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const tip = await this.#tipOf(workspaceId, id);
      if (tip === undefined) return undefined;
      if (!needsRecount(tip, enrollment, version)) return this.#remember(workspaceId, id, tip.position);
      const state = await this.#state(workspaceId, instanceId);
      const entry = entryAt(state, enrollment, instanceId, listFacetsOf(enrollment), tip, recountSeq(enrollment.seq, version));
      if ((await insertUnique(this.entries, { ...entry })) === 'inserted') {
        fold(state, [entry]);
        return this.#remember(workspaceId, id, entry.position);
      }
      await this.#refresh(workspaceId, instanceId, state);
    }
    throw new Error(`The list of instance ${instanceId} changed ${MAX_ATTEMPTS} times while counting ${id} again; the next start counts it.`);
  }

  /** The enrollment's newest entry: one lookup by `(workspaceId, enrollmentId)`, a handful of entries per enrollment. */
  async #tipOf(workspaceId: string, enrollmentId: string): Promise<LedgerEntry | undefined> {
    // Enrollment ids are unique across workspaces (they are the documents' `_id`): the lookup is by id alone, so that
    // PostgreSQL cannot choose the `workspaceId` index, and the workspace is checked on what comes back.
    const found = (await this.entries.find({ enrollmentId }).lean()) as unknown as LedgerEntry[];
    let tip: LedgerEntry | undefined;
    for (const entry of found) if (entry.workspaceId === workspaceId && (tip === undefined || entry.seq > tip.seq)) tip = entry;
    return tip;
  }

  /** The instance's state as this process last folded it, or from its snapshot. */
  async #state(workspaceId: string, instanceId: string): Promise<LedgerState> {
    const key = keyOf(workspaceId, instanceId);
    const kept = this.#states.get(key);
    if (kept !== undefined) return kept;
    const snapshot = (await this.snapshots.findOne({ _id: keyOf(workspaceId, instanceId) }).lean()) as { through: number; creations: number; counts: string } | null;
    const counts = snapshot === null ? undefined : (JSON.parse(snapshot.counts) as Partial<ListCounts>);
    // A snapshot without span counts is from before they were kept: fold from the start instead.
    const state: LedgerState = snapshot === null || counts?.spans === undefined
      ? { counts: emptyListCounts(), through: -1, creations: 0, snapshotThrough: -1 }
      : { counts: counts as ListCounts, through: snapshot.through, creations: snapshot.creations, snapshotThrough: snapshot.through };
    // Another caller may have loaded it meanwhile: keep the first, so that every fold goes into one copy.
    const first = this.#states.get(key);
    if (first !== undefined) return first;
    if (this.#states.size >= KEPT_INSTANCES) this.#states.clear();
    this.#states.set(key, state);
    return state;
  }

  /** Folds the entries after the state's `through`, reading the ledger a block at a time from there to its end. */
  async #refresh(workspaceId: string, instanceId: string, state: LedgerState): Promise<void> {
    for (let block = Math.floor((state.through + 1) / LIST_BLOCK_SIZE); ; block++) {
      // The key names the workspace (see #tipOf on why the workspace is not beside it).
      const found = (await this.entries.find({ ledgerBlock: ledgerKey(workspaceId, instanceId, block) }).lean()) as unknown as LedgerEntry[];
      fold(state, found.sort((a, b) => a.pos - b.pos));
      if (state.through < (block + 1) * LIST_BLOCK_SIZE - 1) break;
    }
    if (state.through - state.snapshotThrough >= SNAPSHOT_EVERY) await this.#writeSnapshot(workspaceId, instanceId, state);
  }

  async #writeSnapshot(workspaceId: string, instanceId: string, state: LedgerState): Promise<void> {
    const snapshot = { _id: keyOf(workspaceId, instanceId), workspaceId, through: state.through, creations: state.creations, counts: JSON.stringify(state.counts) };
    state.snapshotThrough = state.through;
    try {
      await this.snapshots.replaceOne({ _id: snapshot._id, workspaceId }, snapshot, { upsert: true });
    } catch {
      // Two first snapshots raced on the insert; either is right, and the next fold writes again.
    }
  }

  #remember(workspaceId: string, enrollmentId: string, position: number): number {
    if (this.#positions.size >= KEPT_POSITIONS) this.#positions.clear();
    this.#positions.set(keyOf(workspaceId, enrollmentId), position);
    return position;
  }

  async #inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#turns.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.catch(() => undefined);
    this.#turns.set(key, settled);
    void settled.then(() => {
      if (this.#turns.get(key) === settled) this.#turns.delete(key);
    });
    return mine;
  }
}

/**
 * The `seq` of an entry that counts an enrollment at `seq` again under placement `version`: `seq + 1 - 2^-version`,
 * after the change it counts again (and after a recount under an earlier version) and before the enrollment's next
 * change. So the entries of one enrollment stay ordered by `seq` alone and `supersedes` stays unique: a writer moving
 * on from the recount (of this release or an older one, which knows nothing of recounts) supersedes its own `seq`.
 */
function recountSeq(seq: number, version: number): number {
  return seq + 1 - 2 ** -version;
}

/** Whether the newest entry counted the enrollment as it is under an earlier version, with other facets than its current ones. */
function needsRecount(tip: LedgerEntry, enrollment: Enrollment, version: number): boolean {
  return tip.seq < recountSeq(enrollment.seq, version) && !sameListFacets(tip.to, listFacetsOf(enrollment));
}

/**
 * The entry after `at`: the enrollment's move from its newest counted facets (none: it is new) to `facets`, at the
 * enrollment's `seq` (or a recount's, {@link recountSeq}).
 */
function entryAt(
  at: { readonly through: number; readonly creations: number }, enrollment: Enrollment, instanceId: string, facets: ListFacets, tip: LedgerEntry | undefined,
  seq: number = enrollment.seq,
): LedgerEntry {
  const pos = at.through + 1;
  return {
    _id: `${keyOf(enrollment.workspaceId, instanceId)}:${pos}`,
    workspaceId: enrollment.workspaceId,
    programInstanceId: instanceId,
    ledgerBlock: ledgerKey(enrollment.workspaceId, instanceId, Math.floor(pos / LIST_BLOCK_SIZE)),
    pos,
    creations: at.creations + (tip === undefined ? 1 : 0),
    enrollmentId: enrollment.id,
    seq,
    supersedes: `${keyOf(enrollment.workspaceId, enrollment.id)}:${tip?.seq ?? 0}`,
    position: tip?.position ?? at.creations,
    createdAt: enrollment.createdAt,
    ...(tip === undefined ? {} : { from: tip.to }),
    to: facets,
  };
}

/** Folds entries that continue the state exactly (the next `pos`); any other is already folded or not yet reachable. */
function fold(state: LedgerState, entries: readonly LedgerEntry[]): void {
  for (const entry of entries) {
    if (entry.pos !== state.through + 1) continue;
    foldListChange(state.counts, { position: entry.position, createdAt: entry.createdAt, ...(entry.from === undefined ? {} : { from: entry.from }), to: entry.to });
    state.through = entry.pos;
    state.creations = entry.creations;
  }
}

/** A block of the ledger: workspace, instance (ids are unique per workspace only) and block number. */
function ledgerKey(workspaceId: string, instanceId: string, block: number): string {
  return `${keyOf(workspaceId, instanceId)}:${block}`;
}

function keyOf(workspaceId: string, id: string): string {
  return `${workspaceId}/${id}`;
}
