import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { FlexrollError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, type CoreMetrics, CORE_TOKENS, type DueBucket, dueWindow, minuteStart, STORE_TOKENS, type BackgroundTask } from '../../platform/index.js';
import { ChangeRunner, type Enrollment, EnrollmentLog, type InstanceRules, type EnrollmentChange, type EnrollmentProjectionRepository, reviewBucket } from '../../enrollments/index.js';
import type { ProgramInstance } from '../../programs/index.js';
import type { CursorRepository } from '../../webhooks/index.js';
import { DueMoments } from '../due/DueMoments.js';
import { applyPolicy } from '../applyPolicy.js';
import { announceDeadlines } from '../announceDeadlines.js';
import { decideConsent, decideTelemetry, decideWindDown } from '../participationPolicy.js';
import type { WorkspaceRepository } from '../../access/index.js';

/**
 * How far a workspace's cursor may run ahead of its stored copy before it is stored again (ADR 0019, "The cursor is kept
 * in memory"). A stored cursor behind the pass only makes a pass that starts from it (another process, or this one
 * after a restart) read these minutes' buckets again, which hold only what is still due.
 */
const CURSOR_STORE_EVERY_MS = 15 * 60_000;

const SWEEP_AUTHOR = { actor: { type: 'sweep', id: 'scheduled-sweep' }, source: 'sweep' } as const;

/** The instance rules one pass has read, by instance id, so that a bucket's enrollments do not each read them again. */
type PassRules = Map<string, Promise<InstanceRules>>;

/** What one sweep did. */
export interface SweepReport {
  readonly applied: number;
}

/**
 * The scheduled sweeps: telemetry staleness, consent expiry, wind-down completion and deadline alerts. (Projection repair follows
 * the event feed: enrollments' ProjectionRepair. Polling the operator through the adapter's sync is a task of its
 * own, OperatorPollingTask, in every non-terminal state.) The review reads only the enrollments whose due keys fall
 * since its cursor (ADR 0019): an idle pass costs a few empty equality queries, whatever the workspace's size.
 * Each decision is taken again on the freshest state inside the log's append, so any number of sweepers may run
 * at once: the loser of a race re-decides, finds the work done, and appends nothing.
 */
