import { inject, injectable } from 'inversify';
import type { CallContext } from '../model/CallContext.js';
import type { EnrollmentEvent } from '../model/EnrollmentEvent.js';
import type { Page, PageRequest } from '../model/Page.js';
import type { EnrollmentEventRepository, EventFilter } from '../ports/EnrollmentEventRepository.js';
import { STORE_TOKENS } from '../tokens.js';

/** The workspace's events: its audit trail, in order. */
@injectable()
export class EventService {
  constructor(@inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository) {}

  list(context: CallContext, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    return this.events.list(context.workspaceId, filter, page);
  }
}
