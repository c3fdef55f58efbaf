import type { Container } from 'inversify';
import { ApiKeyService, MemberService, SessionService } from './access/index.js';
import { CustomerMailOutbox } from './customerMail/index.js';
import { DeadlineService } from './deadlines/index.js';
import { EnrollmentService, EventService, PeopleService } from './enrollments/index.js';
import { JobService } from './jobs/index.js';
import { AdapterOutbox, DriftService, OperatorEventService, OperatorWebhookService } from './operators/index.js';
import { ParticipationService } from './participation/index.js';
import { CORE_TOKENS, IdempotencyService, type Token } from './platform/index.js';
import { ProgramInstanceService, ProgramService } from './programs/index.js';
import { RulesDryRun } from './screening/index.js';
import { InstanceSummaryService } from './summary/index.js';
import { WebhookEndpointService, WebhookLogService } from './webhooks/index.js';
import { EnrollmentPageService, FormSeal, SelfEnrollmentService, StatusLinks } from './selfEnrollment/index.js';

/**
 * The services a host is built on (the API's routes, the commands), each under its name with the class or token it
 * resolves to: the one list of them. A route declares the names it uses; the composition root resolves them once.
 */
export const PLATFORM_SERVICES = {
  adapterOutbox: AdapterOutbox,
  apiKeys: ApiKeyService,
  clock: CORE_TOKENS.clock,
  customerMail: CustomerMailOutbox,
  deadlines: DeadlineService,
  drift: DriftService,
  enrollmentPages: EnrollmentPageService,
  enrollments: EnrollmentService,
  events: EventService,
  formSeal: FormSeal,
  idempotency: IdempotencyService,
  instanceSummaries: InstanceSummaryService,
  jobs: JobService,
  members: MemberService,
  operatorEvents: OperatorEventService,
  operatorWebhooks: OperatorWebhookService,
  participations: ParticipationService,
  people: PeopleService,
  programInstances: ProgramInstanceService,
  programs: ProgramService,
  rulesDryRun: RulesDryRun,
  sessions: SessionService,
  selfEnrollment: SelfEnrollmentService,
  statusLinks: StatusLinks,
  webhookEndpoints: WebhookEndpointService,
  webhookLog: WebhookLogService,
} as const;

/** What a class or a typed token resolves to. */
type Resolved<T> = T extends Token<infer U> ? U : T extends abstract new (...args: never) => infer I ? I : never;

/** The platform's services by name, typed from PLATFORM_SERVICES. */
export type PlatformServices = { readonly [K in keyof typeof PLATFORM_SERVICES]: Resolved<(typeof PLATFORM_SERVICES)[K]> };

/** Every platform service, resolved once from a container that loaded coreModule and a store's module. */
export function resolvePlatformServices(container: Container): PlatformServices {
  const entries = Object.entries(PLATFORM_SERVICES).map(([name, id]) => [name, container.get<unknown>(id)] as const);
  // Each value was resolved under the id PLATFORM_SERVICES names for it, which is what PlatformServices types it as.
  return Object.fromEntries(entries) as PlatformServices;
}
