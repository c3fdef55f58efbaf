import { inject, injectable } from 'inversify';
import type { EnrollmentEventRepository } from '../enrollments/index.js';
import { type Clock, CORE_TOKENS, STORE_TOKENS, newPrefixedId } from '../platform/index.js';
import type { ProgramInstance } from '../programs/index.js';
import type { OperatorEventIdRecord, OperatorEventIdRepository } from './ports/OperatorEventIdRepository.js';

/**
 * How long a receipt is taken for a delivery still being applied. Past it, a receipt whose event left no trace in its
 * enrollment's log belongs to a delivery that died between recording the id and appending (a crash): the redelivery
 * takes it over and is applied. Far above what one event takes (the adapter's time limit and the writers' contention
 * budget are seconds).
 */
export const RECEIPT_LEASE_MS = 60_000;
const MAX_TAKEOVERS = 3;

/** A receipt taken (apply the event, then keep it, or forget it if nothing was applied), or the earlier one it repeats. */
export type Receipt = { readonly taken: OperatorEventIdRecord } | { readonly redelivery: OperatorEventIdRecord };

/**
 * The operator event ids an instance's adapter has received: taking one is a unique insert on (workspace, instance,
 * adapter, event id), so of any number of deliveries of one event, across processes, one is applied and the others
 * are redeliveries.
 */
@injectable()
export class OperatorEventReceipts {
  constructor(
    @inject(STORE_TOKENS.operatorEventIds) private readonly ids: OperatorEventIdRepository,
    @inject(STORE_TOKENS.events) private readonly events: EnrollmentEventRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  async take(instance: ProgramInstance, adapterId: string, eventId: string, participationId: string, enrollmentId: string): Promise<Receipt> {
    const receipt: OperatorEventIdRecord = {
      workspaceId: instance.workspaceId, programInstanceId: instance.id, adapterId, eventId, participationId, enrollmentId,
      receivedAt: this.clock.now().toISOString(), receiptId: newPrefixedId('rcp'),
    };
    for (let attempt = 1; attempt <= MAX_TAKEOVERS; attempt++) {
      if ((await this.ids.insert(receipt)) === 'inserted') return { taken: receipt };
      const first = await this.ids.find(receipt.workspaceId, receipt.programInstanceId, adapterId, eventId);
      if (first === undefined) continue;
      if (!(await this.abandoned(first))) return { redelivery: first };
      await this.ids.release(first.workspaceId, first.programInstanceId, first.adapterId, first.eventId, first.receiptId);
    }
    const first = await this.ids.find(receipt.workspaceId, receipt.programInstanceId, adapterId, eventId);
    return { redelivery: first ?? receipt };
  }

  /** Forgets a receipt whose event was not applied, so that its redelivery is. */
  async forget(receipt: OperatorEventIdRecord): Promise<void> {
    await this.ids.release(receipt.workspaceId, receipt.programInstanceId, receipt.adapterId, receipt.eventId, receipt.receiptId);
  }

  /** A receipt past its lease whose event has no trace on its enrollment: its delivery died before it appended. */
  private async abandoned(receipt: OperatorEventIdRecord): Promise<boolean> {
    if (this.clock.now().getTime() - Date.parse(receipt.receivedAt) < RECEIPT_LEASE_MS) return false;
    const log = await this.events.listForEnrollment(receipt.workspaceId, receipt.enrollmentId, 0);
    // The event's own trace, whatever its outcome; a redelivery's `duplicate` trace does not say the event was applied.
    return !log.some((event) => event.type === 'participation.operator_event' && event.data.eventId === receipt.eventId && event.data.adapterId === receipt.adapterId &&
      event.data.via === 'webhook' && event.data.outcome !== 'duplicate');
  }
}
