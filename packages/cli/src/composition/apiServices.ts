import type { ApiServices } from '@flexroll/api';
import {
  AdapterOutbox,
  ApiKeyService,
  DriftService,
  OperatorWebhookService,
  CORE_TOKENS,
  EnrollmentService,
  EventService,
  IdempotencyService,
  JobService,
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
    adapterOutbox: container.get(AdapterOutbox),
    apiKeys: container.get(ApiKeyService),
    drift: container.get(DriftService),
    operatorWebhooks: container.get(OperatorWebhookService),
    clock: resolvePort(container, CORE_TOKENS.clock),
    enrollments: container.get(EnrollmentService),
    events: container.get(EventService),
    idempotency: container.get(IdempotencyService),
    jobs: container.get(JobService),
    operatorEvents: container.get(OperatorEventService),
    participations: container.get(ParticipationService),
    people: container.get(PeopleService),
    programInstances: container.get(ProgramInstanceService),
    programs: container.get(ProgramService),
    webhookEndpoints: container.get(WebhookEndpointService),
    webhookLog: container.get(WebhookLogService),
  };
}
