import { inject, injectable } from 'inversify';
import { ConflictError, NotFoundError } from '@flexroll/sdk';
import {
  type Clock, type CallContext, requireInInstanceScope, type CursorPage, cursorFormWindow, decodeListCursor, type PageRequest, pageFormWindow, CORE_TOKENS, STORE_TOKENS, toCursorPage, toWindowPage, type WindowPage,
} from '../platform/index.js';
import { type SeriesAttempt, seriesStartsOf, withSeries } from './attemptSeries.js';
import { isMessageKey } from './messageListing.js';
import type { WebhookEndpoint } from './WebhookEndpoint.js';
import type { WebhookMessage } from './WebhookMessage.js';
import type { DeliveryAttemptRepository } from './ports/DeliveryAttemptRepository.js';
import type { WebhookEndpointRepository } from './ports/WebhookEndpointRepository.js';
import type { WebhookMessageFilter, WebhookMessageRepository } from './ports/WebhookMessageRepository.js';

/**
 * An endpoint's delivery log: its messages and each one's attempts (status code, latency, next attempt, the start
 * of the answer), and replay — of one message, or of every failed message since a time. A replay puts the message
 * back in the queue, due now, and begins a new attempt series with a fresh retry schedule (`attemptSeries.ts`); it
 * keeps its `webhook-id`, so consumers that deduplicate see a repeat, and while it is pending it holds back its
 * enrollment's later messages like any other. A disabled endpoint is sent nothing, so it refuses replays (409
 * `endpoint_disabled`) rather than accept work it would not do.
 */
@injectable()
export class WebhookLogService {
  constructor(
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.deliveryAttempts) private readonly attempts: DeliveryAttemptRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** The delivery log's page form (ADR 0021): the first pages, with the totals when the page reaches the end. */
  async listMessages(context: CallContext, endpointId: string, filter: WebhookMessageFilter, page: PageRequest): Promise<WindowPage<WebhookMessage>> {
    await this.requireEndpoint(context, endpointId);
    // One enrollment's messages are one equality, read whole: exact totals at any depth, as for its events.
    return toWindowPage(await this.messages.list(context.workspaceId, endpointId, filter, pageFormWindow(page, filter.enrollmentId !== undefined)), page);
  }

  /**
   * The delivery log's cursor form: up to `limit` messages after the position `after` names.
   * @throws InputError naming `after` for a cursor this log did not hand out.
   */
  async listMessagesAfter(context: CallContext, endpointId: string, filter: WebhookMessageFilter, limit: number, after: string | undefined): Promise<CursorPage<WebhookMessage>> {
    const position = after === undefined ? undefined : decodeListCursor(after, isMessageKey, 'after');
    await this.requireEndpoint(context, endpointId);
    return toCursorPage(await this.messages.list(context.workspaceId, endpointId, filter, cursorFormWindow(limit, position)));
  }

  async getMessage(context: CallContext, endpointId: string, messageId: string): Promise<WebhookMessage> {
    return this.messageOf(await this.requireEndpoint(context, endpointId), messageId);
  }

  /** Every attempt at the message, in order, each with its series: earlier series' attempts stay in the log. */
  async listAttempts(context: CallContext, endpointId: string, messageId: string): Promise<readonly SeriesAttempt[]> {
    const message = await this.getMessage(context, endpointId, messageId);
    return withSeries(message, await this.attempts.listForSubject(context.workspaceId, message.id));
  }

  /** @throws ConflictError `endpoint_disabled` when the endpoint is disabled: nothing would be sent. */
  async replay(context: CallContext, endpointId: string, messageId: string): Promise<WebhookMessage> {
    const endpoint = await this.requireEndpoint(context, endpointId);
    const message = await this.messageOf(endpoint, messageId);
    requireEnabled(endpoint);
    return this.requeue(message);
  }

  /** Replays every `failed` message of the endpoint created at or after `since`; how many. */
  async replayFailedSince(context: CallContext, endpointId: string, since: string): Promise<number> {
    requireEnabled(await this.requireEndpoint(context, endpointId));
    const failed = await this.messages.listForEndpointInState(context.workspaceId, endpointId, 'failed');
    const chosen = failed.filter((message) => Date.parse(message.createdAt) >= Date.parse(since));
    for (const message of chosen) await this.requeue(message);
    return chosen.length;
  }

  private async requeue(message: WebhookMessage): Promise<WebhookMessage> {
    const { deliveredAt: _delivered, ...rest } = message;
    const replayedAtAttempts = [...seriesStartsOf(message).slice(1), message.attempts];
    const requeued: WebhookMessage = { ...rest, state: 'pending', roundStartedAtAttempt: message.attempts, replayedAtAttempts, nextAttemptAt: this.clock.now().toISOString() };
    await this.messages.replace(requeued);
    return requeued;
  }

  private async messageOf(endpoint: WebhookEndpoint, messageId: string): Promise<WebhookMessage> {
    const message = await this.messages.get(endpoint.workspaceId, messageId);
    if (message === undefined || message.endpointId !== endpoint.id) throw new NotFoundError('webhook_message', messageId);
    return message;
  }

  private async requireEndpoint(context: CallContext, endpointId: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.get(context.workspaceId, endpointId);
    if (endpoint === undefined) throw new NotFoundError('webhook_endpoint', endpointId);
    requireInInstanceScope(context, endpoint.programInstanceId, 'webhook_endpoint', endpointId);
    return endpoint;
  }
}

function requireEnabled(endpoint: WebhookEndpoint): void {
  if (endpoint.status === 'enabled') return;
  const reason = endpoint.disabledReason === undefined ? '' : ` (reason: ${endpoint.disabledReason})`;
  throw new ConflictError(
    'endpoint_disabled',
    `Webhook endpoint ${endpoint.id} is disabled${reason}, so nothing would be sent: enable it with PATCH /webhook-endpoints/${endpoint.id} {"disabled": false}, then replay.`,
  );
}
