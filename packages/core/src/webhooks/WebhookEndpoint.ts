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
  /**
   * Secrets rotated out whose overlap has not ended, oldest first: each still signs until its own `expiresAt`, so a
   * second rotation within the overlap never cuts the first secret short (Standard Webhooks' several signatures).
   */
  readonly retiringSecrets?: readonly RetiringSecret[];
  /** After a rotation: when the last retiring secret stops signing (the latest `expiresAt`). */
  readonly previousSecretExpiresAt?: string;
  /** Written before rotations kept a list: the one previous secret, signing until `previousSecretExpiresAt`. Read, never written. */
  readonly sealedPreviousSecret?: string;
  /** Set at the first failure after a success (or ever); cleared by a success. Five days of it disable the endpoint. */
  readonly failingSince?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A secret rotated out, sealed, and when its overlap ends. */
export interface RetiringSecret {
  readonly sealedSecret: string;
  readonly expiresAt: string;
}
