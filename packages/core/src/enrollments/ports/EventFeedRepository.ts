import type { EnrollmentEvent } from '../EnrollmentEvent.js';

/**
 * The event log read as a feed (webhooks, projection repair, the outbox's catch-up): every workspace's events
 * recorded within one bucket of time. A bucket is an hour (`YYYY-MM-DDTHH`), a minute (`YYYY-MM-DDTHH:MM`) or a
 * second (`YYYY-MM-DDTHH:MM:SS`), all UTC: the feed walks seconds, and minutes or hours only to catch up after a
 * long stop. Stores serve every size from top-level keys stamped on each event with an equality lookup, the one
 * query FerretDB v1 pushes down (a range over a time would scan there). See ADR 0018.
 */
export interface EventFeedRepository {
  /**
   * The events recorded within `bucket` (an hour, a minute or a second, by its length; with a channel's prefix, see
   * {@link channelBucket}, only the events of that channel), in any order.
   */
  listRecordedIn(bucket: string): Promise<readonly EnrollmentEvent[]>;
  /**
   * Moves events recorded in `fromSecond` to `toSecond` (a later one), in the whole feed and in their channels: an
   * appender whose insert was visible only after its second had settled re-files its events where the feed has not
   * read yet. Events not in `fromSecond` are left alone, so a repeat does nothing.
   */
  restamp(events: readonly EnrollmentEvent[], fromSecond: string, toSecond: string): Promise<void>;
}

/** The feed's second for an ISO time: its first 19 characters, `YYYY-MM-DDTHH:MM:SS`. */
export function feedSecondOf(iso: string): string {
  return iso.slice(0, 19);
}

/** The buckets of the whole feed for an event recorded in `second`: its hour, its minute and its second. */
export function feedBucketsOf(second: string): readonly [hour: string, minute: string, second: string] {
  return [second.slice(0, 13), second.slice(0, 16), second.slice(0, 19)];
}

/**
 * A part of the feed that a reader wanting only those events follows instead of the whole (ADR 0018), so that it
 * reads none of the rest: `moves`, the participation moves and the enrollment creations (the adapter outbox's
 * catch-up); `repairable`, the events whose projection nobody else brings up to date after a crash (projection
 * repair). An import's events are not repairable, and its creations are not in `moves`: its job runs a chunk cut
 * short again, and the run reads and saves each of the chunk's enrollments, and enqueues each creation's outbox item.
 */
export type FeedChannel = 'moves' | 'repairable';

export function feedChannelsOf(event: Pick<EnrollmentEvent, 'type' | 'source'>): FeedChannel[] {
  const channels: FeedChannel[] = [];
  const imported = event.source.startsWith('import:');
  if (event.type === 'participation.state_changed' || (event.type === 'enrollment.created' && !imported)) channels.push('moves');
  if (!imported) channels.push('repairable');
  return channels;
}

/** A bucket of one channel: the channel's name before the bucket of the whole feed. */
export function channelBucket(channel: FeedChannel, bucket: string): string {
  return `${channel}|${bucket}`;
}

/** Every bucket an event recorded in `second` is found by: the whole feed's, and its channels'. */
export function eventFeedBucketsOf(event: Pick<EnrollmentEvent, 'type' | 'source'>, second: string): string[] {
  const whole = feedBucketsOf(second);
  return [...whole, ...feedChannelsOf(event).flatMap((channel) => whole.map((bucket) => channelBucket(channel, bucket)))];
}

/** The default second of an event inserted without one: its `recordedAt` when it was dated otherwise, else its `occurredAt`. */
export function recordedSecondOf(event: Pick<EnrollmentEvent, 'occurredAt' | 'recordedAt'>): string {
  return feedSecondOf(event.recordedAt ?? event.occurredAt);
}
