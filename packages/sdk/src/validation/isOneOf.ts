/**
 * Whether `value` is one of `allowed`, narrowing it to their union: a name read from an operator's answer or a
 * webhook body checked against a list the SDK or the adapter declares, without a cast.
 * @example if (isOneOf(answer.status, DEVICE_STATUSES)) return answer.status; // DeviceStatus
 */
export function isOneOf<const Name extends string>(value: unknown, allowed: readonly Name[]): value is Name {
  return typeof value === 'string' && allowed.some((name) => name === value);
}
