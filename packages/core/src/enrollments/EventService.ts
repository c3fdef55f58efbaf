import { inject, injectable } from 'inversify';
import {
  type CallContext, type CursorPage, inInstanceScope, isInstanceScoped, cursorFormWindow, decodeListCursor, type ListWindow, type PageRequest, pageFormWindow, STORE_TOKENS, toCursorPage, toWindowPage,
  type WindowPage, type WindowRequest,
} from '../platform/index.js';
import { type EnrollmentEvent, EVENT_TYPES, type EventType } from './EnrollmentEvent.js';
import { isEventKey, type EventKey } from './eventListing.js';
import { type ListedEvent, mergeEventWindows } from './mergeEventWindows.js';
import type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';
import type { WorkspaceEventRepository } from './ports/WorkspaceEventRepository.js';
import type { EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
import { InputError } from '@flexroll/sdk';
import { isWorkspaceEventType } from './WorkspaceEvent.js';

/** What an enrollment outside the caller's scope lists: nothing, as an unknown one. */
const NOTHING: ListWindow<ListedEvent, EventKey> = { items: [], ended: true, scanLimited: false, matched: 0 };

const isEnrollmentEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/**
 * The workspace's events: its audit trail, in the order they were recorded (ADR 0021) — the enrollments' events and
 * the workspace's own (an endpoint disabled, a test event). Two ways to walk it: the page form for the first pages
 * (and for one enrollment's log, whole), and the cursor form for anywhere after.
 */
@injectable()
export class EventService {
  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.workspaceEvents) private readonly workspaceEvents: WorkspaceEventRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
  ) {}

  /** Seed 004's page form; the totals when the page reaches the end, or always for one enrollment's log (its events alone). */
  async list(context: CallContext, filter: EventFilter & { readonly enrollmentId: string }, page: PageRequest): Promise<WindowPage<EnrollmentEvent>>;
  async list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<WindowPage<ListedEvent>>;
  async list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<WindowPage<ListedEvent>> {
    if (!(await this.#reachable(context, filter))) return toWindowPage(NOTHING, page);
    const window = await this.#window(context.workspaceId, filter, pageFormWindow(page, filter.enrollmentId !== undefined));
    return toWindowPage(window, page);
  }

  /**
   * The cursor form: up to `limit` events after the position `after` names (a `nextCursor` handed out before).
   * @throws InputError naming `after` for a cursor this list did not hand out.
   */
  async listAfter(context: CallContext, filter: EventFilter, limit: number, after: string | undefined): Promise<CursorPage<ListedEvent>> {
    const position = after === undefined ? undefined : decodeListCursor(after, isEventKey, 'after');
    if (!(await this.#reachable(context, filter))) return toCursorPage(NOTHING);
    return toCursorPage(await this.#window(context.workspaceId, filter, cursorFormWindow(limit, position)));
  }

  /**
   * Whether an instance-scoped caller may read this filter's events: only one enrollment's log, of an instance in its
   * scope (the event list has no index by instance, so a wider list could not cost what its page returns). An
   * enrollment outside the scope lists nothing, as an unknown one does.
   * @throws InputError naming `/query/enrollmentId` when an instance-scoped caller names no enrollment.
   */
  async #reachable(context: CallContext, filter: EventFilter): Promise<boolean> {
    if (!isInstanceScoped(context)) return true;
    if (filter.enrollmentId === undefined) {
      throw new InputError('/query/enrollmentId is required: this key is scoped to program instances, so it lists one enrollment’s events at a time.', [
        { field: '/query/enrollmentId', rule: 'required_for_instance_scope', message: 'must name an enrollment of the key’s program instances' },
      ]);
    }
    const enrollment = await this.projections.get(context.workspaceId, filter.enrollmentId);
    return enrollment !== undefined && inInstanceScope(context, enrollment.programInstanceId);
  }

  /**
   * A filter that names only one part's types reads that part alone, with the request as it came. Otherwise the
   * workspace's own events are read first (few, each second one equality): when none lies in reach, the enrollments'
   * window is the answer as it always was; else both parts are read to the window's end and merged.
   */
  async #window(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<ListedEvent, EventKey>> {
    const wantsEnrollments = filter.types === undefined || filter.types.some(isEnrollmentEventType);
    const wantsWorkspace = filter.enrollmentId === undefined && (filter.types === undefined || filter.types.some(isWorkspaceEventType));
    const enrollmentFilter = filter.types === undefined ? filter : { ...filter, types: filter.types.filter(isEnrollmentEventType) };
    if (!wantsWorkspace) return this.events.list(workspaceId, enrollmentFilter, request);
    if (!wantsEnrollments) return this.workspaceEvents.list(workspaceId, filter, request);
    const reach: WindowRequest<EventKey> = { ...request, skip: 0, take: request.skip + request.take };
    const own = await this.workspaceEvents.list(workspaceId, filter, reach);
    if (own.items.length === 0 && own.ended) return this.events.list(workspaceId, enrollmentFilter, request);
    return mergeEventWindows([await this.events.list(workspaceId, enrollmentFilter, reach), own], request);
  }
}
