import type { EnrollmentEvent, EnrollmentEventRepository, EventFilter, InsertResult, Page, PageRequest } from '@flexroll/core';
import { byKeys, paginate } from './paginate.js';

/**
 * The event log in memory, indexed by enrollment so an enrollment's newer events are found without a scan.
 * `(enrollmentId, seq)` and `id` are unique, checked and taken in one synchronous step (no await between),
 * which is what makes the insert atomic here.
 */
export class MemoryEventRepository implements EnrollmentEventRepository {
  readonly #byEnrollment = new Map<string, EnrollmentEvent[]>();
  readonly #ids = new Set<string>();
  readonly #all: EnrollmentEvent[] = [];

  async insert(event: EnrollmentEvent): Promise<InsertResult> {
    await tick();
    const key = `${event.workspaceId}/${event.enrollmentId}`;
    const log = this.#byEnrollment.get(key) ?? [];
    if (this.#ids.has(event.id) || log.some((existing) => existing.seq === event.seq)) return 'duplicate';
    const stored = structuredClone(event);
    log.push(stored);
    log.sort((a, b) => a.seq - b.seq);
    this.#byEnrollment.set(key, log);
    this.#ids.add(event.id);
    this.#all.push(stored);
    return 'inserted';
  }

  async listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]> {
    await tick();
    const log = this.#byEnrollment.get(`${workspaceId}/${enrollmentId}`) ?? [];
    return log.filter((event) => event.seq > afterSeq).map((event) => structuredClone(event));
  }

  async list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    await tick();
    const rows = this.#all.filter((event) => event.workspaceId === workspaceId && matches(event, filter));
    const result = paginate(rows, byKeys((e) => e.occurredAt, (e) => e.enrollmentId, (e) => e.seq), page);
    return { ...result, data: result.data.map((event) => structuredClone(event)) };
  }

  async enrollmentIdsWithEventsSince(workspaceId: string, since: string): Promise<readonly string[]> {
    await tick();
    const ids = this.#all.filter((event) => event.workspaceId === workspaceId && event.occurredAt >= since).map((event) => event.enrollmentId);
    return [...new Set(ids)];
  }
}

function matches(event: EnrollmentEvent, filter: EventFilter): boolean {
  return (
    (filter.types === undefined || filter.types.includes(event.type)) &&
    (filter.enrollmentId === undefined || event.enrollmentId === filter.enrollmentId) &&
    (filter.occurredFrom === undefined || event.occurredAt >= filter.occurredFrom) &&
    (filter.occurredTo === undefined || event.occurredAt <= filter.occurredTo)
  );
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
