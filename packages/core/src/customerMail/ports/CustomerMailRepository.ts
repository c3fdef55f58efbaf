import type { InsertResult, Page, PageRequest } from '../../platform/index.js';

/** Where a customer mail stands: waiting (first try or a retry), sent, or given up (a dead letter). */
export type CustomerMailStatus = 'pending' | 'sent' | 'dead';

/**
 * One e-mail owed to a self-enrolled customer: their status link after submission, or word of a participation
 * state the status page shows. It holds no personal data and no link: the address is read from the enrollment and
 * the link minted when the mail is sent, so the outbox can be listed and logged freely.
 */
export interface CustomerMailItem {
  /** `mail_link_<enrollmentId>` (one link mail per enrollment), or `mail_` + the id of the state change it reports. */
  readonly id: string;
  readonly workspaceId: string;
  readonly programInstanceId: string;
  readonly enrollmentId: string;
  readonly kind: 'status_link' | 'state_changed';
  /** The participation state reported (kind `state_changed`). */
  readonly state?: string;
  /** The customer's locale, as the enrollment page negotiated it. */
  readonly locale: string;
  /** The reported event's `seq` (0 for the link mail): one enrollment's mails are sent in this order. */
  readonly seq: number;
  readonly status: CustomerMailStatus;
  readonly attempts: number;
  readonly attemptLimit: number;
  readonly nextAttemptAt: string;
  /** The last failure, as the mail server answered it (no address, no link). */
  readonly lastError?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sentAt?: string;
}

/**
 * The customer mail outbox's items, unique by id; their attempts are claimed in the attempts port
 * (`DeliveryAttemptRepository`, subject = the item's id), as the adapter outbox's are.
 */
export interface CustomerMailRepository {
  enqueue(item: CustomerMailItem): Promise<InsertResult>;
  get(workspaceId: string, id: string): Promise<CustomerMailItem | undefined>;
  /** Pending items of every workspace (an equality on `status`), oldest first, at most `limit`. */
  listPending(limit: number): Promise<readonly CustomerMailItem[]>;
  /** One instance's items with a status (`dead`: the dead letters), oldest first, page by page (equalities only). */
  listByInstance(workspaceId: string, programInstanceId: string, status: CustomerMailStatus, page: PageRequest): Promise<Page<CustomerMailItem>>;
  replace(item: CustomerMailItem): Promise<void>;
}
