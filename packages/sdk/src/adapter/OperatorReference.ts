/**
 * An operator's own id for something a participation stands for: KrakenFlex's device id, a Kraken account number,
 * a remote participation id. `kind` says which of the operator's ids it is; `value` is the id itself. The platform
 * keeps, per program instance, a unique map from each reference to one participation, so an operator's event that
 * names only its own id reaches the right participation.
 *
 * @example
 * const device: OperatorReference = { kind: 'device', value: 'krakenflex-device-7f3a' };
 */
export interface OperatorReference {
  /** Lower-case letters, digits, `_` and `-`, starting with a letter (`^[a-z][a-z0-9_-]{0,31}$`). */
  readonly kind: string;
  /** The operator's id, 1–200 characters. */
  readonly value: string;
}

/** The rule a reference's `kind` follows. @example OPERATOR_REFERENCE_KIND_PATTERN.test('device') // true */
export const OPERATOR_REFERENCE_KIND_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/**
 * Whether a value is a well-formed {@link OperatorReference}.
 * @example isOperatorReference({ kind: 'device', value: 'dev-1' }) // true
 */
export function isOperatorReference(value: unknown): value is OperatorReference {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, value: id } = value as Record<string, unknown>;
  return typeof kind === 'string' && OPERATOR_REFERENCE_KIND_PATTERN.test(kind) && typeof id === 'string' && id.length >= 1 && id.length <= 200;
}

/**
 * The platform's map of operator references for one program instance, as an adapter reaches it through
 * `context.references`. A reference belongs to at most one participation of the instance at a time; linking one that
 * a participation still in progress holds is a conflict, while one held by a finished participation (INELIGIBLE,
 * OFFBOARDED, FAILED, or deleted) passes to the new one — a device re-enrolled keeps its operator id.
 *
 * @example
 * // in onParticipationChanged, after the operator answered with its own id for the new participation:
 * await context.references.link({ kind: 'participation', value: remote.id }, participation.id);
 * const participationId = await context.references.find({ kind: 'device', value: 'krakenflex-device-7f3a' });
 */
export interface OperatorReferenceBook {
  /** The participation (Flexroll's `vpo_…` id) the reference belongs to in this instance, if any. */
  find(reference: OperatorReference): Promise<string | undefined>;
  /** Links the reference to the participation; linking it again to the same one does nothing. */
  link(reference: OperatorReference, participationId: string): Promise<void>;
}
