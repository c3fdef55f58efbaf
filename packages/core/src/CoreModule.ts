import { ContainerModule } from 'inversify';
import { SystemClock, type Clock } from './platform/Clock.js';
import { DEFAULT_CORE_SETTINGS, type CoreSettings } from './platform/CoreSettings.js';
import type { OperatorAdapter } from '@flexroll/sdk';
import { AdapterGateway } from './operators/adapters/AdapterGateway.js';
import { AdapterRegistry } from './operators/adapters/AdapterRegistry.js';
import { ChangeRunner } from './enrollments/ChangeRunner.js';
import { SecretBox } from './platform/secrets/SecretBox.js';
import { EnrollmentLog } from './enrollments/EnrollmentLog.js';
import { ApiKeyService } from './access/ApiKeyService.js';
import { DeviceClaims } from './enrollments/DeviceClaims.js';
import { EnrollmentCreation } from './enrollments/EnrollmentCreation.js';
import { EnrollmentService } from './enrollments/EnrollmentService.js';
import { EventService } from './enrollments/EventService.js';
import { IdempotencyService } from './platform/idempotency/IdempotencyService.js';
import { IdentityResolver } from './enrollments/people/IdentityResolver.js';
import { OperatorEventService } from './operators/OperatorEventService.js';
import { ParticipationService } from './participation/ParticipationService.js';
import { PeopleService } from './enrollments/people/PeopleService.js';
import { ProgramInstanceService } from './programs/ProgramInstanceService.js';
import { ProgramService } from './programs/ProgramService.js';
import { WorkspaceService } from './access/WorkspaceService.js';
import { SweepService } from './participation/sweeps/SweepService.js';
import { EligibilityScreening } from './screening/EligibilityScreening.js';
import { RuleBook } from './screening/RuleBook.js';
import { BulkChunkProcessor } from './jobs/bulk/BulkChunkProcessor.js';
import { ExistingRowHandler } from './jobs/import/ExistingRowHandler.js';
import { ImportChunkProcessor } from './jobs/import/ImportChunkProcessor.js';
import { JobRunner } from './jobs/JobRunner.js';
import { JobService } from './jobs/JobService.js';
import { WebhookEndpointService } from './webhooks/WebhookEndpointService.js';
import { WebhookLogService } from './webhooks/WebhookLogService.js';
import { EventAppendSignal } from './enrollments/EventAppendSignal.js';
import { EndpointHealth } from './webhooks/dispatch/EndpointHealth.js';
import { WebhookDelivery } from './webhooks/dispatch/WebhookDelivery.js';
import { WebhookDispatcher } from './webhooks/dispatch/WebhookDispatcher.js';
import { WebhookFanOut } from './webhooks/dispatch/WebhookFanOut.js';
import { NodeWebhookTransport } from './webhooks/transport/NodeWebhookTransport.js';
import type { WebhookTransport } from './webhooks/transport/WebhookTransport.js';
import { IdempotencyExpiry } from './platform/idempotency/IdempotencyExpiry.js';
import { CORE_TOKENS } from './platform/tokens.js';
import { SILENT_LOGGER, type CoreLogger } from './platform/CoreLogger.js';
import { AdapterOutbox } from './operators/AdapterOutbox.js';
import { AdapterOutboxTask } from './operators/AdapterOutboxTask.js';
import { DriftService } from './operators/DriftService.js';
import { OperatorPollingTask } from './operators/OperatorPollingTask.js';
import { OperatorReferenceService } from './operators/OperatorReferenceService.js';
import { OperatorWebhookService } from './operators/OperatorWebhookService.js';
import { OutboxCatchUp } from './operators/OutboxCatchUp.js';
import { SyncApplier } from './operators/SyncApplier.js';

export interface CoreModuleOptions {
  /** The operator adapters program instances may name (see loadAdapters). */
  readonly adapters?: readonly OperatorAdapter[];
  readonly clock?: Clock;
  /** Seals adapter secrets at rest; without one, a key for this process only (fine for the embedded store). */
  readonly secretBox?: SecretBox;
  readonly settings?: Partial<CoreSettings>;
  /** Where the core reports what it recovers from; the host's logger. Silent without one. */
  readonly logger?: CoreLogger;
  /** How webhooks are sent; HTTP with the SSRF guard (and the settings' allowance for private networks) by default. */
  readonly webhookTransport?: WebhookTransport;
}

