import type { ApiServices } from '@flexroll/api';
import {
  ApiKeyService,
  CORE_TOKENS,
  EnrollmentService,
  EventService,
  IdempotencyService,
  OperatorEventService,
  ParticipationService,
  PeopleService,
  ProgramInstanceService,
  ProgramService,
  resolvePort,
  WebhookEndpointService,
  WebhookLogService,
} from '@flexroll/core';
import type { Container } from 'inversify';

/** The services the API is handed, resolved once from the platform's container. */
export function apiServices(container: Container): ApiServices {
  return {
    apiKeys: container.get(ApiKeyService),
    clock: resolvePort(container, CORE_TOKENS.clock),
    enrollments: container.get(EnrollmentService),
    events: container.get(EventService),
    idempotency: container.get(IdempotencyService),
    operatorEvents: container.get(OperatorEventService),
    participations: container.get(ParticipationService),
    people: container.get(PeopleService),
    programInstances: container.get(ProgramInstanceService),
    programs: container.get(ProgramService),
    webhookEndpoints: container.get(WebhookEndpointService),
    webhookLog: container.get(WebhookLogService),
  };
}
