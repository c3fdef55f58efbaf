import type { ParticipationState } from '../participation/states.js';

/** How long a disagreement may last before it is drift, unless a declaration says otherwise. @example DEFAULT_DRIFT_AFTER_MINUTES // 60 */
export const DEFAULT_DRIFT_AFTER_MINUTES = 60;

/**
 * One of the operator's named statuses, as its manifest declares it: the values it takes, which participation
 * states each value agrees with (a value without an entry has no opinion), and how long a disagreement may last
 * before the platform flags it as drift.
 *
 * @example
 * const device: NativeStatusDeclaration = {
 *   description: 'KrakenFlexDeviceStatusChoices: the device lifecycle',
 *   values: ['ONBOARDING', 'LIVE', 'RETIRED'],
 *   agreesWith: { LIVE: ['ACTIVE', 'SUSPENDED'], RETIRED: ['UNENROLLED', 'OFFBOARDED', 'FAILED'] },
 *   driftAfterMinutes: 30,
 * };
 */
export interface NativeStatusDeclaration {
  readonly description: string;
  readonly values: readonly string[];
  readonly agreesWith?: Readonly<Record<string, readonly ParticipationState[]>>;
  readonly driftAfterMinutes?: number;
}

/**
 * One named status as the platform keeps it: its value, since when it has had that value (the platform's time of
 * the change), and the operator's time of the latest report of it.
 * @example const kept: NativeStatus = { value: 'LIVE', since: '2025-01-01T09:00:00Z', observedAt: '2025-01-01T08:59:58Z' };
 */
export interface NativeStatus {
  readonly value: string;
  readonly since: string;
  readonly observedAt: string;
}

/**
 * Where the operator's statuses and Flexroll's state have disagreed for longer than allowed: since when (the later
 * of the state's entry and the status's last change), and which statuses.
 * @example const drift: NativeStatusDrift = { since: '2025-01-01T09:00:00Z', statuses: ['device'] };
 */
export interface NativeStatusDrift {
  readonly since: string;
  readonly statuses: readonly string[];
}

/**
 * Whether a status value agrees with a participation state under its declaration (no opinion counts as agreeing).
 * @example nativeStatusAgrees(device, 'LIVE', 'AWAITING_REGISTRATION') // false
 */
export function nativeStatusAgrees(declaration: NativeStatusDeclaration | undefined, value: string, state: ParticipationState): boolean {
  const agreeing = declaration?.agreesWith?.[value];
  return agreeing === undefined || agreeing.includes(state);
}

/**
 * The drift between kept statuses and the participation's state at `now`: every status that disagrees and has
 * disagreed for longer than its declaration allows, measured from the later of `stateSince` (when the participation
 * entered its state) and the status's `since`. Undefined when there is none.
 *
 * @example
 * findNativeStatusDrift({ device: { value: 'LIVE', since: '2025-01-01T08:00:00Z', observedAt: '2025-01-01T08:00:00Z' } },
 *   { device }, 'AWAITING_REGISTRATION', '2025-01-01T07:00:00Z', new Date('2025-01-01T10:00:00Z'))
 * // { since: '2025-01-01T08:00:00Z', statuses: ['device'] }
 */
export function findNativeStatusDrift(
  statuses: Readonly<Record<string, NativeStatus>>,
  declarations: Readonly<Record<string, NativeStatusDeclaration>>,
  state: ParticipationState,
  stateSince: string,
  now: Date,
): NativeStatusDrift | undefined {
  const drifting: { name: string; since: string }[] = [];
  for (const [name, status] of Object.entries(statuses)) {
    const declaration = declarations[name];
    if (nativeStatusAgrees(declaration, status.value, state)) continue;
    const since = status.since > stateSince ? status.since : stateSince;
    const allowedMs = (declaration?.driftAfterMinutes ?? DEFAULT_DRIFT_AFTER_MINUTES) * 60_000;
    if (now.getTime() - Date.parse(since) > allowedMs) drifting.push({ name, since });
  }
  if (drifting.length === 0) return undefined;
  const since = drifting.map((entry) => entry.since).sort()[0]!;
  return { since, statuses: drifting.map((entry) => entry.name).sort() };
}
