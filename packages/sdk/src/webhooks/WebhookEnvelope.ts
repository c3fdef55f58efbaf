/**
 * The body of every webhook Flexroll sends. `id` is also the `webhook-id` header: the same on every retry and replay,
 * so deduplicate by it. `enrollmentId` and `seq` are the enrollment's own numbering (gap-free from 1, and delivered
 * in order to each endpoint): a `seq` more than one past the last you processed is a gap you can fill from
 * `GET /events?enrollmentId=…`. Both are `null` for workspace-level events (`webhook.test`, `webhook_endpoint.disabled`).
 *
 * @example
 * const event: WebhookEnvelope = { id: 'evt_018bfa1c2a3b4c5d6e7f8a9b', type: 'enrollment.status_changed',
 *   timestamp: '2025-01-01T09:00:00.000Z', enrollmentId: 'g1r9skwy49nus7oqdb9xivga9', seq: 9,
 *   data: { from: 'candidate', to: 'eligible', reason: 'In service territory' } };
 */
export interface WebhookEnvelope<Data = unknown> {
  readonly id: string;
  readonly type: string;
  /** When the event occurred (ISO-8601 UTC). */
  readonly timestamp: string;
  readonly enrollmentId: string | null;
  readonly seq: number | null;
  readonly data: Data;
}