@injectable()
export class SweepService implements BackgroundTask {
  readonly name = 'sweeps';
  /** Each workspace's cursor as this process last moved it, and as it last stored or read it. */
  readonly #cursors = new Map<string, { readonly value: string; readonly stored: string }>();
  constructor(
    @inject(new LazyServiceIdentifier(() => ChangeRunner)) private readonly changes: ChangeRunner,
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(STORE_TOKENS.cursors) private readonly cursors: CursorRepository,
    @inject(DueMoments) private readonly due: DueMoments,
    @inject(new LazyServiceIdentifier(() => EnrollmentLog)) private readonly log: EnrollmentLog,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {}

  get intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  /** One pass over every workspace; as a background task, the number of enrollments it changed. */
  async runOnce(): Promise<number> {
    return (await this.sweep()).applied;
  }

  async sweep(): Promise<SweepReport> {
    let applied = 0;
    for (const workspace of await this.workspaces.listAll()) applied += await this.sweepParticipations(workspace.id);
    return { applied };
  }

  /**
   * Reviews the workspace's enrollments whose review falls due since its cursor, bucket by bucket (ADR 0019), then
   * moves the cursor. Without a cursor (a workspace stored before due keys, or new) it looks at every enrollment once,
   * which stores the due keys of those that had none.
   */
  private async sweepParticipations(workspaceId: string): Promise<number> {
    const key = `due-review:${workspaceId}`;
    const now = this.clock.now();
    const kept = this.#cursors.get(workspaceId);
    const stored = kept?.stored ?? (await this.cursors.get(key))?.value;
    const window = dueWindow(kept?.value ?? stored, now);
    const rules: PassRules = new Map();
    let applied = 0;
    if (stored === undefined) {
      applied += await reviewAll(await this.projections.listIds(workspaceId, {}), (id) => this.sweepOne(workspaceId, id, rules));
    } else {
      applied += await this.reviewListed(workspaceId, await this.listWindow(workspaceId, window.buckets), rules);
    }
    if (stored === undefined || minuteStart(window.cursor) - minuteStart(stored) >= CURSOR_STORE_EVERY_MS) {
      await this.cursors.put({ key, value: window.cursor, updatedAt: now.toISOString() });
      this.#cursors.set(workspaceId, { value: window.cursor, stored: window.cursor });
    } else {
      this.#cursors.set(workspaceId, { value: window.cursor, stored });
    }
    return applied;
  }

  /** The enrollments due in a window's buckets, each once (in time order; a copy listed twice is reviewed once). */
  private async listWindow(workspaceId: string, buckets: readonly DueBucket[]): Promise<Enrollment[]> {
    const due = new Map<string, Enrollment>();
    for (const bucket of buckets) {
      const { field, value } = reviewBucket(workspaceId, bucket);
      for (const listed of await this.projections.listDue(workspaceId, field, value)) if (!due.has(listed.id)) due.set(listed.id, listed);
    }
    return [...due.values()];
  }

  /**
   * Reviews the listed due enrollments. Those whose review only announces deadlines (no other decision of the review
   * has anything to say, see {@link onlyAnnounces}) are appended together on their listed copies
   * ({@link EnrollmentLog.changeStoredMany}: a few writes for all of them); the rest, and any whose copy lost its
   * append race, are reviewed one by one through the ChangeRunner.
   */
  private async reviewListed(workspaceId: string, listed: readonly Enrollment[], passRules: PassRules): Promise<number> {
    const instances = new Map<string, ProgramInstance>();
    for (const copy of listed) {
      if (instances.has(copy.programInstanceId)) continue;
      try {
        instances.set(copy.programInstanceId, (await this.rulesOf(passRules, copy)).instance);
      } catch {
        // Its instance unreadable: reviewed one by one, which reschedules it.
      }
    }
    const announced = await this.log.changeStoredMany(workspaceId, SWEEP_AUTHOR, listed, (change) => {
      const instance = instances.get(change.current.programInstanceId);
      if (instance === undefined || !onlyAnnounces(change, instance)) return false;
      announceDeadlines(change);
      return true;
    });
    for (const result of announced) this.countMissed(workspaceId, result?.events);
    const rest = listed.filter((_, index) => announced[index] === undefined);
    return (listed.length - rest.length) + (await reviewAll(rest, (copy) => this.sweepOne(workspaceId, copy.id, passRules, copy)));
  }

  /**
   * Reviews one enrollment: decided first on its listed copy, the stored projection (when this process has nothing
   * newer), and appended under the `(enrollmentId, seq)` guard, so a copy the log has moved past loses the append and
   * is decided again on fresh state. One left as it was gets its due keys stored again (its rules may have changed, or
   * it was read early in its minute); a failed review is tried again on the next pass.
   */
  /** Each missed deadline this sweep announced, for the metrics (the log holds each once: the append decided it). */
  private countMissed(workspaceId: string, events: readonly { readonly type: string }[] | undefined): void {
    for (const event of events ?? []) if (event.type === 'participation.deadline_missed') this.metrics.deadlineMissed(workspaceId);
  }

  private async sweepOne(workspaceId: string, enrollmentId: string, passRules: PassRules, listed?: Enrollment): Promise<number> {
    const author = SWEEP_AUTHOR;
    try {
      const known = listed === undefined ? undefined : await this.rulesOf(passRules, listed);
      const result = await this.changes.run(workspaceId, enrollmentId, author, (change, rules) => review(change, rules), listed === undefined ? undefined : { stored: listed }, known);
      if (result !== undefined && result.events.length === 0) await this.reschedule(result.enrollment, result.rules.instance);
      this.countMissed(workspaceId, result?.events);
      return result?.events.length ? 1 : 0;
    } catch (error) {
      // One enrollment's failure (an adapter that failed, recorded on it) must not stop the sweep of the rest.
      if (FlexrollError.is(error) && error.kind !== 'internal') {
        if (listed !== undefined) await this.reschedule(listed);
        return 0;
      }
      throw error;
    }
  }

  /** The instance rules of a listed enrollment, read once per instance and pass. */
  private rulesOf(passRules: PassRules, listed: Enrollment): Promise<InstanceRules> {
    let rules = passRules.get(listed.programInstanceId);
    if (rules === undefined) {
      rules = this.changes.rulesFor(listed);
      passRules.set(listed.programInstanceId, rules);
    }
    return rules;
  }

  private async reschedule(enrollment: Enrollment, instance?: ProgramInstance): Promise<void> {
    const keys = await this.due.keysFor(enrollment, instance === undefined ? {} : { instance });
    await this.projections.reschedule(enrollment.workspaceId, enrollment.id, enrollment.seq, keys);
  }
}

/**
 * Whether the review of this copy would only announce deadlines: it holds a participation, and the review's other
 * decisions (wind-down, telemetry, consent; pure functions of the participation) have neither a fact to record nor a
 * step to take. Such a review calls nothing out, so it can be taken on the listed copy in a batch.
 */
function onlyAnnounces(change: EnrollmentChange, instance: ProgramInstance): boolean {
  const { participation, deletedAt } = change.current;
  if (participation === undefined || deletedAt !== undefined) return false;
  const reviewed = { kind: 'reviewed' } as const;
  return [decideWindDown, decideTelemetry, decideConsent].every((decide) => {
    const decision = decide(participation, instance, reviewed, change.at);
    return decision.step === undefined && Object.keys(decision.facts).length === 0;
  });
}

/**
 * Reviews each item in turn; the number of enrollments changed. (Not side by side: on FerretDB v1 on PostgreSQL,
 * concurrent writes of one workspace's deadline records contend and cost more than the same writes in turn.)
 */
async function reviewAll<T>(items: readonly T[], reviewOne: (item: T) => Promise<number>): Promise<number> {
  let applied = 0;
  for (const item of items) applied += await reviewOne(item);
  return applied;
}

/**
 * The sweep's review of one enrollment, fact after fact (the wind-down first: a completed one leaves nothing to
 * suspend); each is the participation policy's decision, re-taken on fresh state after a lost race. The deadline
 * alerts come last, on the state the other decisions left (a move they made has closed the deadline it ended).
 */
async function review(change: EnrollmentChange, rules: InstanceRules): Promise<void> {
  const { participation, deletedAt } = change.current;
  if (participation === undefined || deletedAt !== undefined) return;
  const reviewed = { kind: 'reviewed' } as const;
  await applyPolicy(change, rules, decideWindDown, reviewed);
  await applyPolicy(change, rules, decideTelemetry, reviewed);
  await applyPolicy(change, rules, decideConsent, reviewed);
  announceDeadlines(change);
}