/** The core's services, as singletons. A store's module must be loaded beside it to bind the repository ports. */
export function coreModule(options: CoreModuleOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CORE_TOKENS.clock).toConstantValue(options.clock ?? new SystemClock());
    bind(CORE_TOKENS.settings).toConstantValue({ ...DEFAULT_CORE_SETTINGS, ...options.settings });
    bind(CORE_TOKENS.adapters).toConstantValue(new AdapterRegistry(options.adapters ?? []));
    bind(CORE_TOKENS.secretBox).toConstantValue(options.secretBox ?? SecretBox.ephemeral());
    bind(CORE_TOKENS.logger).toConstantValue(options.logger ?? SILENT_LOGGER);
    bind(AdapterGateway).toSelf().inSingletonScope();
    bind(ChangeRunner).toSelf().inSingletonScope();
    bind(EnrollmentLog).toSelf().inSingletonScope();
    bind(DeviceClaims).toSelf().inSingletonScope();
    bind(IdentityResolver).toSelf().inSingletonScope();
    bind(WorkspaceService).toSelf().inSingletonScope();
    bind(ApiKeyService).toSelf().inSingletonScope();
    bind(ProgramService).toSelf().inSingletonScope();
    bind(ProgramInstanceService).toSelf().inSingletonScope();
    bind(PeopleService).toSelf().inSingletonScope();
    bind(EnrollmentCreation).toSelf().inSingletonScope();
    bind(EnrollmentService).toSelf().inSingletonScope();
    bind(ParticipationService).toSelf().inSingletonScope();
    bind(EventService).toSelf().inSingletonScope();
    bind(IdempotencyService).toSelf().inSingletonScope();
    bind(OperatorEventService).toSelf().inSingletonScope();
    bind(SweepService).toSelf().inSingletonScope();
    bind(OperatorReferenceService).toSelf().inSingletonScope();
    bind(AdapterOutbox).toSelf().inSingletonScope();
    bind(OutboxCatchUp).toSelf().inSingletonScope();
    bind(AdapterOutboxTask).toSelf().inSingletonScope();
    bind(SyncApplier).toSelf().inSingletonScope();
    bind(OperatorPollingTask).toSelf().inSingletonScope();
    bind(OperatorWebhookService).toSelf().inSingletonScope();
    bind(DriftService).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(SweepService);
    bind(CORE_TOKENS.backgroundTasks).toService(AdapterOutboxTask);
    bind(CORE_TOKENS.backgroundTasks).toService(OperatorPollingTask);
    // Eligibility screening and jobs (imports, bulk moves): the runner is a background task beside the sweeps.
    bind(RuleBook).toSelf().inSingletonScope();
    bind(EligibilityScreening).toSelf().inSingletonScope();
    bind(ImportChunkProcessor).toSelf().inSingletonScope();
    bind(ExistingRowHandler).toSelf().inSingletonScope();
    bind(BulkChunkProcessor).toSelf().inSingletonScope();
    bind(JobService).toSelf().inSingletonScope();
    bind(JobRunner).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(JobRunner);
    const settings = { ...DEFAULT_CORE_SETTINGS, ...options.settings };
    bind(CORE_TOKENS.webhookTransport).toConstantValue(options.webhookTransport ?? new NodeWebhookTransport(settings.webhookAllowPrivateNetworks));
    bind(EventAppendSignal).toSelf().inSingletonScope();
    bind(WebhookEndpointService).toSelf().inSingletonScope();
    bind(WebhookLogService).toSelf().inSingletonScope();
    bind(WebhookFanOut).toSelf().inSingletonScope();
    bind(WebhookDelivery).toSelf().inSingletonScope();
    bind(EndpointHealth).toSelf().inSingletonScope();
    bind(WebhookDispatcher).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(WebhookDispatcher);
    bind(IdempotencyExpiry).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(IdempotencyExpiry);
  });
}
