import type { RetiringSecret, WebhookEndpoint } from '../WebhookEndpoint.js';

/** How many rotated-out secrets may sign at once: each adds a signature to every delivery's header. */
export const MAX_RETIRING_SECRETS = 10;

/** The endpoint's rotated-out secrets whose overlap has not ended at `now`, oldest first (an older record's one secret too). */
export function liveRetiringSecrets(endpoint: WebhookEndpoint, now: Date): RetiringSecret[] {
  const legacy: RetiringSecret[] =
    endpoint.sealedPreviousSecret !== undefined && endpoint.previousSecretExpiresAt !== undefined && endpoint.retiringSecrets === undefined
      ? [{ sealedSecret: endpoint.sealedPreviousSecret, expiresAt: endpoint.previousSecretExpiresAt }]
      : [];
  return [...legacy, ...(endpoint.retiringSecrets ?? [])].filter((secret) => Date.parse(secret.expiresAt) > now.getTime());
}

/** Every sealed secret that signs a delivery at `now`: the current one first, then each retiring one still in its overlap. */
export function sealedSigningSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  return [endpoint.sealedSecret, ...liveRetiringSecrets(endpoint, now).map((secret) => secret.sealedSecret)];
}
