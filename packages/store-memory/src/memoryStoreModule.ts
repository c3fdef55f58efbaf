import { ContainerModule } from 'inversify';
import { STORE_TOKENS } from '@flexroll/core';
import { MemoryEnrollmentRepository } from './MemoryEnrollmentRepository.js';
import { MemoryEventRepository } from './MemoryEventRepository.js';
import { MemoryApiKeyRepository } from './MemoryApiKeyRepository.js';
import { MemoryMemberRepository } from './MemoryMemberRepository.js';
import { MemorySessionRepository } from './MemorySessionRepository.js';
import { MemoryClaimRepository } from './MemoryClaimRepository.js';
import { MemoryCustomerRepository } from './MemoryCustomerRepository.js';
import { MemoryIdempotencyRepository } from './MemoryIdempotencyRepository.js';
import { MemoryLeadRepository } from './MemoryLeadRepository.js';
import { MemoryProgramInstanceRepository } from './MemoryProgramInstanceRepository.js';
import { MemoryProgramRepository } from './MemoryProgramRepository.js';
import { MemoryWorkspaceRepository } from './MemoryWorkspaceRepository.js';
import { MemoryOperatorReferenceRepository } from './MemoryOperatorReferenceRepository.js';
import { MemoryOperatorEventIdRepository } from './MemoryOperatorEventIdRepository.js';
import { MemoryAdapterOutboxRepository } from './MemoryAdapterOutboxRepository.js';
import { MemoryCustomerMailRepository } from './MemoryCustomerMailRepository.js';
import { MemoryEligibilityRuleRepository } from './MemoryEligibilityRuleRepository.js';
import { MemoryJobRepository } from './MemoryJobRepository.js';
import { MemoryCursorRepository } from './MemoryCursorRepository.js';
import { MemoryRateCountRepository } from './MemoryRateCountRepository.js';
import { MemoryDeadlineRepository } from './MemoryDeadlineRepository.js';
import { MemoryDeliveryAttemptRepository } from './MemoryDeliveryAttemptRepository.js';
import { MemoryWebhookEndpointRepository } from './MemoryWebhookEndpointRepository.js';
import { MemoryWebhookMessageRepository } from './MemoryWebhookMessageRepository.js';
import { MemoryWorkspaceEventRepository } from './MemoryWorkspaceEventRepository.js';

/** A fresh, empty embedded store: its repositories, one per port. Share one between containers to give them the same data. */
export function createMemoryStore() {
  const events = new MemoryEventRepository();
  return {
    workspaces: new MemoryWorkspaceRepository(),
    apiKeys: new MemoryApiKeyRepository(),
    members: new MemoryMemberRepository(),
    sessions: new MemorySessionRepository(),
    programs: new MemoryProgramRepository(),
    programInstances: new MemoryProgramInstanceRepository(),
    customers: new MemoryCustomerRepository(),
    leads: new MemoryLeadRepository(),
    events,
    eventFeed: events,
    workspaceEvents: new MemoryWorkspaceEventRepository(),
    enrollments: new MemoryEnrollmentRepository(),
    claims: new MemoryClaimRepository(),
    idempotency: new MemoryIdempotencyRepository(),
    operatorReferences: new MemoryOperatorReferenceRepository(),
    operatorEventIds: new MemoryOperatorEventIdRepository(),
    adapterOutbox: new MemoryAdapterOutboxRepository(),
    customerMails: new MemoryCustomerMailRepository(),
    eligibilityRules: new MemoryEligibilityRuleRepository(),
    jobs: new MemoryJobRepository(),
    webhookEndpoints: new MemoryWebhookEndpointRepository(),
    webhookMessages: new MemoryWebhookMessageRepository(),
    deliveryAttempts: new MemoryDeliveryAttemptRepository(),
    cursors: new MemoryCursorRepository(),
    deadlines: new MemoryDeadlineRepository(),
    rateCounts: new MemoryRateCountRepository(),
  } satisfies { [K in keyof typeof STORE_TOKENS]: unknown };
}

/**
 * The embedded store: every port in this process's memory. The default when no MongoDB is configured; data
 * lives only as long as the process. Without an argument it binds a fresh, empty store.
 */
export function memoryStoreModule(store: ReturnType<typeof createMemoryStore> = createMemoryStore()): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(STORE_TOKENS.workspaces).toConstantValue(store.workspaces);
    bind(STORE_TOKENS.apiKeys).toConstantValue(store.apiKeys);
    bind(STORE_TOKENS.members).toConstantValue(store.members);
    bind(STORE_TOKENS.sessions).toConstantValue(store.sessions);
    bind(STORE_TOKENS.programs).toConstantValue(store.programs);
    bind(STORE_TOKENS.programInstances).toConstantValue(store.programInstances);
    bind(STORE_TOKENS.customers).toConstantValue(store.customers);
    bind(STORE_TOKENS.leads).toConstantValue(store.leads);
    bind(STORE_TOKENS.events).toConstantValue(store.events);
    bind(STORE_TOKENS.workspaceEvents).toConstantValue(store.workspaceEvents);
    bind(STORE_TOKENS.enrollments).toConstantValue(store.enrollments);
    bind(STORE_TOKENS.claims).toConstantValue(store.claims);
    bind(STORE_TOKENS.idempotency).toConstantValue(store.idempotency);
    bind(STORE_TOKENS.operatorReferences).toConstantValue(store.operatorReferences);
    bind(STORE_TOKENS.operatorEventIds).toConstantValue(store.operatorEventIds);
    bind(STORE_TOKENS.adapterOutbox).toConstantValue(store.adapterOutbox);
    bind(STORE_TOKENS.customerMails).toConstantValue(store.customerMails);
    bind(STORE_TOKENS.eligibilityRules).toConstantValue(store.eligibilityRules);
    bind(STORE_TOKENS.jobs).toConstantValue(store.jobs);
    bind(STORE_TOKENS.eventFeed).toConstantValue(store.eventFeed);
    bind(STORE_TOKENS.webhookEndpoints).toConstantValue(store.webhookEndpoints);
    bind(STORE_TOKENS.webhookMessages).toConstantValue(store.webhookMessages);
    bind(STORE_TOKENS.deliveryAttempts).toConstantValue(store.deliveryAttempts);
    bind(STORE_TOKENS.cursors).toConstantValue(store.cursors);
    bind(STORE_TOKENS.rateCounts).toConstantValue(store.rateCounts);
    bind(STORE_TOKENS.deadlines).toConstantValue(store.deadlines);
  });
}

export type MemoryStore = ReturnType<typeof createMemoryStore>;
