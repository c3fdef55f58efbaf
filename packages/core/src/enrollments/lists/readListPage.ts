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

/** A span may be read at once when the counts say it holds at most this many of what the filter wants. */
const SPAN_READ_LIMIT = 200;

/**
 * What one lookup costs beside the rows it returns, in rows returned. On FerretDB v1 on PostgreSQL a find costs about
 * what two of the documents it returns cost (each 0.3–1.5 ms, with the machine's load), and a limit is never pushed
 * down: so a sparse span is read at once only when that costs less than the blocks the page needs from it, which are
 * read together (docs/performance.md (u): ten lookups of two rows each answered in a fifth of the time the span's
 * 200 rows took).
 */
const LOOKUP_COST_IN_ROWS = 2;

/** Lookups of one page in flight at once, so that a page does not queue all its reads in the pool ahead of other requests. */
const READS_AT_ONCE = 10;

/** At most how many of a block's (or span's) enrollments a filter wants, and whether exactly that many. */
interface Bound {
  count: number;
  exact: boolean;
}

/**
 * One page of an instance's list, read through its counts. Blocks the counts say hold nothing wanted are never read;
 * blocks before the page whose matches the counts know exactly are skipped by arithmetic; what is read is read by
 * the most selective key the counts allow (a status, the rarest tag): a whole span at once where the filter is
 * sparse and the page needs much of the span, else only the blocks the page needs, ten lookups at a time. So a page
 * costs about what it returns, however long the list. Totals of a status and tags filter are sums of counts.
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
    const first = span * LIST_SPAN_BLOCKS;
    const blocks = counts.blocks.slice(first, first + LIST_SPAN_BLOCKS);
    const spanBound = bounds.of(spanCounts).count;
    const spanKey = spanBound <= SPAN_READ_LIMIT && spanBound + LOOKUP_COST_IN_ROWS <= costOf(planBlocks(blocks, 0, bounds, page, counted).blocks)
      ? selectiveKey(spanCounts, filter)
      : undefined;
    if (spanKey !== undefined) {
      page.take(await readEach(read, 'span', span, spanKey, asked));
      continue;
    }
    // The blocks the page needs, as far as the counts tell, are read together; the next ones only when the counts'
    // bounds were not exact (a combined filter) and the page is not full yet.
    let from = 0;
    while (from < blocks.length && !(page.full && counted)) {
      const plan = planBlocks(blocks, from, bounds, page, counted);
      const reads = plan.blocks.filter((block) => block.read);
      const found = await inWaves(reads, (block) => readEach(read, 'block', first + block.offset, selectiveKey(blocks[block.offset]!, filter), asked));
      from = plan.end;
      for (const block of plan.blocks) {
        if (block.read) page.take(found[reads.indexOf(block)]!);
        else if (!page.skipped(block.bound)) {
          // A block before it held fewer matches than its bound: this one cannot be skipped after all.
          from = block.offset;
          break;
        }
      }
    }
  }
  return toPage(page.data, request, counted ? countMatching(counts, asked) : page.seen);
}

/** A block of a span (`offset` in it) the page passes: read by key, or skipped by arithmetic. */
interface PlannedBlock {
  readonly offset: number;
  readonly bound: Bound;
  readonly read: boolean;
}

/**
 * The blocks of a span, from `from` on, that the page needs, as the counts tell it: a block is skipped by arithmetic
 * where its matches are known exactly and lie before the page (or after it, once it is full); the others are read,
 * each assumed to hold its bound, until the page would be full (a counted filter) or to the span's end (a filter the
 * counts cannot total, which sees every match). `end` is where the plan stopped.
 */
function planBlocks(blocks: ReadonlyArray<ListBlockCounts | null>, from: number, bounds: Bounds, page: PageCollector, counted: boolean): { blocks: PlannedBlock[]; end: number } {
  const planned: PlannedBlock[] = [];
  let toSkip = page.toSkip;
  let room = page.room;
  let offset = from;
  for (; offset < blocks.length && !(counted && room <= 0); offset++) {
    const block = blocks[offset] ?? null;
    if (block === null) continue;
    const bound = bounds.of(block);
    if (bound.count === 0) continue;
    if (bound.exact && (room <= 0 || toSkip >= bound.count)) {
      if (room > 0) toSkip -= bound.count;
      planned.push({ offset, bound, read: false });
      continue;
    }
    planned.push({ offset, bound, read: true });
    const skippedHere = Math.min(toSkip, bound.count);
    toSkip -= skippedHere;
    room -= bound.count - skippedHere;
  }
  return { blocks: planned, end: offset };
}

/** What reading planned blocks costs, in rows: the rows their keys return, and {@link LOOKUP_COST_IN_ROWS} per lookup. */
function costOf(blocks: readonly PlannedBlock[]): number {
  return blocks.reduce((cost, block) => (block.read ? cost + block.bound.count + LOOKUP_COST_IN_ROWS : cost), 0);
}

/** Each item read, {@link READS_AT_ONCE} at a time, the answers in the items' order. */
async function inWaves<T, R>(items: readonly T[], readOne: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = [];
  for (let start = 0; start < items.length; start += READS_AT_ONCE) answers.push(...(await Promise.all(items.slice(start, start + READS_AT_ONCE).map(readOne))));
  return answers;
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
  #toSkip: number;
  constructor(toSkip: number, private readonly perPage: number) {
    this.#toSkip = toSkip;
  }

  get full(): boolean {
    return this.data.length >= this.perPage;
  }

  /** Matches still to pass before the page starts. */
  get toSkip(): number {
    return this.#toSkip;
  }

  /** Rows the page still has room for. */
  get room(): number {
    return Math.max(0, this.perPage - this.data.length);
  }

  /** True (and counted) when a unit need not be read: it holds nothing wanted, or exactly what lies outside the page. */
  skipped(bound: Bound): boolean {
    if (bound.count === 0) return true;
    if (!bound.exact || !(this.full || this.toSkip >= bound.count)) return false;
    if (!this.full) this.#toSkip -= bound.count;
    this.seen += bound.count;
    return true;
  }

  take(rows: readonly ListedEnrollment[]): void {
    this.seen += rows.length;
    for (const row of rows) {
      if (this.#toSkip > 0) this.#toSkip--;
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
