/** The participation capability's façade: what other capabilities, and other packages through @flexroll/core, may use. */

export type { NamedNativeStatus, ParticipationRecord } from './ParticipationRecord.js';
export { recordFacts } from './recordFacts.js';
export { applyPolicy } from './applyPolicy.js';
export type { StateSubmission, SubmittedState } from './decideSubmission.js';
export { participationFlags, type ParticipationFlags } from './participationFlags.js';
export { decideConsent, decideMeterAccess, decideTelemetry, decideWindDown } from './participationPolicy.js';
export { ParticipationService, type ParticipationStateChange, reportOf, type TriggerRequest } from './ParticipationService.js';
export { type SweepReport, SweepService } from './sweeps/SweepService.js';
export { DueMoments } from './due/DueMoments.js';
export { reviewDueAt, TIMED_RULES, type TimedRule } from './due/timedRules.js';
export { participationModule } from './participationModule.js';
