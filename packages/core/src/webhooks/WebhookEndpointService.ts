import { inject, injectable } from 'inversify';
import { ConflictError, InputError, NotFoundError } from '@flexroll/sdk';
import { checkOutboundUrl, systemResolve, type Clock, type CoreSettings, newPrefixedId, type CallContext, inInstanceScope, requireInInstanceScope, scopedInstanceFilter, toPage, pageOffset, type Page, type PageRequest, type SecretBox, CORE_TOKENS, STORE_TOKENS, newEventId } from '../platform/index.js';
import type { WebhookEndpoint } from './WebhookEndpoint.js';
import type { WebhookMessage } from './WebhookMessage.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import type { WorkspaceEventRepository } from '../enrollments/index.js';
import type { WebhookEndpointRepository } from './ports/WebhookEndpointRepository.js';
import type { WebhookMessageRepository } from './ports/WebhookMessageRepository.js';
import { EVERY_EVENT_TYPE, TEST_EVENT, WEBHOOK_EVENT_TYPES } from '../webhooks/payload/webhookEventTypes.js';
import { workspacePayload } from '../webhooks/payload/webhookPayload.js';
import { newWebhookSecret } from '../webhooks/signing/webhookSecret.js';
import { liveRetiringSecrets, MAX_RETIRING_SECRETS } from '../webhooks/signing/signingSecrets.js';

export interface WebhookEndpointInput {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string;
  readonly programInstanceId?: string;
}

/** A change to an endpoint: `null` removes an optional field; `disabled` disables or enables it. */
export interface WebhookEndpointChanges {
  readonly url?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string | null;
  readonly programInstanceId?: string | null;
  readonly disabled?: boolean;
}

/** An endpoint with its secret, the one time it is shown (creation, rotation). */
export interface IssuedWebhookEndpoint {
  readonly endpoint: WebhookEndpoint;
  readonly secret: string;
}

/**
 * A workspace's webhook endpoints: saved only with a URL the SSRF guard accepts, a secret shown once and kept sealed,
 * rotation with an overlap in which both secrets sign, enabling and disabling, and a test event on demand.
 */
