import { inject, injectable } from 'inversify';
import { type CallContext, type Page, type PageRequest, STORE_TOKENS } from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { EnrollmentEventRepository, EventFilter } from './ports/EnrollmentEventRepository.js';

/** The workspace's events: its audit trail, in order. */
@injectable()
export class EventService {
  constructor(@inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository) {}

  list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    return this.events.list(context.workspaceId, filter, page);
  }
}
