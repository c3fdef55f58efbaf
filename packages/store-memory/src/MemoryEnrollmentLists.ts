import {
  countedTagsOf, emptyListCounts, foldListChange, listBlockOf, listFacetsOf, listSpanOf, readListPage, sameListFacets, searchKeysOf, searchKeyString,
  type Enrollment, type EnrollmentFilter, type ListCounts, type ListedEnrollment, type ListRead, type Page, type PageRequest,
} from '@flexroll/core';
import { tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

/** One instance's list: the counts, and the ids of each block of positions. */
interface InstanceList {
  readonly instanceId: string;
  readonly counts: ListCounts;
  readonly blocks: Array<string[]>;
  next: number;
}

/**
 * The instances' enrollment lists in memory, kept as the projections are saved: each enrollment takes the next
 * position of its instance when first saved, and the counts follow every change of its facets. The same counts and
 * the same page reading as the MongoDB store's (core's `readListPage`), so a page reads its block or two here too.
 */
export class MemoryEnrollmentLists {
  readonly #lists = new Map<string, InstanceList>();
  readonly #positions = new Map<string, number>();
  /** The ids of a block's or span's live enrollments with a status or a tag: the MongoDB store's `listKeys`, here as sets. */
  readonly #keyed = new Map<string, Set<string>>();

  /** Counts a saved projection: `before` is the copy it replaced (undefined for a new enrollment). */
  saved(enrollment: Enrollment, before: Enrollment | undefined): void {
    if (enrollment.programInstanceId === undefined) return;
    const list = this.#listOf(enrollment.workspaceId, enrollment.programInstanceId);
    const key = scoped(enrollment.workspaceId, enrollment.id);
    let position = this.#positions.get(key);
    if (position === undefined) {
      position = list.next++;
      this.#positions.set(key, position);
      const block = listBlockOf(position);
      while (list.blocks.length <= block) list.blocks.push([]);
      list.blocks[block]!.push(enrollment.id);
    }
    const from = before === undefined ? undefined : listFacetsOf(before);
    const to = listFacetsOf(enrollment);
    if (!sameListFacets(from, to)) foldListChange(list.counts, { position, createdAt: enrollment.createdAt, from, to });
    // The keys follow every save: a search key (a name, a postal code) changes without the facets changing.
    const instanceKey = scoped(enrollment.workspaceId, enrollment.programInstanceId);
    if (before !== undefined) for (const key of keysOf(instanceKey, before, position)) this.#keyed.get(key)?.delete(enrollment.id);
    for (const key of keysOf(instanceKey, enrollment, position)) {
      const ids = this.#keyed.get(key);
      if (ids === undefined) this.#keyed.set(key, new Set([enrollment.id]));
      else ids.add(enrollment.id);
    }
  }

  /** A copy of an instance's counts, so that no caller can change the ones kept here. */
  counts(workspaceId: string, programInstanceId: string): ListCounts {
    return structuredClone(this.#listOf(workspaceId, programInstanceId).counts);
  }

  positionOf(workspaceId: string, enrollmentId: string): number | undefined {
    return this.#positions.get(scoped(workspaceId, enrollmentId));
  }

  /** `rowOf` reads a stored enrollment at once (the read has taken its round trip). */
  async page(
    workspaceId: string, programInstanceId: string, filter: EnrollmentFilter, request: PageRequest, rowOf: (id: string) => Enrollment | undefined,
  ): Promise<Page<Enrollment>> {
    const list = this.#listOf(workspaceId, programInstanceId);
    return readListPage(list.counts, filter, request, (read) => this.#read(workspaceId, list, read, rowOf));
  }

  /** Every enrollment of the instance the filter selects, block by block, skipping blocks the counts rule out. */
  async ids(workspaceId: string, programInstanceId: string, filter: EnrollmentFilter, rowOf: (id: string) => Enrollment | undefined): Promise<string[]> {
    const list = this.#listOf(workspaceId, programInstanceId);
    const all = await readListPage(list.counts, filter, { page: 1, perPage: Number.MAX_SAFE_INTEGER }, (read) => this.#read(workspaceId, list, read, rowOf));
    return all.data.map((enrollment) => enrollment.id);
  }

  /** One read of the list, as a database answers it by key: a whole block, or the ids kept under a block's or span's status or tag. */
  async #read(workspaceId: string, list: InstanceList, read: ListRead, rowOf: (id: string) => Enrollment | undefined): Promise<ListedEnrollment[]> {
    await tick();
    const instanceKey = scoped(workspaceId, list.instanceId);
    const ids = read.unit === 'instance' ? this.#keyed.get(`${instanceKey}|all|${searchKeyString(read.key)}`)
      : read.unit === 'enrollments' ? read.ids.filter((id) => rowOf(id)?.programInstanceId === list.instanceId)
        : 'status' in read ? this.#keyed.get(keyOf(instanceKey, read.unit, read.number, 'status', read.status))
          : 'tag' in read ? this.#keyed.get(keyOf(instanceKey, read.unit, read.number, 'tag', read.tag))
            : 'state' in read ? this.#keyed.get(keyOf(instanceKey, read.unit, read.number, 'state', read.state))
              : list.blocks[read.number];
    const rows: ListedEnrollment[] = [];
    for (const id of ids ?? []) {
      const enrollment = rowOf(id);
      const position = this.#positions.get(scoped(workspaceId, id));
      if (enrollment !== undefined && position !== undefined) rows.push({ position, enrollment });
    }
    return rows;
  }

  #listOf(workspaceId: string, programInstanceId: string): InstanceList {
    const key = scoped(workspaceId, programInstanceId);
    let list = this.#lists.get(key);
    if (list === undefined) {
      list = { instanceId: programInstanceId, counts: emptyListCounts(), blocks: [], next: 0 };
      this.#lists.set(key, list);
    }
    return list;
  }
}

/**
 * The keys a live enrollment is kept under: its block's and span's, each with its status, with each tag and with its
 * participation's state; and its instance's with each search key.
 */
function keysOf(instanceKey: string, enrollment: Enrollment, position: number): string[] {
  if (enrollment.deletedAt !== undefined) return [];
  const units = [['block', listBlockOf(position)], ['span', listSpanOf(position)]] as const;
  const state = enrollment.participation?.state;
  return [
    ...units.flatMap(([unit, number]) => [
      keyOf(instanceKey, unit, number, 'status', enrollment.eligibility.status),
      ...countedTagsOf(enrollment).map((tag) => keyOf(instanceKey, unit, number, 'tag', tag)),
      ...(state === undefined ? [] : [keyOf(instanceKey, unit, number, 'state', state)]),
    ]),
    ...searchKeysOf(enrollment).map((key) => `${instanceKey}|all|${key}`),
  ];
}

function keyOf(instanceKey: string, unit: 'block' | 'span', number: number, kind: 'status' | 'tag' | 'state', value: string): string {
  return `${instanceKey}|${unit}|${number}|${kind}|${value}`;
}
