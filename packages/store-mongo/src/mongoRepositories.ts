import type { Connection } from 'mongoose';
import { mongoModels } from './MongoModels.js';
import { MongoApiKeyRepository } from './repositories/MongoApiKeyRepository.js';
import { MongoClaimRepository } from './repositories/MongoClaimRepository.js';
import { MongoCustomerRepository } from './repositories/MongoCustomerRepository.js';
import { MongoEnrollmentEventRepository } from './repositories/MongoEnrollmentEventRepository.js';
import { MongoEnrollmentProjectionRepository } from './repositories/MongoEnrollmentProjectionRepository.js';
import { MongoIdempotencyRepository } from './repositories/MongoIdempotencyRepository.js';
import { MongoLeadRepository } from './repositories/MongoLeadRepository.js';
import { MongoProgramInstanceRepository } from './repositories/MongoProgramInstanceRepository.js';
import { MongoProgramRepository } from './repositories/MongoProgramRepository.js';
import { MongoWorkspaceRepository } from './repositories/MongoWorkspaceRepository.js';
import { MongoOperatorReferenceRepository } from './repositories/MongoOperatorReferenceRepository.js';
import { MongoAdapterOutboxRepository } from './repositories/MongoAdapterOutboxRepository.js';
import { MongoEligibilityRuleRepository } from './repositories/MongoEligibilityRuleRepository.js';
import { MongoJobRepository } from './repositories/MongoJobRepository.js';
import { MongoCursorRepository } from './repositories/MongoCursorRepository.js';
import { MongoDeliveryAttemptRepository } from './repositories/MongoDeliveryAttemptRepository.js';
import { MongoWebhookEndpointRepository } from './repositories/MongoWebhookEndpointRepository.js';
import { MongoWebhookMessageRepository } from './repositories/MongoWebhookMessageRepository.js';

/** Every repository of the store on one connection, keyed as `STORE_TOKENS` is. */
export function mongoRepositories(connection: Connection) {
  const models = mongoModels(connection);
  const events = new MongoEnrollmentEventRepository(models.EnrollmentEvent);
  return {
    workspaces: new MongoWorkspaceRepository(models.Workspace),
    apiKeys: new MongoApiKeyRepository(models.ApiKey),
    programs: new MongoProgramRepository(models.Program),
    programInstances: new MongoProgramInstanceRepository(models.ProgramInstance),
    customers: new MongoCustomerRepository(models.Customer),
    leads: new MongoLeadRepository(models.Lead),
    events,
    eventFeed: events,
    enrollments: new MongoEnrollmentProjectionRepository(models.Enrollment),
    claims: new MongoClaimRepository(models.Claim),
    idempotency: new MongoIdempotencyRepository(models.IdempotencyRecord),
    operatorReferences: new MongoOperatorReferenceRepository(models.OperatorReference),
    adapterOutbox: new MongoAdapterOutboxRepository(models.AdapterOutboxItem, models.AdapterOutboxLease),
    eligibilityRules: new MongoEligibilityRuleRepository(models.EligibilityRuleVersion),
    jobs: new MongoJobRepository(models.Job, models.JobChunk, models.JobResult),
    webhookEndpoints: new MongoWebhookEndpointRepository(models.WebhookEndpoint),
    webhookMessages: new MongoWebhookMessageRepository(models.WebhookMessage),
    deliveryAttempts: new MongoDeliveryAttemptRepository(models.DeliveryAttempt),
    cursors: new MongoCursorRepository(models.Cursor),
  } as const;
}

export type MongoRepositories = ReturnType<typeof mongoRepositories>;
