import { pageOffset, toPage, type Page, type PageRequest } from '../../platform/index.js';
import type { Enrollment } from '../Enrollment.js';
import type { EnrollmentFilter } from '../ports/EnrollmentProjectionRepository.js';
import { facetsOfCombo, LIST_SPAN_BLOCKS, type ListBlockCounts, type ListCounts } from './ListCounts.js';
import { manufacturerTag, type ListFacets } from './ListFacets.js';
import { matchesEnrollmentFilter } from './matchesEnrollmentFilter.js';
import { searchLookupOf, type SearchKey } from './searchKeys.js';

/** An enrollment with its position in its instance's list (creation order). */
export interface ListedEnrollment {
  readonly position: number;
  readonly enrollment: Enrollment;
}

/**
 * One read a page asks of a store, each one equality lookup on a key the store keeps on the enrollment: every
 * enrollment of a block (deleted ones too), or the enrollments of a block or of a span that are not deleted and have
 * a status, or a tag.
 */
export type ListRead =
  | { readonly unit: 'block'; readonly number: number }
  | { readonly unit: 'block' | 'span'; readonly number: number; readonly status: string }
  | { readonly unit: 'block' | 'span'; readonly number: number; readonly tag: string }
  | { readonly unit: 'block' | 'span'; readonly number: number; readonly state: string }
  /** Every live enrollment of the instance with a search key (`searchKeys.ts`): one lookup, costing what it finds. */
  | { readonly unit: 'instance'; readonly key: SearchKey }
  /** These enrollments, by id (each an equality lookup), those of the instance only. */
  | { readonly unit: 'enrollments'; readonly ids: readonly string[] };

export type ReadList = (read: ListRead) => Promise<readonly ListedEnrollment[]>;

/** A span is read at once when the counts say it holds at most this many of what the filter wants. */
const SPAN_READ_LIMIT = 200;

/** At most how many of a block's (or span's) enrollments a filter wants, and whether exactly that many. */
interface Bound {
  count: number;
  exact: boolean;
}

/**
 * One page of an instance's list, read through its counts. Blocks the counts say hold nothing wanted are never read;
 * blocks before the page whose matches the counts know exactly are skipped by arithmetic; what is read is read by
 * the most selective key the counts allow (a status, the rarest tag), a whole span at once where the filter is
 * sparse. So a page costs about what it returns, however long the list. Totals of a status and tags filter are sums
 * of counts.
 *
 * Filters the counts know nothing of (`updatedFrom/To`) make every block with candidates a
 * read, and their total a walk of the instance: they are not the seed's lists (docs/api.md says so).
 */
export async function readListPage(counts: ListCounts, asked: EnrollmentFilter, request: PageRequest, read: ReadList): Promise<Page<Enrollment>> {
  const looked = await readLookedUp(asked, request, read);
  if (looked !== undefined) return looked;
  // The counts know a manufacturer as a tag (ListFacets): counted, skipped and read by key as one. Rows are still
  // matched against the filter as asked (`readEach`).
  const filter = countedFormOf(asked);
  const counted = isCountedFilter(filter);
  const bounds = new Bounds(filter);
  const page = new PageCollector(pageOffset(request), request.perPage);
  for (const [span, spanCounts] of counts.spans.entries()) {
    if (page.full && counted) break;
    if (spanCounts === null || page.skipped(bounds.of(spanCounts))) continue;
    const spanKey = bounds.of(spanCounts).count <= SPAN_READ_LIMIT ? selectiveKey(spanCounts, filter) : undefined;
    if (spanKey !== undefined) {
      page.take(await readEach(read, 'span', span, spanKey, asked));
      continue;
    }
    const first = span * LIST_SPAN_BLOCKS;
    for (let number = first; number < Math.min(first + LIST_SPAN_BLOCKS, counts.blocks.length); number++) {
      if (page.full && counted) break;
      const block = counts.blocks[number] ?? null;
      if (block === null || page.skipped(bounds.of(block))) continue;
      page.take(await readEach(read, 'block', number, selectiveKey(block, filter), asked));
    }
  }
  return toPage(page.data, request, counted ? countMatching(counts, asked) : page.seen);
}

