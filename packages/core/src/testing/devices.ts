import { FlexrollError } from '@flexroll/sdk';
import type { ManualClock } from '../platform/Clock.js';
import type { CoreSettings } from '../platform/CoreSettings.js';
import type { CallContext } from '../platform/CallContext.js';
import type { Enrollment } from '../enrollments/Enrollment.js';
import { DeviceClaims } from '../enrollments/DeviceClaims.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** Refusals a racing writer of a device may get: the device is taken, or another request of it was too slow. */
export const DEVICE_REFUSALS = ['device_already_enrolled', 'device_claim_contended', 'enrollment_contended'];

/** True for a refusal a device race may end in (anything else is a bug). */
export function isDeviceRefusal(reason: unknown): boolean {
  return FlexrollError.is(reason) && DEVICE_REFUSALS.includes(reason.code);
}

/** A soak (`npm run soak`) sets how many times the races repeat; its specs then run without a time limit. */
export const SOAKING = Number(process.env.FLEXROLL_SOAK_TRIALS ?? '') > 0;

/** How many times the race specs repeat on this store: more on the embedded one, and as many as asked for a soak. */
export function raceTrials(storeName: string, inSuite: { memory: number; mongo: number }): number {
  const soak = Number(process.env.FLEXROLL_SOAK_TRIALS ?? '');
  if (Number.isInteger(soak) && soak > 0) return soak;
  return storeName.includes('mongo') ? inSuite.mongo : inSuite.memory;
}

/** Harnesses on one store with one clock: several processes of one platform. */
export function peersOn(store: StoreUnderTest, count: number, settings: Partial<CoreSettings> = {}, clock?: ManualClock): CoreHarness[] {
  const first = new CoreHarness(store.module(), { adapters: store.adapters, settings, ...(clock === undefined ? {} : { clock }) });
  return [first, ...Array.from({ length: count - 1 }, () => new CoreHarness(store.module(), { adapters: store.adapters, settings, clock: first.clock }))];
}

/**
 * The enrollments of an instance, each read up to date from its log, that hold their device (not finished), by
 * serial number: the invariant is that no list has two.
 */
export async function activeBySerial(h: CoreHarness, context: CallContext, instanceId: string, alsoIds: readonly string[] = []): Promise<Map<string, string[]>> {
  const ids = new Set(alsoIds);
  for (let page = 1; ; page++) {
    const listed = await h.enrollments.list(context, instanceId, {}, { page, perPage: 100 });
    listed.data.forEach((enrollment) => ids.add(enrollment.id));
    if (page >= listed.totalPages) break;
  }
  const active = new Map<string, string[]>();
  for (const id of ids) {
    const enrollment = await h.enrollments.get(context, id).catch(() => undefined);
    if (enrollment?.serialNumber === undefined || DeviceClaims.isFinished(enrollment)) continue;
    active.set(enrollment.serialNumber, [...(active.get(enrollment.serialNumber) ?? []), enrollment.id]);
  }
  return active;
}

/** Serial numbers with more than one active enrollment (the invariant's violations). */
export function doubled(active: Map<string, string[]>): Array<[string, string[]]> {
  return [...active].filter(([, ids]) => ids.length > 1);
}

/**
 * A device enrollment taken to `ineligible` at the eligibility check (participation INELIGIBLE), the one finished
 * state that new site properties re-open (seed 004: terminal "unless enrollment criteria change").
 */
export async function ineligibleWithDevice(h: CoreHarness, context: CallContext, instanceId: string, serialNumber: string): Promise<Enrollment> {
  const created = await h.enrollments.create(context, instanceId, suzieWithDevice(serialNumber));
  const participationId = created.participation!.id;
  await h.participations.trigger(context, participationId, { trigger: 'consent_requested' });
  await h.participations.grantConsent(context, participationId, { grantedAt: h.clock.now().toISOString(), termsVersion: '2025-01' });
  await h.participations.recordTelemetry(context, participationId, h.clock.now().toISOString());
  await h.participations.trigger(context, participationId, { trigger: 'control_confirmed' });
  return h.enrollments.update(context, created.id, { status: 'ineligible', reason: 'Outside service area' });
}
