import { hostname } from 'node:os';
import { inject, injectable } from 'inversify';
import { type Clock, type CoreSettings, type CoreLogger, type CoreMetrics, claimNextAttempt, Lease, outgoingTraceparent, runWithTrace, type SecretBox, retriedWork, CORE_TOKENS, STORE_TOKENS, type TraceContext, traceFor } from '../../platform/index.js';
import type { DeliveryAttempt } from './DeliveryAttempt.js';
import type { WebhookEndpoint } from '../WebhookEndpoint.js';
import type { WebhookMessage } from '../WebhookMessage.js';
import type { DeliveryAttemptRepository } from '../ports/DeliveryAttemptRepository.js';
import type { WebhookMessageRepository } from '../ports/WebhookMessageRepository.js';
import { signWebhook } from '../signing/signWebhook.js';
import { sealedSigningSecrets } from '../signing/signingSecrets.js';
import { RESPONSE_BODY_LIMIT, type WebhookResult, type WebhookTransport } from '../transport/WebhookTransport.js';
import { EndpointHealth } from './EndpointHealth.js';
import { isSuccess, nextStep, type RoundSoFar } from './retrySchedule.js';

/** What one try at a message came to: sent and delivered, sent and not, not ours to send now, or a summary repaired. */
export type DeliveryOutcome = 'delivered' | 'failed' | 'busy' | 'repaired';

/**
 * One attempt at one message: claim the attempt (the unique insert that is its lease), sign and POST the payload,
 * record the answer on the attempt, then the message's summary, then the endpoint's health. A crash between any two
 * of these leaves an attempt that is unfinished (its lease runs out and the next one is taken: the consumer may get
 * the message twice, with the same `webhook-id`) or a summary that lags (the next claimant rebuilds it).
 */
@injectable()
export class WebhookDelivery {
  readonly #worker = `${hostname()}:${process.pid}`;
  /** Secrets opened once per sealed value (a rotation seals a new one), not once per delivery. */
  readonly #opened = new Map<string, string>();

  constructor(
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.deliveryAttempts) private readonly attempts: DeliveryAttemptRepository,
    @inject(CORE_TOKENS.webhookTransport) private readonly transport: WebhookTransport,
    @inject(CORE_TOKENS.secretBox) private readonly secrets: SecretBox,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(EndpointHealth) private readonly health: EndpointHealth,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {}

  /**
   * Every attempt at one message runs in one trace, from the message's id: its `traceparent` header and the worker's
   * log lines about it carry the same trace id, so the receiver's logs and Flexroll's join on it.
   */
  attempt(message: WebhookMessage, endpoint: WebhookEndpoint): Promise<DeliveryOutcome> {
    const trace = traceFor(message.id);
    return runWithTrace(trace, () => this.#attempt(message, endpoint, trace));
  }

  async #attempt(message: WebhookMessage, endpoint: WebhookEndpoint, trace: TraceContext): Promise<DeliveryOutcome> {
    // Signed before the claim: a secret that cannot be opened fails here, without leaving a claimed attempt behind.
    const headers = { ...this.sign(message, endpoint), traceparent: outgoingTraceparent(trace)! };
    const { leaseMs, maxHoldMs } = retriedWork(this.settings).webhookDelivery;
    const claim = await claimNextAttempt(this.attempts, {
      workspaceId: message.workspaceId, subjectId: message.id, knownAttempts: message.attempts, claimedBy: this.#worker,
      now: this.clock.now(), leaseMs, details: { endpointId: endpoint.id },
    });
    if (claim.kind === 'busy') return 'busy';
    if (claim.kind === 'stale') {
      await this.messages.replace(summaryAfter(message, claim.last));
      return 'repaired';
    }
    if (claim.abandoned !== undefined) this.logger.warn('webhook attempt abandoned by a stopped worker; taking the next one', { messageId: message.id, attempt: claim.abandoned.attempt });
    // A process that stalled between its claim and its POST (a frozen VM) must not send on a lease another worker
    // may have taken over since: that could put this message after its enrollment's next one.
    const lease = new Lease(this.attempts, claim.attempt, leaseMs, this.clock, maxHoldMs);
    if (!lease.held) return 'busy';
    // Renewed while the POST runs, so a slow receiver never lets a second worker in; a killed worker's lease runs out.
    const result = await lease.whileHeld(() => this.transport.send({ url: endpoint.url, headers, body: message.payload, timeoutMs: this.settings.webhookTimeoutMs }));
    const finished = await this.finish(message, lease.attempt, result);
    // Either write may be lost to a crash: an unfinished attempt runs out its lease, a lagging summary is rebuilt.
    await Promise.all([this.attempts.replace(finished), this.messages.replace(summaryAfter(message, finished))]);
    await this.health.record(endpoint, result, this.clock.now());
    const outcome = finished.outcome === 'succeeded' ? 'delivered' : finished.nextAttemptAt === undefined ? 'failed' : 'retrying';
    const lagSeconds = outcome === 'delivered' ? Math.max(0, this.clock.now().getTime() - appendedAt(message)) / 1000 : undefined;
    this.metrics.webhookAttempt(message.workspaceId, outcome, lagSeconds);
    return finished.outcome === 'succeeded' ? 'delivered' : 'failed';
  }