/**
 * A filter naming its enrollments (`enrollmentIds`) or holding a search key (a text search, a manufacturer, a postal
 * code prefix) reads its candidates by one lookup (the rarest key it holds) rather than through the counts: the page
 * and the total cost what that lookup finds, however long the list.
 */
async function readLookedUp(filter: EnrollmentFilter, request: PageRequest, read: ReadList): Promise<Page<Enrollment> | undefined> {
  let found: readonly ListedEnrollment[];
  if (filter.enrollmentIds !== undefined) found = filter.enrollmentIds.length === 0 ? [] : await read({ unit: 'enrollments', ids: [...new Set(filter.enrollmentIds)] });
  else {
    const key = searchLookupOf(filter);
    if (key === undefined) return undefined;
    found = await read({ unit: 'instance', key });
  }
  const rows = found.filter((row) => matchesEnrollmentFilter(row.enrollment, filter)).sort((a, b) => a.position - b.position);
  const offset = pageOffset(request);
  return toPage(rows.slice(offset, offset + request.perPage).map((row) => row.enrollment), request, rows.length);
}

/** The page being filled: what to skip first, what it holds, and how many matches were seen in all. */
class PageCollector {
  readonly data: Enrollment[] = [];
  seen = 0;
  constructor(private toSkip: number, private readonly perPage: number) {}

  get full(): boolean {
    return this.data.length >= this.perPage;
  }

  /** True (and counted) when a unit need not be read: it holds nothing wanted, or exactly what lies outside the page. */
  skipped(bound: Bound): boolean {
    if (bound.count === 0) return true;
    if (!bound.exact || !(this.full || this.toSkip >= bound.count)) return false;
    if (!this.full) this.toSkip -= bound.count;
    this.seen += bound.count;
    return true;
  }

  take(rows: readonly ListedEnrollment[]): void {
    this.seen += rows.length;
    for (const row of rows) {
      if (this.toSkip > 0) this.toSkip--;
      else if (!this.full) this.data.push(row.enrollment);
    }
  }
}

/** The key a unit is read by: the rarest tag asked for, else each status or each state asked for; none reads the whole block. */
type SelectiveKey = { readonly tag: string } | { readonly statuses: readonly string[] } | { readonly states: readonly string[] } | undefined;

function selectiveKey(counts: ListBlockCounts, filter: EnrollmentFilter): SelectiveKey {
  if (filter.includeDeleted === true) return undefined;
  const choices: Array<{ key: NonNullable<SelectiveKey>; size: number }> = [];
  const tags = filter.tags ?? [];
  if (tags.length > 0) {
    const rarest = [...tags].sort((a, b) => (counts.tags[a] ?? 0) - (counts.tags[b] ?? 0))[0]!;
    choices.push({ key: { tag: rarest }, size: counts.tags[rarest] ?? 0 });
  }
  if (filter.statuses !== undefined) choices.push({ key: { statuses: filter.statuses }, size: sumOf(counts.live, filter.statuses) });
  // Only a block that counts states can be read by them: its documents were all given state keys as they were counted.
  if (filter.participationStates !== undefined && counts.states !== undefined) {
    choices.push({ key: { states: filter.participationStates }, size: sumOf(counts.states, filter.participationStates) });
  }
  // The smallest read; on a tie the earlier choice (a tag, then statuses), as before states were counted.
  return choices.reduce<(typeof choices)[number] | undefined>((best, choice) => (best === undefined || choice.size < best.size ? choice : best), undefined)?.key;
}

/** Reads a unit by its key (one lookup per status), keeping what the filter wants, in list order. */
async function readEach(read: ReadList, unit: 'block' | 'span', number: number, key: SelectiveKey, filter: EnrollmentFilter): Promise<ListedEnrollment[]> {
  let rows: ListedEnrollment[];
  if (key === undefined) rows = [...(await read({ unit: 'block', number }))];
  else if ('tag' in key) rows = [...(await read({ unit, number, tag: key.tag }))];
  else if ('states' in key) rows = (await Promise.all(key.states.map((state) => read({ unit, number, state })))).flat();
  else rows = (await Promise.all(key.statuses.map((status) => read({ unit, number, status })))).flat();
  return rows.filter((row) => matchesEnrollmentFilter(row.enrollment, filter)).sort((a, b) => a.position - b.position);
}

