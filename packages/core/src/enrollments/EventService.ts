import { inject, injectable } from 'inversify';
import {
  type CallContext, type CursorPage, cursorFormWindow, decodeListCursor, type PageRequest, pageFormWindow, STORE_TOKENS, toCursorPage, toWindowPage, type WindowPage,
} from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import { isEventKey } from './eventListing.js';
import type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';

/**
 * The workspace's events: its audit trail, in the order they were recorded (ADR 0021). Two ways to walk it: the page
 * form for the first pages (and for one enrollment's log, whole), and the cursor form for anywhere after.
 */
@injectable()
export class EventService {
  constructor(@inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository) {}

  /** Seed 004's page form; the totals when the page reaches the end, or always for one enrollment's log. */
  async list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<WindowPage<EnrollmentEvent>> {
    const window = await this.events.list(context.workspaceId, filter, pageFormWindow(page, filter.enrollmentId !== undefined));
    return toWindowPage(window, page);
  }

  /**
   * The cursor form: up to `limit` events after the position `after` names (a `nextCursor` handed out before).
   * @throws InputError naming `after` for a cursor this list did not hand out.
   */
  async listAfter(context: CallContext, filter: EventFilter, limit: number, after: string | undefined): Promise<CursorPage<EnrollmentEvent>> {
    const position = after === undefined ? undefined : decodeListCursor(after, isEventKey, 'after');
    return toCursorPage(await this.events.list(context.workspaceId, filter, cursorFormWindow(limit, position)));
  }
}
