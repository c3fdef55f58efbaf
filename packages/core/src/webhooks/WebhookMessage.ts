/**
 * Where a message stands: `pending` until an attempt succeeds (`delivered`) or the retry schedule runs out
 * (`failed`). A pending message of an enrollment holds back that enrollment's later messages to the same endpoint.
 */
export type WebhookMessageState = 'pending' | 'delivered' | 'failed';
export const WEBHOOK_MESSAGE_STATES: readonly WebhookMessageState[] = ['pending', 'delivered', 'failed'];

/**
 * One event for one endpoint: created by a unique insert on `(endpointId, eventId)`, so any number of workers may
 * fan the same event out. Its state fields are a summary written by whoever holds the current attempt's lease;
 * the attempts themselves are the record.
 */
export interface WebhookMessage {
  readonly id: string;
  readonly workspaceId: string;
  readonly endpointId: string;
  /** The event's id, sent as `webhook-id`: the same for every endpoint and every retry, so consumers deduplicate by it. */
  readonly eventId: string;
  readonly type: string;
  /** Absent for workspace-level messages (a test event, an endpoint disabled). */
  readonly enrollmentId?: string;
  readonly seq?: number;
  /** The exact JSON body every attempt sends (signed as is). */
  readonly payload: string;
  readonly createdAt: string;
  readonly state: WebhookMessageState;
  /**
   * The number of the last attempt claimed, over every series: attempt numbers are unique per message and keep
   * counting across replays (the log shows the current series' count, see `attemptSeries.ts`).
   */
  readonly attempts: number;
  /** The attempt count when the current series began (creation or the last replay): the retry schedule counts from it. */
  readonly roundStartedAtAttempt: number;
  /**
   * The attempt count at each replay, in order: replay `n` began series `n + 1`, whose attempts are those numbered
   * after it. Absent until the first replay; its last element is `roundStartedAtAttempt`.
   */
  readonly replayedAtAttempts?: readonly number[];
  /** When the next attempt is due, while pending. */
  readonly nextAttemptAt?: string;
  readonly lastAttemptAt?: string;
  readonly lastStatusCode?: number;
  readonly deliveredAt?: string;
}
