import type { ListFacets } from './ListFacets.js';

/** How many list positions one block holds: a page reads a block or two, and a block is one equality lookup. */
export const LIST_BLOCK_SIZE = 100;

/** How many blocks one span holds: a sparse filter reads a span (10,000 positions) at once, by its key. */
export const LIST_SPAN_BLOCKS = 100;

/** The block of a list position (positions count from 0 in creation order). */
export function listBlockOf(position: number): number {
  return Math.floor(position / LIST_BLOCK_SIZE);
}

/** The span of a list position. */
export function listSpanOf(position: number): number {
  return Math.floor(position / (LIST_BLOCK_SIZE * LIST_SPAN_BLOCKS));
}

/** One block's enrollments, counted: enough to skip a block without reading it, or to know it must be read. */
export interface ListBlockCounts {
  /** Enrollments not deleted, by status. */
  live: Record<string, number>;
  /** Deleted enrollments, by status. */
  deleted: Record<string, number>;
  /** Enrollments not deleted, by tag. */
  tags: Record<string, number>;
  /**
   * Enrollments not deleted, by participation state. Absent in a block counted before states were (an older
   * snapshot): nothing is then known of its states, and a state filter reads the block.
   */
  states?: Record<string, number>;
  /** The earliest and the latest `createdAt` in the block (creation order makes them nearly its first and last). */
  firstCreatedAt: string;
  lastCreatedAt: string;
}

/**
 * An instance's list, counted: per facet combination (the totals of any status and tags filter) and per block (where
 * a page starts). It is the fold of the instance's list changes, so any copy folded to the same change is the same.
 */
export interface ListCounts {
  /** `comboKey(facets)` → enrollments with exactly those facets. */
  combos: Record<string, number>;
  /** Index = block number; null for a block no enrollment reached yet. */
  blocks: Array<ListBlockCounts | null>;
  /** The same per span (its blocks added up), so that a page passes a span by one look. */
  spans: Array<ListBlockCounts | null>;
}

/** One enrollment entering the list, changing facets, or (never today) leaving it. */
export interface ListChange {
  /** The enrollment's list position. */
  readonly position: number;
  readonly createdAt: string;
  readonly from?: ListFacets;
  readonly to?: ListFacets;
}

export function emptyListCounts(): ListCounts {
  return { combos: {}, blocks: [], spans: [] };
}

/**
 * The key of a facet combination: status, deleted flag, then the tags, and after them the participation's state when
 * it has one (`#state`, outside the JSON array, so that keys written before states were counted read the same).
 */
export function comboKey(facets: ListFacets): string {
  const key = JSON.stringify([facets.status, facets.deleted ? 1 : 0, ...facets.tags]);
  return facets.participationState === undefined ? key : `${key}#${facets.participationState}`;
}

/** The facets a combination key stands for. */
export function facetsOfCombo(key: string): ListFacets {
  const end = key.lastIndexOf(']');
  const [status, deleted, ...tags] = JSON.parse(key.slice(0, end + 1)) as [ListFacets['status'], number, ...string[]];
  const state = key.slice(end + 2);
  return { status, deleted: deleted === 1, tags, ...(state === '' ? {} : { participationState: state as NonNullable<ListFacets['participationState']> }) };
}

/** Folds one change into the counts, in place. */
export function foldListChange(counts: ListCounts, change: ListChange): void {
  add(counts.combos, change.from, -1);
  add(counts.combos, change.to, +1);
  for (const [tallies, unit] of [[counts.blocks, listBlockOf(change.position)], [counts.spans, listSpanOf(change.position)]] as const) {
    const tally = unitOf(tallies, unit, change.createdAt);
    if (change.from !== undefined) count(tally, change.from, -1);
    if (change.to !== undefined) count(tally, change.to, +1);
  }
}

/** A unit's tally, made when the unit is first reached, its creation times widened to the change's. */
function unitOf(tallies: Array<ListBlockCounts | null>, unit: number, createdAt: string): ListBlockCounts {
  while (tallies.length <= unit) tallies.push(null);
  let tally = tallies[unit] ?? null;
  if (tally === null) {
    tally = { live: {}, deleted: {}, tags: {}, states: {}, firstCreatedAt: createdAt, lastCreatedAt: createdAt };
    tallies[unit] = tally;
  }
  if (createdAt < tally.firstCreatedAt) tally.firstCreatedAt = createdAt;
  if (createdAt > tally.lastCreatedAt) tally.lastCreatedAt = createdAt;
  return tally;
}

function count(tally: ListBlockCounts, facets: ListFacets, by: 1 | -1): void {
  bump(facets.deleted ? tally.deleted : tally.live, facets.status, by);
  if (facets.deleted) return;
  for (const tag of facets.tags) bump(tally.tags, tag, by);
  // A block counted before states were keeps none: a partial tally would wrongly say a block holds no such state.
  if (facets.participationState !== undefined && tally.states !== undefined) bump(tally.states, facets.participationState, by);
}

function add(combos: Record<string, number>, facets: ListFacets | undefined, by: 1 | -1): void {
  if (facets !== undefined) bump(combos, comboKey(facets), by);
}

/** Adds to a tally, dropping keys that reach zero so that a long-lived list keeps only what it holds. */
function bump(tally: Record<string, number>, key: string, by: number): void {
  const next = (tally[key] ?? 0) + by;
  if (next === 0) delete tally[key];
  else tally[key] = next;
}
