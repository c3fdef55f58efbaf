import type {
  AdapterOutbox,
  ApiKeyService,
  DriftService,
  OperatorWebhookService,
  Clock,
  EnrollmentService,
  EventService,
  IdempotencyService,
  JobService,
  OperatorEventService,
  ParticipationService,
  PeopleService,
  ProgramInstanceService,
  ProgramService,
  WebhookEndpointService,
  WebhookLogService,
} from '@flexroll/core';

/**
 * The services the API is built on, handed to `createApp` by the composition root. A route declares which of them
 * it uses and its handler is given exactly those; nothing in the API reaches into a container.
 */
export interface ApiServices {
  readonly adapterOutbox: AdapterOutbox;
  readonly apiKeys: ApiKeyService;
  readonly drift: DriftService;
  readonly operatorWebhooks: OperatorWebhookService;
  readonly clock: Clock;
  readonly enrollments: EnrollmentService;
  readonly events: EventService;
  readonly idempotency: IdempotencyService;
  readonly jobs: JobService;
  readonly operatorEvents: OperatorEventService;
  readonly participations: ParticipationService;
  readonly people: PeopleService;
  readonly programInstances: ProgramInstanceService;
  readonly programs: ProgramService;
  readonly webhookEndpoints: WebhookEndpointService;
  readonly webhookLog: WebhookLogService;
}
