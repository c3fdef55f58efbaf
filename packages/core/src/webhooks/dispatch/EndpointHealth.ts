import { createHash } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { type CoreSettings, newPrefixedId, type CoreLogger, CORE_TOKENS, STORE_TOKENS } from '../../platform/index.js';
import type { EndpointDisabledReason, WebhookEndpoint } from '../WebhookEndpoint.js';
import type { WebhookEndpointRepository } from '../ports/WebhookEndpointRepository.js';
import type { WebhookMessageRepository } from '../ports/WebhookMessageRepository.js';
import type { WorkspaceEventRepository } from '../../enrollments/index.js';
import { ENDPOINT_DISABLED_EVENT, subscribesTo } from '../payload/webhookEventTypes.js';
import { workspacePayload } from '../payload/webhookPayload.js';
import type { WebhookResult } from '../transport/WebhookTransport.js';
import { isSuccess } from './retrySchedule.js';

/**
 * An endpoint's health after each answer: a success ends a failing streak; a failure starts one or, five days into
 * it, disables the endpoint; a 410 Gone disables it at once. A disabled endpoint is told to the workspace's other
 * endpoints that subscribe to `webhook_endpoint.disabled`, and shows its reason in the API.
 */
@injectable()
export class EndpointHealth {
  constructor(
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.workspaceEvents) private readonly workspaceEvents: WorkspaceEventRepository,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  async record(known: WebhookEndpoint, result: WebhookResult, now: Date): Promise<void> {
    if (isSuccess(result) && known.failingSince === undefined) return;
    // Read again before writing, so that a change made through the API meanwhile is kept.
    const endpoint = await this.endpoints.get(known.workspaceId, known.id);
    if (endpoint === undefined || endpoint.status === 'disabled') return;
    const at = now.toISOString();
    if (isSuccess(result)) {
      const { failingSince: _ended, ...healthy } = endpoint;
      return this.endpoints.replace({ ...healthy, updatedAt: at });
    }
    if (result.kind === 'response' && result.statusCode === 410) return this.disable(endpoint, 'gone', at);
    if (endpoint.failingSince === undefined) return this.endpoints.replace({ ...endpoint, failingSince: at, updatedAt: at });
    if (now.getTime() - Date.parse(endpoint.failingSince) >= this.settings.webhookDisableAfterMs) return this.disable(endpoint, 'failing', at);
  }

  private async disable(endpoint: WebhookEndpoint, reason: Exclude<EndpointDisabledReason, 'manual'>, at: string): Promise<void> {
    await this.endpoints.replace({ ...endpoint, status: 'disabled', disabledReason: reason, disabledAt: at, updatedAt: at });
    this.logger.warn('webhook endpoint disabled', { workspaceId: endpoint.workspaceId, endpointId: endpoint.id, reason, failingSince: endpoint.failingSince });
    // One id per streak (or per 410), so that two workers disabling at once announce it once.
    const eventId = `evt_${createHash('sha256').update(`${endpoint.id}:${reason}:${endpoint.failingSince ?? at.slice(0, 16)}`).digest('hex').slice(0, 24)}`;
    const data = { endpointId: endpoint.id, url: endpoint.url, reason, disabledAt: at, ...(endpoint.failingSince === undefined ? {} : { failingSince: endpoint.failingSince }) };
    const payload = JSON.stringify(workspacePayload(eventId, ENDPOINT_DISABLED_EVENT, at, data));
    // In the workspace's events whether or not an endpoint subscribes (a duplicate when another worker recorded it).
    await this.workspaceEvents.insert({ id: eventId, workspaceId: endpoint.workspaceId, type: ENDPOINT_DISABLED_EVENT, occurredAt: at, actor: { type: 'system', id: 'webhook-delivery' }, source: 'webhooks', data });
    for (const other of await this.endpoints.listForWorkspace(endpoint.workspaceId)) {
      if (other.id === endpoint.id || other.status !== 'enabled' || !subscribesTo(other.eventTypes, ENDPOINT_DISABLED_EVENT)) continue;
      await this.messages.insert({
        id: newPrefixedId('msg'), workspaceId: endpoint.workspaceId, endpointId: other.id, eventId, type: ENDPOINT_DISABLED_EVENT, payload,
        createdAt: at, state: 'pending', attempts: 0, roundStartedAtAttempt: 0, nextAttemptAt: at,
      });
    }
  }
}
