import type { InsertResult } from '../../platform/index.js';

/**
 * An operator event's id as first received for one program instance and adapter: the proof that the event was taken
 * in, so a redelivery of it (a sender's retry, a duplicated webhook) is recognised and not applied again.
 */
export interface OperatorEventIdRecord {
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly adapterId: string;
  /** The operator's own id for the event (`OperatorEvent.id`). */
  readonly eventId: string;
  /** The participation the event was about, and its enrollment (where its trace is). */
  readonly participationId: string;
  readonly enrollmentId: string;
  readonly receivedAt: string;
  /** Random per receipt: only the receipt that recorded the id may forget it again (see `release`). */
  readonly receiptId: string;
}

/**
 * The operator event ids received, per `(workspaceId, programInstanceId, adapterId, eventId)`, which is unique:
 * recording one is a unique insert, and the loser of a race (or a redelivery) gets `'duplicate'`. Every lookup is
 * an equality on those indexed top-level fields.
 */
export interface OperatorEventIdRepository {
  insert(record: OperatorEventIdRecord): Promise<InsertResult>;
  find(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string): Promise<OperatorEventIdRecord | undefined>;
  /** Forgets an id if (and only if) this receipt recorded it: its event was not applied, so a redelivery must be. */
  release(workspaceId: string, programInstanceId: string, adapterId: string, eventId: string, receiptId: string): Promise<void>;
}
