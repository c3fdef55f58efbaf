import { inject, injectable } from 'inversify';
import type { CallContext } from '../platform/CallContext.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { Page, PageRequest } from '../platform/Page.js';
import type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';
import { STORE_TOKENS } from '../platform/tokens.js';

/** The workspace's events: its audit trail, in order. */
@injectable()
export class EventService {
  constructor(@inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository) {}

  list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    return this.events.list(context.workspaceId, filter, page);
  }
}