@injectable()
export class WebhookEndpointService {
  constructor(
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.workspaceEvents) private readonly workspaceEvents: WorkspaceEventRepository,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.secretBox) private readonly secrets: SecretBox,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  async create(context: CallContext, input: WebhookEndpointInput): Promise<IssuedWebhookEndpoint> {
    await this.checkUrl(input.url);
    // An instance-scoped key's endpoint is filtered to an instance of its scope (ADR 0025): it never hears of others.
    const programInstanceId = scopedInstanceFilter(context, input.programInstanceId, '/programInstanceId');
    await this.checkInstance(context, programInstanceId);
    const secret = newWebhookSecret();
    const now = this.clock.now().toISOString();
    const endpoint: WebhookEndpoint = {
      id: newPrefixedId('whe'), workspaceId: context.workspaceId, url: input.url, eventTypes: checkedTypes(input.eventTypes),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(programInstanceId === undefined ? {} : { programInstanceId }),
      status: 'enabled', sealedSecret: this.secrets.seal(secret), createdAt: now, updatedAt: now,
    };
    await this.endpoints.insert(endpoint);
    return { endpoint, secret };
  }

  async get(context: CallContext, id: string): Promise<WebhookEndpoint> {
    const endpoint = await this.endpoints.get(context.workspaceId, id);
    if (endpoint === undefined) throw new NotFoundError('webhook_endpoint', id);
    requireInInstanceScope(context, endpoint.programInstanceId, 'webhook_endpoint', id);
    return endpoint;
  }

  async list(context: CallContext, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    // A workspace holds a handful of endpoints, read whole already; the scope filters them before the page is cut.
    const all = (await this.endpoints.listForWorkspace(context.workspaceId)).filter((endpoint) => inInstanceScope(context, endpoint.programInstanceId));
    return toPage(all.slice(pageOffset(page), pageOffset(page) + page.perPage), page, all.length);
  }

  async update(context: CallContext, id: string, changes: WebhookEndpointChanges): Promise<WebhookEndpoint> {
    const current = await this.get(context, id);
    if (changes.url !== undefined) await this.checkUrl(changes.url);
    if (changes.programInstanceId === null && !inInstanceScope(context, undefined)) {
      throw new InputError('/programInstanceId cannot be removed: an instance-scoped key’s endpoints stay filtered to its instances.', [
        { field: '/programInstanceId', rule: 'required_for_instance_scope', message: 'must name one of the key’s program instances' },
      ]);
    }
    if (changes.programInstanceId !== undefined && changes.programInstanceId !== null) await this.checkInstance(context, changes.programInstanceId);
    const now = this.clock.now().toISOString();
    const { description, programInstanceId, disabledReason: _reason, disabledAt: _at, failingSince: _since, ...rest } = current;
    const keep = <T>(change: T | null | undefined, stored: T | undefined) => (change === null ? undefined : (change ?? stored));
    const next = {
      ...rest,
      ...(changes.url === undefined ? {} : { url: changes.url }),
      ...(changes.eventTypes === undefined ? {} : { eventTypes: checkedTypes(changes.eventTypes) }),
      ...optional('description', keep(changes.description, description)),
      ...optional('programInstanceId', keep(changes.programInstanceId, programInstanceId)),
      ...this.statusAfter(current, changes.disabled, now),
      updatedAt: now,
    } as WebhookEndpoint;
    await this.endpoints.replace(next);
    return next;
  }

  /** Deletes the endpoint; its messages still pending are marked failed, so that no dispatcher keeps looking at them. */
  async delete(context: CallContext, id: string): Promise<void> {
    await this.get(context, id);
    await this.endpoints.delete(context.workspaceId, id);
    for (const message of await this.messages.listForEndpointInState(context.workspaceId, id, 'pending')) {
      const { nextAttemptAt: _next, ...rest } = message;
      await this.messages.replace({ ...rest, state: 'failed' });
    }
  }

  /**
   * A new secret; the one it replaces keeps signing for `webhookSecretOverlapMs` (24 h), so consumers can switch over.
   * Every secret rotated out keeps its own overlap: a second rotation within it adds a third signature rather than
   * cutting the first secret short. At most {@link MAX_RETIRING_SECRETS} retire at once (each lengthens every
   * delivery's signature header); one more rotation is refused until the oldest has expired.
   */
  async rotateSecret(context: CallContext, id: string): Promise<IssuedWebhookEndpoint> {
    const current = await this.get(context, id);
    const now = this.clock.now();
    const retiring = liveRetiringSecrets(current, now);
    if (retiring.length >= MAX_RETIRING_SECRETS) throw tooManyRotations(retiring[0]!.expiresAt, now);
    const secret = newWebhookSecret();
    const expiresAt = new Date(now.getTime() + this.settings.webhookSecretOverlapMs).toISOString();
    const { sealedPreviousSecret: _legacy, ...rest } = current;
    const endpoint: WebhookEndpoint = {
      ...rest, sealedSecret: this.secrets.seal(secret), retiringSecrets: [...retiring, { sealedSecret: current.sealedSecret, expiresAt }],
      previousSecretExpiresAt: expiresAt, updatedAt: now.toISOString(),
    };
    await this.endpoints.replace(endpoint);
    return { endpoint, secret };
  }

  /** Queues a `webhook.test` message to this endpoint alone, due now, whatever its event types. */
  async sendTest(context: CallContext, id: string): Promise<WebhookMessage> {
    const endpoint = await this.get(context, id);
    const now = this.clock.now();
    const eventId = newEventId(now);
    const data = { endpointId: endpoint.id, message: 'A test event from Flexroll: your endpoint receives and verifies webhooks.' };
    const message: WebhookMessage = {
      id: newPrefixedId('msg'), workspaceId: context.workspaceId, endpointId: endpoint.id, eventId, type: TEST_EVENT,
      payload: JSON.stringify(workspacePayload(eventId, TEST_EVENT, now.toISOString(), data)),
      createdAt: now.toISOString(), state: 'pending', attempts: 0, roundStartedAtAttempt: 0, nextAttemptAt: now.toISOString(),
    };
    // Recorded in the workspace's events first, so that GET /events lists every test event a message carries.
    await this.workspaceEvents.insert({ id: eventId, workspaceId: context.workspaceId, type: TEST_EVENT, occurredAt: now.toISOString(), actor: context.actor, source: context.source, data });
    await this.messages.insert(message);
    return message;
  }

  private statusAfter(current: WebhookEndpoint, disabled: boolean | undefined, now: string): Partial<WebhookEndpoint> {
    const wasDisabled = current.status === 'disabled';
    if (disabled === true) return wasDisabled ? pick(current) : { status: 'disabled', disabledReason: 'manual', disabledAt: now };
    if (disabled === false) return { status: 'enabled' };
    return pick(current);
  }

  private checkUrl(url: string): Promise<URL> {
    return checkOutboundUrl(url, { allowPrivateNetworks: this.settings.webhookAllowPrivateNetworks, field: '/url', subject: 'webhook URL', resolve: async (host) => (await systemResolve(host)).map((entry) => entry.address) });
  }

  private async checkInstance(context: CallContext, programInstanceId: string | undefined): Promise<void> {
    if (programInstanceId === undefined) return;
    // Outside the caller's scope, the same answer as an instance that does not exist.
    if (inInstanceScope(context, programInstanceId) && (await this.instances.get(context.workspaceId, programInstanceId)) !== undefined) return;
    throw new InputError('programInstanceId does not name a program instance of this workspace', [{ field: '/programInstanceId', rule: 'exists', message: 'no program instance with this id' }]);
  }
}

const pick = ({ status, disabledReason, disabledAt, failingSince }: WebhookEndpoint): Partial<WebhookEndpoint> =>
  ({ status, ...optional('disabledReason', disabledReason), ...optional('disabledAt', disabledAt), ...optional('failingSince', failingSince) });

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function checkedTypes(types: readonly string[]): readonly string[] {
  const wildcard = types.indexOf(EVERY_EVENT_TYPE);
  if (wildcard !== -1 && types.length > 1) {
    throw new InputError(`'${EVERY_EVENT_TYPE}' subscribes to every event type and stands alone`, [{ field: `/eventTypes/${wildcard}`, rule: 'wildcard', message: `'${EVERY_EVENT_TYPE}' must be the only event type` }]);
  }
  const unknown = types.filter((type) => type !== EVERY_EVENT_TYPE && !WEBHOOK_EVENT_TYPES.includes(type));
  if (unknown.length === 0) return [...new Set(types)];
  throw new InputError(`Unknown event types: ${unknown.join(', ')}`, unknown.map((type) => ({ field: `/eventTypes/${types.indexOf(type)}`, rule: 'enum', message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}, or '${EVERY_EVENT_TYPE}' alone` })));
}

function tooManyRotations(oldestExpiresAt: string, now: Date): ConflictError {
  return new ConflictError(
    'secret_rotation_limit',
    `${MAX_RETIRING_SECRETS} rotated-out secrets are still signing; rotate again after ${oldestExpiresAt}, when the oldest of them expires.`,
    undefined,
    { retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(oldestExpiresAt) - now.getTime()) / 1000)) },
  );
}
