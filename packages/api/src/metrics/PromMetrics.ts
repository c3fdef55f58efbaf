import client from 'prom-client';
import type { CoreMetrics } from '@flexroll/core';
import { WorkspaceLabels } from './WorkspaceLabels.js';

/** Latency buckets in seconds, from a cached read (a few ms) to a request at its time limit (30 s). */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Append-to-delivery lag buckets in seconds, from the feed's settle delay to a day of retries. */
const LAG_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 21_600, 86_400];

export interface PromMetricsOptions {
  /** How many workspaces get a label value of their own; the rest are `other` (FLEXROLL_METRICS_WORKSPACE_LABELS). */
  readonly workspaceLabels?: number;
}

/**
 * Flexroll's Prometheus metrics (prom-client), one registry per process: the core's reports ({@link CoreMetrics}),
 * the API's requests and the store's commands, with Node's process metrics. Every label is bounded: routes are their
 * templates (`GET /enrollments/{enrollmentId}`), workspaces the first N (the rest `other`), the others come from
 * fixed sets (task names, adapter ids and operations, store command names). docs/operations.md, "Metrics", lists them.
 */
export class PromMetrics implements CoreMetrics {
  readonly registry = new client.Registry();
  readonly #workspaces: WorkspaceLabels;

  readonly #http = new client.Histogram({ name: 'flexroll_http_request_duration_seconds', help: 'API requests by route template, method and status, and their latency', labelNames: ['method', 'route', 'status'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly #store = new client.Histogram({ name: 'flexroll_store_command_duration_seconds', help: 'MongoDB commands by name and outcome, and their latency as the driver saw it', labelNames: ['command', 'outcome'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly #taskDuration = new client.Histogram({ name: 'flexroll_task_run_duration_seconds', help: 'Background task runs (sweeps, webhooks, jobs, outbox, polling) by task and outcome, and how long each took', labelNames: ['task', 'outcome'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly #taskDone = new client.Counter({ name: 'flexroll_task_items_total', help: 'Things background task runs did (enrollments swept, messages delivered, rows, items)', labelNames: ['task'], registers: [this.registry] });
  readonly #adapterDuration = new client.Histogram({ name: 'flexroll_adapter_call_duration_seconds', help: 'Operator adapter calls by adapter, operation and outcome (ok, error, timeout), and their latency', labelNames: ['adapter', 'operation', 'outcome'], buckets: LATENCY_BUCKETS, registers: [this.registry] });
  readonly #pending = new client.Gauge({ name: 'flexroll_webhook_messages_pending', help: 'Webhook messages waiting to be delivered, per workspace, as the last dispatcher pass of this process found them', labelNames: ['workspace'], registers: [this.registry] });
  readonly #attempts = new client.Counter({ name: 'flexroll_webhook_attempts_total', help: 'Webhook delivery attempts by workspace and outcome: delivered, retrying (failed, tried again later), failed (given up on)', labelNames: ['workspace', 'outcome'], registers: [this.registry] });
  readonly #lag = new client.Histogram({ name: 'flexroll_webhook_delivery_lag_seconds', help: 'From an event\'s append to its webhook\'s delivery, per workspace', labelNames: ['workspace'], buckets: LAG_BUCKETS, registers: [this.registry] });
  readonly #deadLetters = new client.Counter({ name: 'flexroll_adapter_outbox_dead_letters_total', help: 'Adapter outbox items given up on after their last attempt, by adapter', labelNames: ['adapter'], registers: [this.registry] });
  readonly #missed = new client.Counter({ name: 'flexroll_deadlines_missed_total', help: 'Participation deadlines announced missed, per workspace', labelNames: ['workspace'], registers: [this.registry] });
  readonly #jobRows = new client.Counter({ name: 'flexroll_job_rows_total', help: 'Rows processed by jobs (imports, bulk actions), by job kind', labelNames: ['kind'], registers: [this.registry] });

  constructor(options: PromMetricsOptions = {}) {
    this.#workspaces = new WorkspaceLabels(options.workspaceLabels ?? 20);
    client.collectDefaultMetrics({ register: this.registry });
    // Gauges prom-client names like counters: `promtool check metrics` refuses them, and nodejs_active_resources
    // (kept) says the same by type.
    for (const misnamed of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) this.registry.removeSingleMetric(misnamed);
  }

  /** One API request, as its log line says it: method, route template (or `unmatched`), status, seconds. */
  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.#http.observe({ method, route, status: String(status) }, seconds);
  }

  /** One store command, as the MongoDB driver's command monitoring reports it. */
  storeCommand(command: string, seconds: number, outcome: 'ok' | 'error'): void {
    this.#store.observe({ command, outcome }, seconds);
  }

  taskRun(task: string, seconds: number, done: number, failed: boolean): void {
    this.#taskDuration.observe({ task, outcome: failed ? 'error' : 'ok' }, seconds);
    if (done > 0) this.#taskDone.inc({ task }, done);
  }

  adapterCall(adapterId: string, operation: string, seconds: number, outcome: 'ok' | 'error' | 'timeout'): void {
    this.#adapterDuration.observe({ adapter: adapterId, operation, outcome }, seconds);
  }

  webhooksPending(pendingByWorkspace: ReadonlyMap<string, number>): void {
    const byLabel = new Map<string, number>();
    for (const [workspaceId, count] of pendingByWorkspace) {
      const label = this.#workspaces.of(workspaceId);
      byLabel.set(label, (byLabel.get(label) ?? 0) + count);
    }
    // A workspace whose backlog cleared reads 0 rather than its last count.
    this.#pending.reset();
    for (const [workspace, count] of byLabel) this.#pending.set({ workspace }, count);
  }

  webhookAttempt(workspaceId: string, outcome: 'delivered' | 'retrying' | 'failed', lagSeconds?: number): void {
    const workspace = this.#workspaces.of(workspaceId);
    this.#attempts.inc({ workspace, outcome });
    if (lagSeconds !== undefined) this.#lag.observe({ workspace }, lagSeconds);
  }

  outboxDeadLetter(adapterId: string): void {
    this.#deadLetters.inc({ adapter: adapterId });
  }

  deadlineMissed(workspaceId: string): void {
    this.#missed.inc({ workspace: this.#workspaces.of(workspaceId) });
  }

  jobRows(kind: string, rows: number): void {
    if (rows > 0) this.#jobRows.inc({ kind }, rows);
  }
}
