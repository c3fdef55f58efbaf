import type { ParticipationMove } from '@flexroll/sdk';
import type { Page, PageRequest, InsertResult } from '../../platform/index.js';

/** Where an outbox item stands: waiting (first try or a retry), delivered, or given up (a dead letter). */
export type AdapterOutboxStatus = 'pending' | 'delivered' | 'dead';

/**
 * One side effect owed to an adapter: telling it (`onParticipationChanged`) of one participation move, or
 * (`onParticipationCreated`) of a participation's creation. One item per event — its id is derived from the
 * event — so enqueueing twice is a harmless duplicate. The adapter outbox
 * is the adapter-side twin of webhook delivery: items, attempts claimed in the one attempts port
 * (`DeliveryAttemptRepository`, subject = the item's id), back-off, dead letters.
 */
export interface AdapterOutboxItem {
  /** `obx_` + the id of the event it reports: a `participation.state_changed`, or the `enrollment.created` of a creation. */
  readonly id: string;
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly adapterId: string;
  readonly enrollmentId: string;
  readonly participationId: string;
  /** The event's `seq`: items of one enrollment are delivered in this order (a creation, `seq` 1, first). */
  readonly seq: number;
  /** The move reported to `onParticipationChanged`; absent on an item for `onParticipationCreated`. */
  readonly move?: ParticipationMove;
  readonly status: AdapterOutboxStatus;
  /** Attempts made so far (a leased attempt counts once it ends, or once its lease has expired). */
  readonly attempts: number;
  /** After this many attempts the item is dead; sending a dead letter again raises it. */
  readonly attemptLimit: number;
  readonly nextAttemptAt: string;
  /** The last failure, as recorded (config secrets already redacted). */
  readonly lastError?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt?: string;
}

/**
 * The adapter outbox's items, unique by id (the platform's one guard, a unique insert); their attempts are claimed
 * in the attempts port. `replace` is deliberately not a guard (FerretDB v1 does not re-check filters): a racing replace
 * can at worst make an item be tried once more, never lose it.
 */
export interface AdapterOutboxRepository {
  enqueue(item: AdapterOutboxItem): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<AdapterOutboxItem | undefined>;
  /** Pending items of every workspace (an equality on `status`), oldest first, at most `limit`. */
  listPending(limit: number): Promise<readonly AdapterOutboxItem[]>;
  /** One instance's items with a status, oldest first, page by page. */
  listByInstance(workspaceId: string, programInstanceId: string, status: AdapterOutboxStatus, page: PageRequest): Promise<Page<AdapterOutboxItem>>;
  replace(item: AdapterOutboxItem): Promise<void>;
}
