/**
 * The console's home (issue 21): per program instance, its enrollments by status and participation state, the funnel
 * of seed 000's steps, its due deadlines by party and its webhooks' health, all from kept counts.
 * @packageDocumentation
 */
export { type InstanceSummary, InstanceSummaryService, type WebhookHealth } from './InstanceSummaryService.js';
export { type DueDeadlines, dueDeadlinesOf } from './dueDeadlinesOf.js';
export { FUNNEL_STEPS, type FunnelStep, listTotalsOf, type ListTotals } from './participationFunnel.js';
export { summaryModule } from './summaryModule.js';
