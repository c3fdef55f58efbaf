import { pageOffset, toPage, type Page, type PageRequest } from '../../platform/index.js';
import type { Enrollment } from '../Enrollment.js';
import type { EnrollmentFilter } from '../ports/EnrollmentProjectionRepository.js';
import { facetsOfCombo, type ListBlockCounts, type ListCounts } from './ListCounts.js';
import type { ListFacets } from './ListFacets.js';
import { matchesEnrollmentFilter } from './matchesEnrollmentFilter.js';

/** An enrollment with its position in its instance's list (creation order). */
export interface ListedEnrollment {
  readonly position: number;
  readonly enrollment: Enrollment;
}

/** Every enrollment of one block of the list (deleted ones too), in any order: one equality lookup in a store. */
export type ReadListBlock = (block: number) => Promise<readonly ListedEnrollment[]>;

/**
 * One page of an instance's list, read through its counts. Blocks the counts say hold nothing wanted are never read;
 * blocks before the page whose matches the counts know exactly are skipped by arithmetic; so a page reads the block
 * or two it returns from, however long the list. Totals of a status and tags filter are sums of counts.
 *
 * Filters the counts know nothing of (`updatedFrom/To`, participation states) make every block with candidates a
 * read, and their total a walk of the instance: they are not the seed's lists, and this is said in docs/api.md.
 */
export async function readListPage(counts: ListCounts, filter: EnrollmentFilter, request: PageRequest, readBlock: ReadListBlock): Promise<Page<Enrollment>> {
  const counted = isCountedFilter(filter);
  const data: Enrollment[] = [];
  let toSkip = pageOffset(request);
  let total = 0;
  for (const [number, block] of counts.blocks.entries()) {
    const full = data.length >= request.perPage;
    if (full && counted) break;
    const bound = block === null ? { count: 0, exact: true } : blockBound(block, filter);
    if (bound.count === 0) continue;
    if (bound.exact && (full || toSkip >= bound.count)) {
      if (!full) toSkip -= bound.count;
      total += bound.count;
      continue;
    }
    const rows = (await readBlock(number)).filter((row) => matchesEnrollmentFilter(row.enrollment, filter)).sort((a, b) => a.position - b.position);
    total += rows.length;
    for (const row of rows) {
      if (toSkip > 0) toSkip--;
      else if (data.length < request.perPage) data.push(row.enrollment);
    }
  }
  return toPage(data, request, counted ? countMatching(counts, filter) : total);
}

/** Whether a filter asks only for what the counts count (status, tags, deleted), so its total is a sum of counts. */
export function isCountedFilter(filter: EnrollmentFilter): boolean {
  return (
    filter.createdFrom === undefined && filter.createdTo === undefined && filter.updatedFrom === undefined && filter.updatedTo === undefined &&
    filter.participationStates === undefined && filter.participationId === undefined && filter.referenceId === undefined && filter.referenceIds === undefined
  );
}

/** How many enrollments with facets the filter asks for: exact for a counted filter. */
export function countMatching(counts: ListCounts, filter: EnrollmentFilter): number {
  let total = 0;
  for (const [key, count] of Object.entries(counts.combos)) if (facetsMatch(facetsOfCombo(key), filter)) total += count;
  return total;
}

function facetsMatch(facets: ListFacets, filter: EnrollmentFilter): boolean {
  return (
    (filter.includeDeleted === true || !facets.deleted) &&
    (filter.statuses === undefined || filter.statuses.includes(facets.status)) &&
    (filter.tags === undefined || filter.tags.every((tag) => facets.tags.includes(tag)))
  );
}

/**
 * At most how many of a block's enrollments the filter wants, and whether that is exactly how many: exact for a
 * status filter (deleted ones included or not), for one tag alone, and for a creation range that covers the block.
 */
function blockBound(block: ListBlockCounts, filter: EnrollmentFilter): { count: number; exact: boolean } {
  const created = createdOverlap(block, filter);
  if (created === 'none') return { count: 0, exact: true };
  const statuses = filter.statuses;
  const live = sum(block.live, statuses);
  const deleted = filter.includeDeleted === true ? sum(block.deleted, statuses) : 0;
  let count = live + deleted;
  let exact = created === 'all' && isCountedFilter({ ...filter, createdFrom: undefined, createdTo: undefined });
  const tags = filter.tags ?? [];
  if (tags.length > 0) {
    const tagged = Math.min(...tags.map((tag) => block.tags[tag] ?? 0));
    if (filter.includeDeleted !== true) count = Math.min(count, tagged);
    else count = Math.min(count, tagged + deleted);
    exact &&= tags.length === 1 && statuses === undefined && filter.includeDeleted !== true;
  }
  return { count, exact };
}

function createdOverlap(block: ListBlockCounts, filter: EnrollmentFilter): 'none' | 'some' | 'all' {
  const from = filter.createdFrom;
  const to = filter.createdTo;
  if ((from !== undefined && block.lastCreatedAt < from) || (to !== undefined && block.firstCreatedAt > to)) return 'none';
  if ((from !== undefined && block.firstCreatedAt < from) || (to !== undefined && block.lastCreatedAt > to)) return 'some';
  return 'all';
}

function sum(tally: Record<string, number>, keys: readonly string[] | undefined): number {
  let total = 0;
  if (keys === undefined) for (const count of Object.values(tally)) total += count;
  else for (const key of keys) total += tally[key] ?? 0;
  return total;
}
