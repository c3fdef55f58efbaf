/** The operators capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export { AdapterOutbox } from './AdapterOutbox.js';
export { AdapterLoadError, type AdapterLoadPhase } from './adapters/AdapterLoadError.js';
export { AdapterRegistry } from './adapters/AdapterRegistry.js';
export { validateAdapterConfig } from './adapters/validateAdapterConfig.js';
export { checkAdapterUrls } from './adapters/checkAdapterUrls.js';
export { REDACTED } from './adapters/redactSecrets.js';
export type { BoundAdapter } from './adapters/BoundAdapter.js';
export { checkAdapter } from './adapters/checkManifest.js';
export { loadAdapters } from './adapters/loadAdapters.js';
export { keepMaskedSecrets, maskConfig, openConfig, sealConfig, SECRET_MASK } from './adapters/sealConfig.js';
export { driftOf } from './driftOf.js';
export type { AdapterOutboxItem, AdapterOutboxRepository, AdapterOutboxStatus } from './ports/AdapterOutboxRepository.js';
export type { OperatorReferenceLink, OperatorReferenceRepository } from './ports/OperatorReferenceRepository.js';
export type { OperatorEventIdRecord, OperatorEventIdRepository } from './ports/OperatorEventIdRepository.js';
export { OperatorReferenceService } from './OperatorReferenceService.js';
export { AdapterGateway } from './adapters/AdapterGateway.js';
export { OutboxCatchUp } from './OutboxCatchUp.js';
export { AdapterOutboxTask } from './AdapterOutboxTask.js';
export { releaseAwaiting, stillAhead } from './awaitingSteps.js';
export { applyOperatorReport, type OperatorReport } from './applyOperatorReport.js';
export { type DriftingParticipation, DriftService } from './DriftService.js';
export { type InboundOperatorEvent, OperatorEventService } from './OperatorEventService.js';
export { SyncApplier } from './SyncApplier.js';
export { pollSlotAtOrAfter } from './pollSlots.js';
export { MAX_BATCHES_PER_WINDOW, OperatorPollingTask, POLLED_STATES } from './OperatorPollingTask.js';
export { OperatorWebhookService, type RawWebhook, type WebhookEventResult } from './OperatorWebhookService.js';
export { operatorsModule, type OperatorsOptions } from './operatorsModule.js';
