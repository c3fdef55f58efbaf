import {
  type ListCounts,
  matchesEnrollmentFilter,
  type DueKeyField, type DueKeys, type Enrollment, type EnrollmentFilter, type EnrollmentProjectionRepository, type Page, type PageRequest, type ProjectionSave,
} from '@flexroll/core';
import { DueIndex } from './DueIndex.js';
import { CompactCopies } from './compactCopy.js';
import { MemoryEnrollmentLists } from './MemoryEnrollmentLists.js';
import { MemoryTable, tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { byKeys, paginate } from './paginate.js';

/** Enrollment projections in memory, found by id or by participation; a save never replaces a copy with a higher `seq`. */
export class MemoryEnrollmentRepository implements EnrollmentProjectionRepository {
  readonly #table = new MemoryTable<Enrollment>((row) => scoped(row.workspaceId, row.id));
  /** Participation id → enrollment id, per workspace: a participation never changes hands. */
  readonly #holders = new Map<string, string>();
  /** Serial number → the enrollments with it, per workspace (a serial number never changes once set). */
  readonly #devices = new Map<string, Set<string>>();
  /** Shared copies of the reason lists that every history entry carries (most are the same few lists). */
  readonly #reasons = new CompactCopies();
  /** The instances' lists, counted as projections are saved. */
  readonly #lists = new MemoryEnrollmentLists();
  /** The due keys of each stored copy, found by bucket (ADR 0019). */
  readonly #due = new DueIndex();

  /** (The lists are counted from the copy each save replaces, so `decidedOn` is not needed here.) */
  async save(enrollment: Enrollment, options: ProjectionSave = {}): Promise<void> {
    await tick();
    this.#saveNow(enrollment, options.due);
  }

  /** Many projections in one write (a bulk import's chunk), as a database's `insertMany` is one round trip. */
  async saveMany(enrollments: readonly Enrollment[], due?: ReadonlyArray<DueKeys | undefined>): Promise<void> {
    await tick();
    for (const [index, enrollment] of enrollments.entries()) this.#saveNow(enrollment, due?.[index]);
  }

  async listDue(workspaceId: string, field: DueKeyField, value: string): Promise<readonly Enrollment[]> {
    await tick();
    return this.#due.find(workspaceId, field, value).flatMap((id) => this.#table.peek(scoped(workspaceId, id)) ?? []);
  }

  async reschedule(workspaceId: string, enrollmentId: string, seq: number, due: DueKeys): Promise<void> {
    await tick();
    if (this.#table.peek(scoped(workspaceId, enrollmentId))?.seq === seq) this.#due.set(workspaceId, enrollmentId, due);
  }

  #saveNow(enrollment: Enrollment, due: DueKeys | undefined): void {
    // The core builds a new projection for every change and never changes it afterwards, so it is kept as it is, frozen.
    this.#shareNewHistoryReasons(enrollment);
    let before: Enrollment | undefined;
    const saved = this.#table.putUnlessNow(enrollment, (stored) => {
      before = stored;
      return stored.seq >= enrollment.seq;
    }, { adopt: true });
    if (saved) {
      this.#lists.saved(enrollment, before);
      this.#due.set(enrollment.workspaceId, enrollment.id, due ?? {});
    }
    if (saved && enrollment.participation !== undefined) this.#holders.set(scoped(enrollment.workspaceId, enrollment.participation.id), enrollment.id);
    if (saved && enrollment.serialNumber !== undefined) {
      const key = scoped(enrollment.workspaceId, enrollment.serialNumber);
      this.#devices.set(key, (this.#devices.get(key) ?? new Set<string>()).add(enrollment.id));
    }
  }

  /**
   * Points the history entries added since the last save (the ones not frozen yet; older ones are shared with the
   * projection saved before) at shared, equal reason lists: one list per entry would otherwise be kept per event.
   */
  #shareNewHistoryReasons(enrollment: Enrollment): void {
    const history = enrollment.participation?.history ?? [];
    for (let at = history.length - 1; at >= 0 && !Object.isFrozen(history[at]); at--) {
      const entry = history[at] as { suspensionReasons: readonly string[] };
      entry.suspensionReasons = this.#reasons.copy(entry.suspensionReasons);
    }
  }

  async findBySerialNumber(workspaceId: string, serialNumber: string): Promise<readonly Enrollment[]> {
    const ids = [...(this.#devices.get(scoped(workspaceId, serialNumber)) ?? [])];
    const found = await Promise.all(ids.map((id) => this.#table.get(scoped(workspaceId, id))));
    return found.filter((row): row is Enrollment => row !== undefined);
  }

  async listIds(workspaceId: string, filter: EnrollmentFilter): Promise<readonly string[]> {
    if (filter.programInstanceId !== undefined) return this.#lists.ids(workspaceId, filter.programInstanceId, filter, (id) => this.#table.peek(scoped(workspaceId, id)));
    return (await this.#table.find((row) => row.workspaceId === workspaceId && matchesEnrollmentFilter(row, filter))).map((row) => row.id);
  }

  get(workspaceId: string, id: string): Promise<Enrollment | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }

  async findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const holder = this.#holders.get(scoped(workspaceId, participationId));
    return holder === undefined ? undefined : this.#table.get(scoped(workspaceId, holder));
  }

  /**
   * An instance's list is read through its counts (see `MemoryEnrollmentLists`), in creation order; a list across a
   * whole workspace (no caller on a hot path asks for one) filters every row.
   */
  async list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    if (filter.programInstanceId !== undefined) return this.#lists.page(workspaceId, filter.programInstanceId, filter, page, (id) => this.#table.peek(scoped(workspaceId, id)));
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId && matchesEnrollmentFilter(row, filter));
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.id), page);
  }

  async listCounts(workspaceId: string, programInstanceId: string): Promise<ListCounts> {
    await tick();
    return this.#lists.counts(workspaceId, programInstanceId);
  }
}
