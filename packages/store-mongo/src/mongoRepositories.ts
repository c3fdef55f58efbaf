import type { Connection } from 'mongoose';
import { guardAvailability } from './documents/storeUnavailable.js';
import { mongoModels } from './MongoModels.js';
import { MongoApiKeyRepository } from './repositories/MongoApiKeyRepository.js';
import { MongoMemberRepository } from './repositories/MongoMemberRepository.js';
import { MongoSessionRepository } from './repositories/MongoSessionRepository.js';
import { MongoClaimRepository } from './repositories/MongoClaimRepository.js';
import { MongoCustomerRepository } from './repositories/MongoCustomerRepository.js';
import { MongoEnrollmentEventRepository } from './repositories/MongoEnrollmentEventRepository.js';
import { MongoEnrollmentProjectionRepository } from './repositories/MongoEnrollmentProjectionRepository.js';
import { ListLedger } from './lists/ListLedger.js';
import { MongoIdempotencyRepository } from './repositories/MongoIdempotencyRepository.js';
import { MongoLeadRepository } from './repositories/MongoLeadRepository.js';
import { MongoProgramInstanceRepository } from './repositories/MongoProgramInstanceRepository.js';
import { MongoProgramRepository } from './repositories/MongoProgramRepository.js';
import { MongoWorkspaceRepository } from './repositories/MongoWorkspaceRepository.js';
import { MongoOperatorReferenceRepository } from './repositories/MongoOperatorReferenceRepository.js';
import { MongoOperatorEventIdRepository } from './repositories/MongoOperatorEventIdRepository.js';
import { MongoAdapterOutboxRepository } from './repositories/MongoAdapterOutboxRepository.js';
import { MongoCustomerMailRepository } from './repositories/MongoCustomerMailRepository.js';
import { MongoEligibilityRuleRepository } from './repositories/MongoEligibilityRuleRepository.js';
import { MongoJobRepository } from './repositories/MongoJobRepository.js';
import { MongoCursorRepository } from './repositories/MongoCursorRepository.js';
import { MongoRateCountRepository } from './repositories/MongoRateCountRepository.js';
import { MongoDeliveryAttemptRepository } from './repositories/MongoDeliveryAttemptRepository.js';
import { MongoWebhookEndpointRepository } from './repositories/MongoWebhookEndpointRepository.js';
import { MongoDeadlineRepository } from './repositories/MongoDeadlineRepository.js';
import { MongoWebhookMessageRepository } from './repositories/MongoWebhookMessageRepository.js';
import { MongoWorkspaceEventRepository } from './repositories/MongoWorkspaceEventRepository.js';

/**
 * Every repository of the store on one connection, keyed as `STORE_TOKENS` is, each guarded so that an unreachable
 * server surfaces as `store_unavailable` (503 with `Retry-After`), never as an internal error.
 */
export function mongoRepositories(connection: Connection) {
  const models = mongoModels(connection);
  // One guarded instance serves both the log and the feed.
  const events = guardAvailability(new MongoEnrollmentEventRepository(models.EnrollmentEvent, models.ListBucket));
  return {
    workspaces: guardAvailability(new MongoWorkspaceRepository(models.Workspace)),
    apiKeys: guardAvailability(new MongoApiKeyRepository(models.ApiKey)),
    members: guardAvailability(new MongoMemberRepository(models.Member)),
    sessions: guardAvailability(new MongoSessionRepository(models.Session)),
    programs: guardAvailability(new MongoProgramRepository(models.Program)),
    programInstances: guardAvailability(new MongoProgramInstanceRepository(models.ProgramInstance)),
    customers: guardAvailability(new MongoCustomerRepository(models.Customer)),
    leads: guardAvailability(new MongoLeadRepository(models.Lead)),
    events,
    eventFeed: events,
    workspaceEvents: guardAvailability(new MongoWorkspaceEventRepository(models.WorkspaceEvent, models.ListBucket)),
    enrollments: guardAvailability(new MongoEnrollmentProjectionRepository(models.Enrollment, new ListLedger(models.EnrollmentListLedger, models.EnrollmentListCounts))),
    claims: guardAvailability(new MongoClaimRepository(models.Claim)),
    idempotency: guardAvailability(new MongoIdempotencyRepository(models.IdempotencyRecord)),
    operatorReferences: guardAvailability(new MongoOperatorReferenceRepository(models.OperatorReference)),
    operatorEventIds: guardAvailability(new MongoOperatorEventIdRepository(models.OperatorEventId)),
    adapterOutbox: guardAvailability(new MongoAdapterOutboxRepository(models.AdapterOutboxItem)),
    customerMails: guardAvailability(new MongoCustomerMailRepository(models.CustomerMailItem)),
    eligibilityRules: guardAvailability(new MongoEligibilityRuleRepository(models.EligibilityRuleVersion)),
    jobs: guardAvailability(new MongoJobRepository(models.Job, models.JobChunk, models.JobResult)),
    webhookEndpoints: guardAvailability(new MongoWebhookEndpointRepository(models.WebhookEndpoint)),
    webhookMessages: guardAvailability(new MongoWebhookMessageRepository(models.WebhookMessage, models.ListBucket)),
    deliveryAttempts: guardAvailability(new MongoDeliveryAttemptRepository(models.DeliveryAttempt)),
    cursors: guardAvailability(new MongoCursorRepository(models.Cursor)),
    deadlines: guardAvailability(new MongoDeadlineRepository(models.Deadline, models.ListBucket)),
    rateCounts: guardAvailability(new MongoRateCountRepository(models.RateCount)),
  } as const;
}

export type MongoRepositories = ReturnType<typeof mongoRepositories>;
