import { inject, injectable } from 'inversify';
import { InputError, NotFoundError, type ParticipationState } from '@flexroll/sdk';
import {
  type CallContext, type Clock, CORE_TOKENS, inInstanceScope, type ListWindow, mergeWindows, requireInInstanceScope, type WindowRequest, type CursorPage, cursorFormWindow, decodeListCursor, type PageRequest, pageFormWindow, STORE_TOKENS, toCursorPage, toWindowPage,
  type WindowPage,
} from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { type DeadlineStatus, WAITING_ON, type WaitingOn } from '../enrollments/index.js';
import type { DeadlineRecord } from './DeadlineRecord.js';
import { type DeadlineCounts, type DeadlineFilter, type DeadlineKey, deadlineKeyOf, type DeadlineScope, isDeadlineKey } from './deadlineListing.js';
import { deadlineDurationMs } from './deadlineDuration.js';
import type { DeadlineRepository } from './ports/DeadlineRepository.js';

/** What a deadline list asks for, as the API gives it: the scope's instance (if any) and the filters. */
export interface DeadlineQuery {
  readonly programInstanceId?: string;
  readonly statuses?: readonly DeadlineStatus[];
  readonly waitingOn?: readonly WaitingOn[];
  readonly states?: readonly ParticipationState[];
  /** An ISO-8601 duration: only deadlines with `expectedAt` at or before now less it. */
  readonly overdueBy?: string;
  readonly snoozed?: 'exclude' | 'include';
}

/**
 * How many actionable deadlines (`due_soon` and `missed`: what is due) wait on each party in the scope. Pending ones
 * are not counted: counting them would read the whole scope (FerretDB v1 has no count pushdown); these cost what is due.
 */

/** How far ahead a deadline may be snoozed. */
export const MAX_SNOOZE_DAYS = 365;
/** The longest reason kept on an acknowledgement or a snooze. */
export const MAX_DEADLINE_REASON_LENGTH = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The overdue queue (issue 20): a workspace's or a program instance's deadlines, most overdue first, with the counts
 * of what is due per party; and the queue's own notes on a deadline — acknowledge, snooze — which change nothing about
 * the participation or its events.
 */
