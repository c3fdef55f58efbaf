import type { DeliveryAttempt } from './dispatch/DeliveryAttempt.js';
import type { WebhookMessage } from './WebhookMessage.js';

/**
 * A message's attempts come in series: its creation begins series 1, and each replay begins the next, with a fresh
 * retry schedule (the failure budget counts from the series' start). Attempt numbers keep counting across series, as
 * the attempts' unique claims need, so a series is told by where it starts: the attempt count when it began.
 */
export function seriesStartsOf(message: Pick<WebhookMessage, 'roundStartedAtAttempt' | 'replayedAtAttempts'>): readonly number[] {
  if (message.replayedAtAttempts !== undefined) return [0, ...message.replayedAtAttempts];
  // A message replayed before series were recorded knows only where its current series began.
  return message.roundStartedAtAttempt > 0 ? [0, message.roundStartedAtAttempt] : [0];
}

/** The message's current series: 1 until its first replay. */
export function currentSeriesOf(message: Pick<WebhookMessage, 'roundStartedAtAttempt' | 'replayedAtAttempts'>): number {
  return seriesStartsOf(message).length;
}

/** How many attempts the current series has made (what the log shows as the message's `attempts`). */
export function attemptsInCurrentSeries(message: Pick<WebhookMessage, 'attempts' | 'roundStartedAtAttempt'>): number {
  return Math.max(0, message.attempts - message.roundStartedAtAttempt);
}

/** An attempt with the series it belongs to. */
export interface SeriesAttempt extends DeliveryAttempt {
  readonly series: number;
}

/** Each attempt's series: the last series that began before its number (a series begun after it cannot hold it). */
export function withSeries(message: Pick<WebhookMessage, 'roundStartedAtAttempt' | 'replayedAtAttempts'>, attempts: readonly DeliveryAttempt[]): readonly SeriesAttempt[] {
  const starts = seriesStartsOf(message);
  return attempts.map((attempt) => ({ ...attempt, series: starts.filter((start) => start < attempt.attempt).length || 1 }));
}
