import { Types } from 'mongoose';

const LEGACY = 'legacy_';

/**
 * Claims and idempotency records written before they had ids of their own were stored under a server-generated
 * ObjectId. Read back, such an `_id` becomes `legacy_<hex>`, and {@link storedId} turns it into the ObjectId again,
 * so that an old record can still be taken over and removed by its id after an upgrade.
 */
export function readableId(document: { _id?: unknown }): string {
  const id = document._id;
  return id instanceof Types.ObjectId ? `${LEGACY}${id.toHexString()}` : String(id);
}

/** The `_id` to address a record by: the ObjectId of a legacy record, else the id itself. */
export function storedId(id: string): string | Types.ObjectId {
  return id.startsWith(LEGACY) ? new Types.ObjectId(id.slice(LEGACY.length)) : id;
}
