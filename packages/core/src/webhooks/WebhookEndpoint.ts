/** Why an endpoint stopped receiving: its owner said so, it answered 410 Gone, or it failed for five days. */
export type EndpointDisabledReason = 'manual' | 'gone' | 'failing';

/**
 * A workspace's webhook endpoint: where events are POSTed, which ones, and the secret they are signed with.
 * Secrets are stored sealed (AES-256-GCM through the platform's SecretBox), never hashed: signing needs them.
 */
export interface WebhookEndpoint {
  readonly id: string;
  readonly workspaceId: string;
  readonly url: string;
  readonly description?: string;
  /** The event types delivered here; every other event is left out. */
  readonly eventTypes: readonly string[];
  /** When set, only events of enrollments in this program instance. */
  readonly programInstanceId?: string;
  readonly status: 'enabled' | 'disabled';
  readonly disabledReason?: EndpointDisabledReason;
  readonly disabledAt?: string;
  /** The sealed `whsec_…` secret that signs every delivery. */
  readonly sealedSecret: string;
  /** After a rotation: the previous sealed secret, which also signs until `previousSecretExpiresAt`. */
  readonly sealedPreviousSecret?: string;
  readonly previousSecretExpiresAt?: string;
  /** Set at the first failure after a success (or ever); cleared by a success. Five days of it disable the endpoint. */
  readonly failingSince?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