  private sign(message: WebhookMessage, endpoint: WebhookEndpoint): Record<string, string> {
    const now = this.clock.now();
    const secrets = sealedSigningSecrets(endpoint, now).map((sealed) => this.open(sealed));
    return { ...signWebhook(message.eventId, Math.floor(now.getTime() / 1000), message.payload, secrets) };
  }

  private open(sealed: string): string {
    let secret = this.#opened.get(sealed);
    if (secret === undefined) {
      if (this.#opened.size >= 10_000) this.#opened.clear();
      this.#opened.set(sealed, (secret = this.secrets.open(sealed, 'A webhook signing secret')));
    }
    return secret;
  }

  private async finish(message: WebhookMessage, attempt: DeliveryAttempt, result: WebhookResult): Promise<DeliveryAttempt> {
    const now = this.clock.now();
    const round = isSuccess(result) ? NO_ROUND : await this.roundSoFar(message, attempt);
    const step = nextStep(result, round, now, retriedWork(this.settings).webhookDelivery.backoff);
    const answer = result.kind === 'response' ? { statusCode: result.statusCode, responseBody: result.body.slice(0, RESPONSE_BODY_LIMIT) } : { error: result.error };
    return {
      ...attempt, ...answer, latencyMs: Math.round(result.latencyMs), finishedAt: now.toISOString(),
      outcome: step.kind === 'delivered' ? 'succeeded' : 'failed',
      ...(step.kind === 'retry' ? { nextAttemptAt: step.at.toISOString(), ...(step.postponed ? { postponed: true } : {}) } : {}),
    };
  }

  /**
   * The round this attempt belongs to (the attempts since the last replay), read from the attempts themselves, only
   * after a failure: when it started, and which of its earlier attempts the receiver postponed (they spent no budget).
   */
  private async roundSoFar(message: WebhookMessage, attempt: DeliveryAttempt): Promise<RoundSoFar> {
    const earlier = (await this.attempts.listForSubject(message.workspaceId, message.id)).filter((other) => other.attempt > message.roundStartedAtAttempt && other.attempt < attempt.attempt);
    const postponements = earlier.filter((other) => other.postponed === true).length;
    const first = earlier.find((other) => other.attempt === message.roundStartedAtAttempt + 1) ?? attempt;
    return { startedAt: new Date(first.claimedAt), failures: attempt.attempt - message.roundStartedAtAttempt - 1 - postponements, postponements };
  }
}

/** What a success needs to know of its round: nothing. */
const NO_ROUND: RoundSoFar = { startedAt: new Date(0), failures: 0, postponements: 0 };

/** The message as a finished attempt leaves it: delivered, due again at a time, or failed for good. */
export function summaryAfter(message: WebhookMessage, last: DeliveryAttempt): WebhookMessage {
  const { nextAttemptAt: _next, ...rest } = message;
  const base = { ...rest, attempts: Math.max(message.attempts, last.attempt), lastAttemptAt: last.finishedAt ?? last.claimedAt, ...(last.statusCode === undefined ? {} : { lastStatusCode: last.statusCode }) };
  if (last.outcome === 'succeeded') return { ...base, state: 'delivered', deliveredAt: last.finishedAt ?? last.claimedAt };
  if (last.nextAttemptAt !== undefined) return { ...base, state: 'pending', nextAttemptAt: last.nextAttemptAt };
  return { ...base, state: 'failed' };
}

/** When the message's event was appended: the payload's `timestamp` (its event's `occurredAt`), else when it was fanned out. */
function appendedAt(message: WebhookMessage): number {
  const at = /"timestamp":"([^"]+)"/.exec(message.payload.slice(0, 400))?.[1];
  const parsed = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isNaN(parsed) ? Date.parse(message.createdAt) : parsed;
}
