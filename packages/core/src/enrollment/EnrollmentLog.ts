import { inject, injectable } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { CoreSettings } from '../CoreSettings.js';
import { newEventId, newPrefixedId } from '../ids/ids.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { Actor, EnrollmentEvent, EventDraft } from '../model/EnrollmentEvent.js';
import type { EnrollmentEventRepository } from '../ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from '../ports/EnrollmentProjectionRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';
import { projectEnrollment } from './projectEnrollment.js';

/** Who is writing and from where; every change carries it into its events. */
export interface Author {
  readonly actor: Actor;
  readonly source: string;
}

/** Decides a change from the current enrollment: the events to append (none: nothing to do), or throws. */
/** `at` is the time the events will carry (ISO-8601). */
export type Decision = (current: Enrollment, at: string) => readonly EventDraft[] | Promise<readonly EventDraft[]>;

export interface ChangeResult {
  readonly enrollment: Enrollment;
  readonly events: readonly EnrollmentEvent[];
}

/**
 * The enrollment's event log and its projection (DESIGN §3). A change is decided on the latest state and
 * appended as events with the next sequence numbers; the insert of the first one into the unique
 * `(enrollmentId, seq)` index is the only concurrency guard, because it is the one every store makes atomic.
 * The loser of a race decides again on the newer state. The projection is written after, and brought up to
 * date from newer events on every read, so a crash between the two writes loses nothing.
 */
@injectable()
export class EnrollmentLog {
  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  /** The enrollment with every event folded in, or undefined (also for another workspace's id). */
  async load(workspaceId: string, enrollmentId: string): Promise<Enrollment | undefined> {
    const stored = await this.projections.get(workspaceId, enrollmentId);
    const newer = await this.events.listForEnrollment(workspaceId, enrollmentId, stored?.seq ?? 0);
    if (newer.length === 0) return stored;
    const complete = await this.completeLastBatch(newer);
    const current = projectEnrollment(stored, complete);
    if (current !== undefined) await this.saveProjection(current);
    return current;
  }

  /** Starts a new enrollment's log; the first draft must be its `enrollment.created`. */
  async create(workspaceId: string, enrollmentId: string, author: Author, drafts: readonly EventDraft[]): Promise<ChangeResult> {
    const events = this.place(workspaceId, enrollmentId, 0, author, drafts, this.clock.now());
    if (!(await this.append(events))) {
      throw new ConflictError('enrollment_exists', `Enrollment '${enrollmentId}' already exists.`);
    }
    return { enrollment: await this.project(undefined, events), events };
  }

  /**
   * Applies a decision to an existing enrollment, retrying on a lost race up to the configured number of
   * attempts, then answering with a conflict. Throws NotFound-free: the caller loads first to check existence.
   */
  async change(workspaceId: string, enrollmentId: string, author: Author, decide: Decision): Promise<ChangeResult | undefined> {
    for (let attempt = 1; attempt <= this.settings.maxAppendAttempts; attempt++) {
      const current = await this.load(workspaceId, enrollmentId);
      if (current === undefined) return undefined;
      const at = this.clock.now();
      const drafts = await decide(current, at.toISOString());
      if (drafts.length === 0) return { enrollment: current, events: [] };
      const events = this.place(workspaceId, enrollmentId, current.seq, author, drafts, at);
      if (await this.append(events)) return { enrollment: await this.project(current, events), events };
      await backOff(attempt);
    }
    throw new ConflictError(
      'enrollment_contended',
      `Enrollment '${enrollmentId}' kept changing while this change was applied; retry the request.`,
    );
  }

  private place(workspaceId: string, enrollmentId: string, lastSeq: number, author: Author, drafts: readonly EventDraft[], occurredAt: Date): EnrollmentEvent[] {
    const batchId = newPrefixedId('bat');
    const events = drafts.map(
      (draft, index) =>
        ({
          id: newEventId(occurredAt),
          workspaceId,
          enrollmentId,
          seq: lastSeq + index + 1,
          type: draft.type,
          occurredAt: occurredAt.toISOString(),
          actor: author.actor,
          source: author.source,
          data: draft.data,
          batch: { id: batchId, index, size: drafts.length },
        }) as EnrollmentEvent,
    );
    const [head, ...followers] = events;
    return head === undefined ? [] : [followers.length === 0 ? head : { ...head, followers }, ...followers];
  }

  /** Appends a batch: false if another writer took the head's sequence number first. */
  private async append(events: readonly EnrollmentEvent[]): Promise<boolean> {
    const [head, ...followers] = events;
    if (head === undefined || (await this.events.insert(head)) === 'duplicate') return false;
    // A follower can only be a duplicate of itself, inserted by a reader that completed this batch first.
    for (const follower of followers) await this.events.insert(follower);
    return true;
  }

  /** Inserts what a crash left out of the newest batch (its head carries the rest), so readers never see half a change. */
  private async completeLastBatch(newer: readonly EnrollmentEvent[]): Promise<readonly EnrollmentEvent[]> {
    const last = newer.at(-1);
    if (last === undefined || last.batch.index === last.batch.size - 1) return newer;
    const head = newer.find((event) => event.batch.id === last.batch.id && event.batch.index === 0);
    const missing = (head?.followers ?? []).filter((follower) => follower.seq > last.seq);
    for (const follower of missing) await this.events.insert(follower);
    return [...newer, ...missing];
  }

  private async project(base: Enrollment | undefined, events: readonly EnrollmentEvent[]): Promise<Enrollment> {
    const projected = projectEnrollment(base, events);
    if (projected === undefined) throw new Error('A batch of events projected to nothing');
    await this.saveProjection(projected);
    return projected;
  }

  private async saveProjection(enrollment: Enrollment): Promise<void> {
    try {
      await this.projections.save(enrollment);
    } catch {
      // The events are already the truth; the next read folds them in again and retries this write.
    }
  }
}

/** A short random pause so that many losers of one race do not collide again in lock-step. */
function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
