import type { OperatorAdapter } from '@flexroll/sdk';
import { ContainerModule } from 'inversify';
import { CORE_TOKENS } from '../platform/index.js';
import { AdapterGateway } from './adapters/AdapterGateway.js';
import { AdapterRegistry } from './adapters/AdapterRegistry.js';
import { AdapterOutbox } from './AdapterOutbox.js';
import { AdapterOutboxTask } from './AdapterOutboxTask.js';
import { DriftService } from './DriftService.js';
import { OperatorEventService } from './OperatorEventService.js';
import { OperatorEventReceipts } from './OperatorEventReceipts.js';
import { OperatorPollingTask } from './OperatorPollingTask.js';
import { OperatorReferenceService } from './OperatorReferenceService.js';
import { OperatorWebhookService } from './OperatorWebhookService.js';
import { OutboxCatchUp } from './OutboxCatchUp.js';
import { SyncApplier } from './SyncApplier.js';

/** The operator adapters program instances may name (see loadAdapters). */
export interface OperatorsOptions {
  readonly adapters?: readonly OperatorAdapter[];
}

/**
 * Operators: the loaded adapters and the gateway that calls them, references, the outbox of what they are owed,
 * what they report (inbound webhooks, events, polling) and drift.
 */
export function operatorsModule(options: OperatorsOptions = {}): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(CORE_TOKENS.adapters).toConstantValue(new AdapterRegistry(options.adapters ?? []));
    bind(AdapterGateway).toSelf().inSingletonScope();
    bind(OperatorEventService).toSelf().inSingletonScope();
    bind(OperatorReferenceService).toSelf().inSingletonScope();
    bind(AdapterOutbox).toSelf().inSingletonScope();
    bind(OutboxCatchUp).toSelf().inSingletonScope();
    bind(AdapterOutboxTask).toSelf().inSingletonScope();
    bind(SyncApplier).toSelf().inSingletonScope();
    bind(OperatorPollingTask).toSelf().inSingletonScope();
    bind(OperatorEventReceipts).toSelf().inSingletonScope();
    bind(OperatorWebhookService).toSelf().inSingletonScope();
    bind(DriftService).toSelf().inSingletonScope();
    bind(CORE_TOKENS.backgroundTasks).toService(AdapterOutboxTask);
    bind(CORE_TOKENS.backgroundTasks).toService(OperatorPollingTask);
  });
}
