import 'reflect-metadata';
import { Container } from 'inversify';
import {
  AdapterOutboxTask, coreModule, DriftService, EnrollmentService, OperatorPollingTask, OperatorReferenceService, OperatorWebhookService, EventService, ManualClock, ParticipationService, ProgramInstanceService, ProgramService, resolvePort,
  SEED_TIME, SweepService, WorkspaceService, type CoreLogger, type CoreSettings, type Token,
} from '@flexroll/core';
import type { OperatorAdapter } from '@flexroll/sdk';
import { memoryStoreModule } from '@flexroll/store-memory';

/**
 * The platform one scenario runs on: the core with the adapter under test, on a fresh embedded store, with a manual
 * clock set to seed 001's time: the services an adapter's own specs drive (`AdapterKit.harness`). It is built from
 * the core's product exports only, because `@flexroll/core/testing` is not part of the product build.
 * @example
 * const harness = new KitHarness(adapter, { adapterTimeoutMs: 1000 });
 * const workspace = await harness.workspaces.create('Adapter test kit');
 */
export class KitHarness {
  readonly container = new Container();
  readonly clock = new ManualClock(SEED_TIME);

  /** @param logger the host's logger, which the adapter's own `logger` is a child of (silent by default). */
  constructor(adapter: OperatorAdapter, settings: Partial<CoreSettings> = {}, logger?: CoreLogger) {
    this.container.load(coreModule({ clock: this.clock, adapters: [adapter], settings, ...(logger === undefined ? {} : { logger }) }), memoryStoreModule());
  }

  get workspaces() { return this.container.get(WorkspaceService); }
  get programs() { return this.container.get(ProgramService); }
  get instances() { return this.container.get(ProgramInstanceService); }
  get enrollments() { return this.container.get(EnrollmentService); }
  get participations() { return this.container.get(ParticipationService); }
  get events() { return this.container.get(EventService); }
  get sweeps() { return this.container.get(SweepService); }
  /** The adapter outbox's worker: `drain()` delivers every side effect due now (`onParticipationChanged`). */
  get outbox() { return this.container.get(AdapterOutboxTask); }
  /** The operator polling task: `runOnce()` polls `sync`/`syncMany` for every instance due. */
  get polling() { return this.container.get(OperatorPollingTask); }
  /** What `POST /programInstances/{id}/operator-webhooks` calls with the raw request. */
  get operatorWebhooks() { return this.container.get(OperatorWebhookService); }
  /** Each instance's participations in drift (`list(context, instanceId, page)`). */
  get drift() { return this.container.get(DriftService); }
  /** The instances' maps of operator references (what `context.references` reaches). */
  get operatorReferences() { return this.container.get(OperatorReferenceService); }

  /** A repository port of the embedded store, to read what the scenario wrote. */
  port<T>(token: Token<T>): T {
    return resolvePort(this.container, token);
  }
}
