import 'reflect-metadata';
import { Container, type ContainerModule } from 'inversify';
import { ManualClock } from '../platform/Clock.js';
import type { OperatorAdapter } from '@flexroll/sdk';
import { coreModule } from '../CoreModule.js';
import type { CoreSettings } from '../platform/CoreSettings.js';
import type { CallContext } from '../platform/CallContext.js';
import type { ProgramInstance } from '../programs/ProgramInstance.js';
import { EnrollmentService } from '../enrollments/EnrollmentService.js';
import { EventService } from '../enrollments/EventService.js';
import { IdempotencyService } from '../platform/idempotency/IdempotencyService.js';
import { ParticipationService } from '../participation/ParticipationService.js';
import { PeopleService } from '../enrollments/people/PeopleService.js';
import { ProgramInstanceService, type ProgramInstanceInput } from '../programs/ProgramInstanceService.js';
import { ProgramService } from '../programs/ProgramService.js';
import { WorkspaceService } from '../access/WorkspaceService.js';
import { ApiKeyService } from '../access/ApiKeyService.js';
import { SweepService } from '../participation/sweeps/SweepService.js';
import { ProjectionRepair } from '../enrollments/ProjectionRepair.js';
import { AdapterGateway } from '../operators/adapters/AdapterGateway.js';
import { AdapterOutboxTask } from '../operators/AdapterOutboxTask.js';
import { AdapterOutbox } from '../operators/AdapterOutbox.js';
import { DriftService } from '../operators/DriftService.js';
import { OperatorPollingTask } from '../operators/OperatorPollingTask.js';
import { OperatorReferenceService } from '../operators/OperatorReferenceService.js';
import { OperatorWebhookService } from '../operators/OperatorWebhookService.js';
import { resolvePort, type Token } from '../platform/tokens.js';
import { COMMUNITY_POWERSHARE, SEED_TIME } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { RecordingLogger } from './RecordingLogger.js';
import { SecretBox } from '../platform/secrets/SecretBox.js';
import { WebhookEndpointService } from '../webhooks/WebhookEndpointService.js';
import { WebhookLogService } from '../webhooks/WebhookLogService.js';
import { WebhookDispatcher } from '../webhooks/dispatch/WebhookDispatcher.js';
import type { WebhookTransport } from '../webhooks/transport/WebhookTransport.js';

/** One sealing key for every harness, as every process of a platform shares FLEXROLL_SECRET_KEY. */
const TEST_SECRET_BOX = new SecretBox(Buffer.alloc(32, 9));

export interface HarnessOptions {
  /** Shared with another harness to make them one platform's processes. */
  readonly clock?: ManualClock;
  /** The adapters program instances may name; `tenant()` binds its instance to the first. */
  readonly adapters?: readonly OperatorAdapter[];
  readonly settings?: Partial<CoreSettings>;
  /** How this harness's webhook dispatcher sends (a scripted transport in the specs); HTTP otherwise. */
  readonly webhookTransport?: WebhookTransport;
}

/**
 * The core on a given store, with a manual clock, for tests: the services by name, and builders for a workspace
 * with a program instance. Two harnesses on one store stand for two processes sharing a database.
 */
export class CoreHarness {
  readonly container = new Container();
  readonly clock: ManualClock;
  /** What the core logged through this harness. */
  readonly logger = new RecordingLogger();

  constructor(storeModule: ContainerModule, options: HarnessOptions = {}) {
    this.clock = options.clock ?? new ManualClock(SEED_TIME);
    const core = coreModule({
      clock: this.clock, logger: this.logger, adapters: options.adapters ?? [], secretBox: TEST_SECRET_BOX,
      ...(options.settings === undefined ? {} : { settings: options.settings }),
      ...(options.webhookTransport === undefined ? {} : { webhookTransport: options.webhookTransport }),
    });
    this.container.load(core, storeModule);
  }

  get enrollments() { return this.container.get(EnrollmentService); }
  get participations() { return this.container.get(ParticipationService); }
  get events() { return this.container.get(EventService); }
  get idempotency() { return this.container.get(IdempotencyService); }
  get people() { return this.container.get(PeopleService); }
  get instances() { return this.container.get(ProgramInstanceService); }
  get programs() { return this.container.get(ProgramService); }
  get workspaces() { return this.container.get(WorkspaceService); }
  get apiKeys() { return this.container.get(ApiKeyService); }
  get sweeps() { return this.container.get(SweepService); }
  get projectionRepair() { return this.container.get(ProjectionRepair); }
  get outbox() { return this.container.get(AdapterOutboxTask); }
  get outboxItems() { return this.container.get(AdapterOutbox); }
  get polling() { return this.container.get(OperatorPollingTask); }
  get operatorWebhooks() { return this.container.get(OperatorWebhookService); }
  get operatorReferences() { return this.container.get(OperatorReferenceService); }
  get drift() { return this.container.get(DriftService); }
  get webhookEndpoints() { return this.container.get(WebhookEndpointService); }
  get webhookLog() { return this.container.get(WebhookLogService); }
  get webhookDispatcher() { return this.container.get(WebhookDispatcher); }

  /** A repository port of the store under test. */
  port<T>(token: Token<T>): T {
    return resolvePort(this.container, token);
  }

  /** Replaces a port in this harness only (a failing write, say); other harnesses on the store are unaffected. */
  replacePort<T>(token: Token<T>, replacement: T): void {
    this.container.rebind<T>(token).toConstantValue(replacement);
  }

  /** A new workspace with one program instance of Community Powershare; the context acts as an API key of it. */
  async tenant(name = 'Leap Energy', settings: Partial<Omit<ProgramInstanceInput, 'programId'>> = {}): Promise<{ context: CallContext; instance: ProgramInstance }> {
    const workspace = await this.workspaces.create(name);
    const context: CallContext = { workspaceId: workspace.id, actor: { type: 'api_key', id: `key_of_${workspace.id}` }, source: 'test', liveMode: true };
    const program = await this.programs.create(COMMUNITY_POWERSHARE);
    const adapterId = this.container.get(AdapterGateway).adapters.ids()[0] ?? 'manual';
    const instance = await this.instances.create(context, { programId: program.id, name: 'Community Powershare 2025', adapter: { adapterId, config: {} }, ...settings });
    return { context, instance };
  }
}

/** A harness on a store under test, with the store's adapters; pass a clock to make it another process of the same platform. */
export function harnessOn(store: StoreUnderTest, clock?: ManualClock, options: Omit<HarnessOptions, 'clock' | 'adapters'> = {}): CoreHarness {
  return new CoreHarness(store.module(), { adapters: store.adapters, ...options, ...(clock === undefined ? {} : { clock }) });
}
