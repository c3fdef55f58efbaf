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
import { NotFoundError } from '@flexroll/sdk';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { isWorkspaceEventType } from './WorkspaceEvent.js';

/** What an enrollment outside the caller's scope lists: nothing, as an unknown one. */
const NOTHING: ListWindow<ListedEvent, EventKey> = { items: [], ended: true, scanLimited: false, matched: 0 };

const isEnrollmentEventType = (type: string): type is EventType => (EVENT_TYPES as readonly string[]).includes(type);

/**
 * The workspace's events: its audit trail, in the order they were recorded (ADR 0021) — the enrollments' events and
 * the workspace's own (an endpoint disabled, a test event) — or one program instance's part of it, or several merged
 * (an instance-scoped caller's; issue 24). Two ways to walk it: the page form for the first pages
 * (and for one enrollment's log, whole), and the cursor form for anywhere after.
 */
@injectable()
export class EventService {
  constructor(
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(STORE_TOKENS.workspaceEvents) private readonly workspaceEvents: WorkspaceEventRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
  ) {}

  /**
   * Seed 004's page form; the totals when the page reaches the end, or always for one enrollment's log (its events alone).
   * @throws NotFoundError for a `programInstanceId` not in the workspace or outside the caller's scope.
   */
  async list(context: CallContext, filter: EventFilter & { readonly enrollmentId: string }, page: PageRequest): Promise<WindowPage<EnrollmentEvent>>;
  async list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<WindowPage<ListedEvent>>;
  async list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<WindowPage<ListedEvent>> {
    const lists = await this.#lists(context, filter);
    if (lists === 'nothing') return toWindowPage(NOTHING, page);
    const window = await this.#read(context.workspaceId, filter, lists, pageFormWindow(page, filter.enrollmentId !== undefined));
    return toWindowPage(window, page);
  }

  /**
   * The cursor form: up to `limit` events after the position `after` names (a `nextCursor` handed out before). The
   * position is an event's place in the workspace's order, so one cursor serves every instance's list a page merges.
   * @throws InputError naming `after` for a cursor this list did not hand out; NotFoundError as {@link list}.
   */
  async listAfter(context: CallContext, filter: EventFilter, limit: number, after: string | undefined): Promise<CursorPage<ListedEvent>> {
    const position = after === undefined ? undefined : decodeListCursor(after, isEventKey, 'after');
    const lists = await this.#lists(context, filter);
    if (lists === 'nothing') return toCursorPage(NOTHING);
    return toCursorPage(await this.#read(context.workspaceId, filter, lists, cursorFormWindow(limit, position)));
  }

  /**
   * Which lists a filter reads (issue 24): one enrollment's log (`'enrollment'`), or the program instances' own lists —
   * the one named (`programInstanceId`), else every instance of an instance-scoped caller — or the workspace's whole
   * list (`undefined`). An enrollment outside the scope (or of another instance than the one named) lists nothing, as
   * an unknown one does.
   * @throws NotFoundError `program_instance_not_found` for an instance unknown or outside the caller's scope.
   */
  async #lists(context: CallContext, filter: EventFilter): Promise<'nothing' | 'enrollment' | readonly string[] | undefined> {
    const named = filter.programInstanceId;
    if (named !== undefined && (!inInstanceScope(context, named) || (await this.instances.get(context.workspaceId, named)) === undefined)) {
      throw new NotFoundError('program_instance', named);
    }
    if (filter.enrollmentId !== undefined) {
      if (!isInstanceScoped(context) && named === undefined) return 'enrollment';
      const enrollment = await this.projections.get(context.workspaceId, filter.enrollmentId);
      const reachable = enrollment !== undefined && inInstanceScope(context, enrollment.programInstanceId) && (named === undefined || named === enrollment.programInstanceId);
      return reachable ? 'enrollment' : 'nothing';
    }
    return named === undefined ? context.programInstanceIds : [named];
  }

  /**
   * One enrollment's log, the workspace's list ({@link #window}), or the instances' lists: each walked to the window's
   * reach from the same position and merged in the list's order (as deadlines are, ADR 0025), so a page costs its reach
   * per instance, never the workspace's size. The workspace's own events belong to no instance, so are not among them.
   */
  async #read(workspaceId: string, filter: EventFilter, lists: 'enrollment' | readonly string[] | undefined, request: WindowRequest<EventKey>): Promise<ListWindow<ListedEvent, EventKey>> {
    const { programInstanceId: _named, ...rest } = filter;
    if (lists === 'enrollment' || lists === undefined) return this.#window(workspaceId, rest, request);
    const types = filter.types?.filter(isEnrollmentEventType);
    if (types !== undefined && types.length === 0) return NOTHING;
    const instanceFilter = (programInstanceId: string): EventFilter => ({ ...rest, ...(types === undefined ? {} : { types }), programInstanceId });
    if (lists.length === 1) return this.events.list(workspaceId, instanceFilter(lists[0]!), request);
    const reach: WindowRequest<EventKey> = { ...request, skip: 0, take: request.skip + request.take };
    return mergeEventWindows(await Promise.all(lists.map((id) => this.events.list(workspaceId, instanceFilter(id), reach))), request);
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
