import type { DeliveryAttempt, WebhookEndpoint, WebhookMessage } from '@flexroll/core';

/** An endpoint without its workspace and sealed secrets; the plain secret only when it was just made. */
export function renderWebhookEndpoint(endpoint: WebhookEndpoint, secret?: string): Record<string, unknown> {
  const { workspaceId: _workspace, sealedSecret: _secret, sealedPreviousSecret: _previous, retiringSecrets: _retiring, ...visible } = endpoint;
  return secret === undefined ? visible : { ...visible, secret };
}

/** A message with its payload as JSON, and `enrollmentId`/`seq` null for workspace-level events. */
export function renderWebhookMessage(message: WebhookMessage): Record<string, unknown> {
  const { workspaceId: _workspace, payload, roundStartedAtAttempt: _round, enrollmentId, seq, ...visible } = message;
  return { ...visible, enrollmentId: enrollmentId ?? null, seq: seq ?? null, payload: JSON.parse(payload) as unknown };
}

/** An attempt as the delivery log shows it. */
export function renderWebhookAttempt(attempt: DeliveryAttempt): Record<string, unknown> {
  const { id, attempt: number, claimedAt, finishedAt, outcome, statusCode, latencyMs, responseBody, error, nextAttemptAt } = attempt;
  const optional = { finishedAt, outcome, statusCode, latencyMs, responseBody, error, nextAttemptAt };
  return { id, attempt: number, startedAt: claimedAt, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) };
}
