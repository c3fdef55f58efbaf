import type { DueKeyField, DueKeys, Enrollment, EnrollmentFilter, EnrollmentProjectionRepository, Page, PageRequest } from '@flexroll/core';
import { DueIndex } from './DueIndex.js';
import { CompactCopies } from './compactCopy.js';
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
  /** The due keys of each stored copy, found by bucket (ADR 0019). */
  readonly #due = new DueIndex();

  async save(enrollment: Enrollment, due?: DueKeys): Promise<void> {
    await tick();
    this.#saveNow(enrollment, due);
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
    const saved = this.#table.putUnlessNow(enrollment, (stored) => stored.seq >= enrollment.seq, { adopt: true });
    if (saved) this.#due.set(enrollment.workspaceId, enrollment.id, due ?? {});
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
    return (await this.#table.find((row) => row.workspaceId === workspaceId && matches(row, filter))).map((row) => row.id);
  }

  get(workspaceId: string, id: string): Promise<Enrollment | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }

  async findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const holder = this.#holders.get(scoped(workspaceId, participationId));
    return holder === undefined ? undefined : this.#table.get(scoped(workspaceId, holder));
  }

  async list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId && matches(row, filter));
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.id), page);
  }
}

function matches(row: Enrollment, filter: EnrollmentFilter): boolean {
  const participation = row.participation;
  return (
    (filter.includeDeleted === true || row.deletedAt === undefined) &&
    (filter.programInstanceId === undefined || row.programInstanceId === filter.programInstanceId) &&
    (filter.statuses === undefined || filter.statuses.includes(row.eligibility.status)) &&
    (filter.tags === undefined || filter.tags.every((tag) => row.tags?.includes(tag) === true)) &&
    (filter.referenceId === undefined || row.referenceId === filter.referenceId) &&
    (filter.referenceIds === undefined || (row.referenceId !== undefined && filter.referenceIds.includes(row.referenceId))) &&
    (filter.createdFrom === undefined || row.createdAt >= filter.createdFrom) &&
    (filter.createdTo === undefined || row.createdAt <= filter.createdTo) &&
    (filter.updatedFrom === undefined || row.updatedAt >= filter.updatedFrom) &&
    (filter.updatedTo === undefined || row.updatedAt <= filter.updatedTo) &&
    (filter.participationStates === undefined || (participation !== undefined && filter.participationStates.includes(participation.state))) &&
    (filter.participationId === undefined || participation?.id === filter.participationId)
  );
}
