import { findNativeStatusDrift, type AdapterManifest, type NativeStatusDrift } from '@flexroll/sdk';
import type { Participation } from '../enrollments/index.js';

/**
 * Where the operator's named statuses and the participation's state have disagreed for longer than the adapter's
 * declarations allow, at `now` (the clock starts at the later of the state's entry and the status's last change).
 */
export function driftOf(participation: Participation, manifest: AdapterManifest, now: Date): NativeStatusDrift | undefined {
  const stateSince = participation.history.at(-1)?.occurredAt ?? participation.createdAt;
  return findNativeStatusDrift(participation.nativeStatuses ?? {}, manifest.nativeStatuses ?? {}, participation.state, stateSince, now);
}
