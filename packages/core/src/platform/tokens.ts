import type { ApiKeyRepository, MemberRepository, SessionRepository, WorkspaceRepository } from '../access/index.js';
import type { ClaimRepository } from './claims/ClaimRepository.js';
import type { RateCountRepository } from './rateCounts/RateCountRepository.js';
import type { EligibilityRuleRepository } from '../screening/index.js';
import type { EnrollmentEventRepository, EventFeedRepository, EnrollmentProjectionRepository, CustomerRepository, LeadRepository, MovesFollower, WorkspaceEventRepository } from '../enrollments/index.js';
import type { JobRepository } from '../jobs/index.js';
import type { IdempotencyRepository } from './idempotency/IdempotencyRepository.js';
import type { ProgramInstanceRepository, ProgramRepository } from '../programs/index.js';
import type { OperatorEventIdRepository, OperatorReferenceRepository, AdapterOutboxRepository, AdapterRegistry } from '../operators/index.js';
import type { CustomerMailer, CustomerMailRepository } from '../customerMail/index.js';
import type { Clock } from './Clock.js';
import type { CoreSettings } from './CoreSettings.js';
import type { SecretBox } from './secrets/SecretBox.js';
import type { CoreLogger } from './CoreLogger.js';
import type { CoreMetrics } from './metrics/CoreMetrics.js';
import type { BackgroundTask } from './background/BackgroundTask.js';
import type { ResolveAll } from './network/guardedLookup.js';
import type { DeadlineRepository } from '../deadlines/index.js';
import type { CursorRepository, DeliveryAttemptRepository, WebhookEndpointRepository, WebhookMessageRepository, WebhookTransport } from '../webhooks/index.js';

/** A DI token that remembers the type bound to it. */
export type Token<T> = symbol & { readonly __type?: T };
const token = <T>(name: string): Token<T> => Symbol.for(`flexroll.${name}`);

/** The ports a store binds. */
export const STORE_TOKENS = {
  workspaces: token<WorkspaceRepository>('WorkspaceRepository'),
  apiKeys: token<ApiKeyRepository>('ApiKeyRepository'),
  /** Workspace members (issue 21), with their password and invitation hashes. */
  members: token<MemberRepository>('MemberRepository'),
  /** Members' sessions, by token hash. */
  sessions: token<SessionRepository>('SessionRepository'),
  programs: token<ProgramRepository>('ProgramRepository'),
  programInstances: token<ProgramInstanceRepository>('ProgramInstanceRepository'),
  customers: token<CustomerRepository>('CustomerRepository'),
  leads: token<LeadRepository>('LeadRepository'),
  events: token<EnrollmentEventRepository>('EnrollmentEventRepository'),
  /** The workspace-level events (an endpoint disabled, a test event), listed by `GET /events` beside the enrollments'. */
  workspaceEvents: token<WorkspaceEventRepository>('WorkspaceEventRepository'),
  enrollments: token<EnrollmentProjectionRepository>('EnrollmentProjectionRepository'),
  claims: token<ClaimRepository>('ClaimRepository'),
  idempotency: token<IdempotencyRepository>('IdempotencyRepository'),
  operatorReferences: token<OperatorReferenceRepository>('OperatorReferenceRepository'),
  /** The operator event ids received per instance and adapter: what recognises a redelivered operator event. */
  operatorEventIds: token<OperatorEventIdRepository>('OperatorEventIdRepository'),
  adapterOutbox: token<AdapterOutboxRepository>('AdapterOutboxRepository'),
  /** The customer mail outbox (issue 22): mails owed to self-enrolled customers. */
  customerMails: token<CustomerMailRepository>('CustomerMailRepository'),
  eligibilityRules: token<EligibilityRuleRepository>('EligibilityRuleRepository'),
  jobs: token<JobRepository>('JobRepository'),
  /** The event log read by the second it occurred in (the webhook dispatcher's feed); stores bind their event repository. */
  eventFeed: token<EventFeedRepository>('EventFeedRepository'),
  webhookEndpoints: token<WebhookEndpointRepository>('WebhookEndpointRepository'),
  webhookMessages: token<WebhookMessageRepository>('WebhookMessageRepository'),
  deliveryAttempts: token<DeliveryAttemptRepository>('DeliveryAttemptRepository'),
  cursors: token<CursorRepository>('CursorRepository'),
  /** The overdue queue's deadline records (issue 20), written from the projection before it. */
  deadlines: token<DeadlineRepository>('DeadlineRepository'),
  /** The rate limit's and the failed-authentication throttle's counts, shared by every process (issue 23). */
  rateCounts: token<RateCountRepository>('RateCountRepository'),
} as const;

/** What the core needs from its host besides a store. */
export const CORE_TOKENS = {
  clock: token<Clock>('Clock'),
  settings: token<CoreSettings>('CoreSettings'),
  adapters: token<AdapterRegistry>('AdapterRegistry'),
  secretBox: token<SecretBox>('SecretBox'),
  logger: token<CoreLogger>('CoreLogger'),
  /** What the core reports for an operator to watch (Prometheus through the server's registry); nothing by default. */
  metrics: token<CoreMetrics>('CoreMetrics'),
  /** Every background task, multi-bound: a worker runs them all (`container.getAll`). */
  backgroundTasks: token<BackgroundTask>('BackgroundTask'),
  /** Other outboxes' catch-ups on the adapter outbox's read of the feed's `moves` channel, multi-bound (the customer mail's). */
  movesFollowers: token<MovesFollower>('MovesFollower'),
  /** How mail reaches self-enrolled customers: bound by the server when `FLEXROLL_SMTP_URL` is set, else unbound (no mail). */
  customerMailer: token<CustomerMailer>('CustomerMailer'),
  /** How webhooks leave the platform: HTTP with the SSRF guard by default; tests and benchmarks may swap it. */
  webhookTransport: token<WebhookTransport>('WebhookTransport'),
  /** How adapters' host names are resolved for the SSRF guard (the system's resolver); tests hand in their own. */
  resolveHost: token<ResolveAll>('ResolveHost'),
} as const;

/** Resolves a typed token from a container, keeping its type (inversify types symbols as `unknown`). */
export function resolvePort<T>(container: { get<U>(id: symbol): U }, token: Token<T>): T {
  return container.get<T>(token);
}

/** Every value bound to a multi-bound token (such as the background tasks), typed. */
export function resolveAll<T>(container: { getAll<U>(id: symbol): U[] }, token: Token<T>): T[] {
  return container.getAll<T>(token);
}