@injectable()
export class DeadlineService {
  constructor(
    @inject(STORE_TOKENS.deadlines) private readonly deadlines: DeadlineRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** The page form. @throws NotFoundError for an instance not in the workspace; InputError naming `overdueBy` or `page`. */
  async list(context: CallContext, query: DeadlineQuery, page: PageRequest): Promise<WindowPage<DeadlineRecord> & { readonly counts: DeadlineCounts }> {
    const { scopes, filter } = await this.prepare(context, query);
    const [window, counts] = await Promise.all([this.walk(scopes, filter, pageFormWindow(page)), this.counts(scopes, filter)]);
    return { ...toWindowPage(window, page), counts };
  }

  /** The cursor form. @throws InputError naming `after` for a cursor this list did not hand out. */
  async listAfter(context: CallContext, query: DeadlineQuery, limit: number, after: string | undefined): Promise<CursorPage<DeadlineRecord> & { readonly counts: DeadlineCounts }> {
    const position = after === undefined ? undefined : decodeListCursor(after, isDeadlineKey, 'after');
    const { scopes, filter } = await this.prepare(context, query);
    const [window, counts] = await Promise.all([this.walk(scopes, filter, cursorFormWindow(limit, position)), this.counts(scopes, filter)]);
    return { ...toCursorPage(window), counts };
  }

  /** @throws NotFoundError `deadline_not_found` (also for another workspace's id). */
  async get(context: CallContext, id: string): Promise<DeadlineRecord> {
    const record = await this.deadlines.get(context.workspaceId, id);
    if (record === undefined) throw new NotFoundError('deadline', id);
    requireInInstanceScope(context, record.programInstanceId, 'deadline', id);
    return record;
  }

  /**
   * Notes that someone has seen the deadline and is on it. A missing (or another workspace's) deadline is a 404 before
   * anything about the body is checked, so that both answer alike.
   * @throws NotFoundError; InputError naming `/reason`.
   */
  async acknowledge(context: CallContext, id: string, reason: string): Promise<DeadlineRecord> {
    await this.get(context, id);
    checkReason(reason);
    const at = this.clock.now().toISOString();
    if (!(await this.deadlines.acknowledge(context.workspaceId, id, { by: context.actor, reason, at }))) throw new NotFoundError('deadline', id);
    return this.get(context, id);
  }

  /**
   * Leaves the deadline out of the queue's default lists until `until` (in the future, within {@link MAX_SNOOZE_DAYS}).
   * @throws InputError naming `reason` or `until`; NotFoundError.
   */
  async snooze(context: CallContext, id: string, reason: string, until: string): Promise<DeadlineRecord> {
    await this.get(context, id);
    checkReason(reason);
    const now = this.clock.now();
    const untilMs = Date.parse(until);
    if (Number.isNaN(untilMs)) throw fieldError('/until', 'date_time', 'must be a date-time such as 2030-01-02T03:04:05Z');
    if (untilMs <= now.getTime()) throw fieldError('/until', 'future', 'must be in the future');
    if (untilMs > now.getTime() + MAX_SNOOZE_DAYS * DAY_MS) throw fieldError('/until', 'maximum', `must be at most ${MAX_SNOOZE_DAYS} days from now`);
    const snooze = { by: context.actor, reason, until: new Date(untilMs).toISOString(), at: now.toISOString() };
    if (!(await this.deadlines.snooze(context.workspaceId, id, snooze))) throw new NotFoundError('deadline', id);
    return this.get(context, id);
  }

  /**
   * One scope's walk, or, for a caller limited to several program instances, each instance's walk to the window's reach
   * merged in queue order (ADR 0025): each reads its own instance's buckets, so the page costs its reach per instance,
   * never the workspace's list.
   */
  private async walk(scopes: readonly DeadlineScope[], filter: DeadlineFilter, request: WindowRequest<DeadlineKey>): Promise<ListWindow<DeadlineRecord, DeadlineKey>> {
    if (scopes.length === 1) return this.deadlines.list(scopes[0]!, filter, request);
    const reach: WindowRequest<DeadlineKey> = { ...request, skip: 0, take: request.skip + request.take };
    return mergeWindows(await Promise.all(scopes.map((scope) => this.deadlines.list(scope, filter, reach))), request, deadlineKeyOf);
  }

  /**
   * The scopes a list reads: the instance named, the workspace, or — for a caller limited to program instances that
   * names none — each of its instances (ADR 0025). An instance outside the caller's scope is an unknown one.
   */
  private async prepare(context: CallContext, query: DeadlineQuery): Promise<{ readonly scopes: readonly DeadlineScope[]; readonly filter: DeadlineFilter }> {
    const now = this.clock.now();
    let expectedBy: string | undefined;
    if (query.overdueBy !== undefined) {
      const ms = deadlineDurationMs(query.overdueBy);
      if (ms === undefined) throw fieldError('/overdueBy', 'duration', 'must be an ISO-8601 duration of days, hours, minutes and seconds, such as P3D or PT15M');
      expectedBy = new Date(now.getTime() - ms).toISOString();
    }
    const { programInstanceId } = query;
    if (programInstanceId !== undefined && (!inInstanceScope(context, programInstanceId) || (await this.instances.get(context.workspaceId, programInstanceId)) === undefined)) {
      throw new NotFoundError('program_instance', programInstanceId);
    }
    const { workspaceId } = context;
    const instanceIds = programInstanceId === undefined ? context.programInstanceIds : [programInstanceId];
    const scopes = instanceIds === undefined ? [{ workspaceId }] : instanceIds.map((id) => ({ workspaceId, programInstanceId: id }));
    const filter: DeadlineFilter = {
      now: now.toISOString(),
      ...(query.statuses === undefined ? {} : { statuses: query.statuses }),
      ...(query.waitingOn === undefined ? {} : { waitingOn: query.waitingOn }),
      ...(query.states === undefined ? {} : { states: query.states }),
      ...(expectedBy === undefined ? {} : { expectedBy }),
      ...(query.snoozed === undefined ? {} : { snoozed: query.snoozed }),
    };
    return { scopes, filter };
  }

  /** The scopes' actionable deadlines per party, summed, snoozed ones left out unless the list includes them. */
  private async counts(scopes: readonly DeadlineScope[], filter: DeadlineFilter): Promise<DeadlineCounts> {
    const each = await Promise.all(scopes.map((scope) => this.deadlines.countActionable(scope, filter.now, filter.snoozed === 'include')));
    return Object.fromEntries(WAITING_ON.map((party) => [party, each.reduce((sum, counts) => sum + counts[party], 0)])) as DeadlineCounts;
  }
}

function checkReason(reason: string): void {
  if (reason.trim().length === 0) throw fieldError('/reason', 'required', 'must not be empty');
  if (reason.length > MAX_DEADLINE_REASON_LENGTH) throw fieldError('/reason', 'max_length', `must be at most ${MAX_DEADLINE_REASON_LENGTH} characters`);
}

function fieldError(field: string, rule: string, message: string): InputError {
  return new InputError(`${field} ${message}`, [{ field, rule, message }]);
}
