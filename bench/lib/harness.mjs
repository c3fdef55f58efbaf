// The core on a store, as the conformance suite builds it: CoreHarness with the reference adapter (plugins/manual).
import 'reflect-metadata';
import { STORE_TOKENS } from '@flexroll/core';
import { CoreHarness, suzieWithDevice } from '@flexroll/core/testing';
import manualAdapter from '@flexroll/plugin-manual';

/** A harness on a store module; several on one store stand for several processes on one database. */
export function newHarness(storeModule, options = {}) {
  return new CoreHarness(storeModule, { adapters: [manualAdapter], ...options });
}

/**
 * Wraps the harness's event repository to count inserts and the ones refused as duplicates of `(enrollmentId, seq)`:
 * each refused head is a writer that lost the race for the next sequence number and decides again. Call it before
 * the harness resolves any service (the services hold the port they were built with).
 */
export function countAppends(harness) {
  const real = harness.port(STORE_TOKENS.events);
  const counts = { inserts: 0, duplicates: 0 };
  const insert = async (event, ...rest) => {
    const outcome = await real.insert(event, ...rest);
    counts.inserts++;
    if (outcome === 'duplicate') counts.duplicates++;
    return outcome;
  };
  harness.replacePort(STORE_TOKENS.events, new Proxy(real, {
    get: (target, key) => (key === 'insert' ? insert : typeof target[key] === 'function' ? target[key].bind(target) : target[key]),
  }));
  return counts;
}

/** A new enrollment with a device (seed 004's Suzie, serial number made unique). */
export function createWithDevice(harness, context, instance, serial) {
  return harness.enrollments.create(context, instance.id, suzieWithDevice(`bench-${serial}`));
}

/** Seed 000's happy path to ACTIVE, the way each step arrives (as the conformance suite's driveToActive); the enrollment at the end. */
export async function driveToActive(harness, context, enrollment) {
  const pid = enrollment.participation.id;
  const { participations, enrollments, clock } = harness;
  await participations.trigger(context, pid, { trigger: 'consent_requested' });
  await participations.grantConsent(context, pid, { grantedAt: clock.now().toISOString(), termsVersion: '2025-01' });
  await participations.recordTelemetry(context, pid, clock.now().toISOString());
  await participations.trigger(context, pid, { trigger: 'control_confirmed' });
  await enrollments.update(context, enrollment.id, { status: 'eligible', reason: 'In service territory' });
  await enrollments.update(context, enrollment.id, { status: 'approved' });
  return (await participations.trigger(context, pid, { trigger: 'device_live' })).enrollment;
}