/** A filter as the counts see it: its manufacturer as one more tag to carry. */
function countedFormOf(filter: EnrollmentFilter): EnrollmentFilter {
  if (filter.manufacturer === undefined) return filter;
  const { manufacturer, ...rest } = filter;
  return { ...rest, tags: [...(filter.tags ?? []), manufacturerTag(manufacturer)] };
}

/** Whether a filter asks only for what the counts count (status, tags, participation state, deleted), so its total is a sum of counts. */
export function isCountedFilter(filter: EnrollmentFilter): boolean {
  return (
    filter.createdFrom === undefined && filter.createdTo === undefined && filter.updatedFrom === undefined && filter.updatedTo === undefined &&
    filter.participationId === undefined && filter.referenceId === undefined && filter.referenceIds === undefined &&
    filter.enrollmentIds === undefined && filter.search === undefined && filter.postalCodePrefix === undefined
  );
}

/** How many enrollments with facets the filter asks for: exact for a counted filter. */
export function countMatching(counts: ListCounts, asked: EnrollmentFilter): number {
  const filter = countedFormOf(asked);
  let total = 0;
  for (const [key, count] of Object.entries(counts.combos)) if (facetsMatch(facetsOfCombo(key), filter)) total += count;
  return total;
}

function facetsMatch(facets: ListFacets, filter: EnrollmentFilter): boolean {
  return (
    (filter.includeDeleted === true || !facets.deleted) &&
    (filter.statuses === undefined || filter.statuses.includes(facets.status)) &&
    (filter.participationStates === undefined || (facets.participationState !== undefined && filter.participationStates.includes(facets.participationState))) &&
    (filter.tags === undefined || filter.tags.every((tag) => facets.tags.includes(tag)))
  );
}

/**
 * At most how many of a unit's (block's or span's) enrollments the filter wants, and whether exactly that many: exact
 * for a status filter (deleted ones included or not), for one tag alone, and for a creation range that covers it.
 */
class Bounds {
  /** Whether the filter asks for nothing the counts do not count, once its creation range is set aside. */
  readonly #countedBeyondCreation: boolean;

  constructor(private readonly filter: EnrollmentFilter) {
    this.#countedBeyondCreation = isCountedFilter({ ...filter, createdFrom: undefined, createdTo: undefined });
  }

  of(unit: ListBlockCounts): Bound {
    const filter = this.filter;
    const created = createdOverlap(unit, filter);
    if (created === 'none') return { count: 0, exact: true };
    const statuses = filter.statuses;
    const deleted = filter.includeDeleted === true ? sumOf(unit.deleted, statuses) : 0;
    let count = sumOf(unit.live, statuses) + deleted;
    let exact = created === 'all' && this.#countedBeyondCreation;
    const tags = filter.tags ?? [];
    if (tags.length > 0) {
      let tagged = Number.POSITIVE_INFINITY;
      for (const tag of tags) tagged = Math.min(tagged, unit.tags[tag] ?? 0);
      count = Math.min(count, tagged + deleted);
      exact &&= tags.length === 1 && statuses === undefined && filter.includeDeleted !== true;
    }
    const states = filter.participationStates;
    if (states !== undefined) {
      // A deleted enrollment's state is not tallied: with deleted ones included the bound keeps them all.
      if (unit.states !== undefined) count = Math.min(count, sumOf(unit.states, states) + deleted);
      exact &&= unit.states !== undefined && statuses === undefined && tags.length === 0 && filter.includeDeleted !== true;
    }
    return { count, exact };
  }
}

function createdOverlap(block: ListBlockCounts, filter: EnrollmentFilter): 'none' | 'some' | 'all' {
  const from = filter.createdFrom;
  const to = filter.createdTo;
  if ((from !== undefined && block.lastCreatedAt < from) || (to !== undefined && block.firstCreatedAt > to)) return 'none';
  if ((from !== undefined && block.firstCreatedAt < from) || (to !== undefined && block.lastCreatedAt > to)) return 'some';
  return 'all';
}

function sumOf(tally: Record<string, number>, keys: readonly string[] | undefined): number {
  let total = 0;
  if (keys === undefined) for (const key in tally) total += tally[key]!;
  else for (const key of keys) total += tally[key] ?? 0;
  return total;
}
