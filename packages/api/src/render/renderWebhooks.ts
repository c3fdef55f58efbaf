import { attemptsInCurrentSeries, currentSeriesOf, type SeriesAttempt, type WebhookEndpoint, type WebhookMessage } from '@flexroll/core';

/** An endpoint without its workspace and sealed secrets; the plain secret only when it was just made. */
export function renderWebhookEndpoint(endpoint: WebhookEndpoint, secret?: string): Record<string, unknown> {
  const { workspaceId: _workspace, sealedSecret: _secret, sealedPreviousSecret: _previous, retiringSecrets: _retiring, ...visible } = endpoint;
  return secret === undefined ? visible : { ...visible, secret };
}

/**
 * A message with its payload as JSON, and `enrollmentId`/`seq` null for workspace-level events. `attempts` counts
 * the current series' attempts, `series` says which series that is, and `totalAttempts` counts them all.
 */
export function renderWebhookMessage(message: WebhookMessage): Record<string, unknown> {
  const { workspaceId: _workspace, payload, roundStartedAtAttempt: _round, replayedAtAttempts: _replays, enrollmentId, seq, attempts, ...visible } = message;
  const counts = { attempts: attemptsInCurrentSeries(message), series: currentSeriesOf(message), totalAttempts: attempts };
  return { ...visible, ...counts, enrollmentId: enrollmentId ?? null, seq: seq ?? null, payload: JSON.parse(payload) as unknown };
}

/** An attempt as the delivery log shows it, with its series. */
export function renderWebhookAttempt(attempt: SeriesAttempt): Record<string, unknown> {
  const { id, attempt: number, series, claimedAt, finishedAt, outcome, statusCode, latencyMs, responseBody, error, nextAttemptAt } = attempt;
  const optional = { finishedAt, outcome, statusCode, latencyMs, responseBody, error, nextAttemptAt };
  return { id, attempt: number, series, startedAt: claimedAt, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) };
}
