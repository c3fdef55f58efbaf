import type { Enrollment, EnrollmentEvent, Participation } from '../../index.js';
import { SUZIE_CUSTOMER_INFO } from '../../seeds/seedExamples.js';

/** Builders for the store's specs, on seed 004's Suzie Homeowner; every field that a store could mangle is set. */
export const T0 = '2025-03-01T09:00:00.000Z';

/** An ISO time `minutes` after {@link T0}. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * 60_000).toISOString();
}

/** Metadata whose names MongoDB-compatible servers are picky about: dots, a leading `$`, a `%`, and an empty object. */
export const AWKWARD_METADATA = { 'utility.account': 'UA-1', $source: 'import', '50%': true, nested: { 'a.b': [1, { 'c.d': null }] }, empty: {} };

export function participation(overrides: Partial<Participation> = {}): Participation {
  return {
    id: 'vpp_part_2a3b4c',
    liveMode: true,
    deviceId: 'dev_tesla_1234567890',
    locationId: 'loc_123_main_st',
    accountId: 'acc_suzie',
    state: 'ENROLMENT_REQUESTED',
    suspensionReasons: [],
    history: [{ state: 'ENROLMENT_REQUESTED', occurredAt: T0, suspensionReasons: [] }],
    meterAccessAvailable: false,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function enrollment(workspaceId: string, id: string, overrides: Partial<Enrollment> = {}): Enrollment {
  return {
    id,
    workspaceId,
    ...SUZIE_CUSTOMER_INFO,
    programInstanceId: 'cllgn0u4r000008l7eazybfbo',
    metadata: AWKWARD_METADATA,
    eligibility: { status: 'candidate' },
    seq: 1,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

/** An `enrollment.updated` event alone in its batch, with nulls and awkward field names in its payload. */
export function updatedEvent(workspaceId: string, enrollmentId: string, seq: number, occurredAt = at(seq)): EnrollmentEvent {
  return {
    id: `evt_${enrollmentId}_${seq}`,
    workspaceId,
    enrollmentId,
    seq,
    type: 'enrollment.updated' as const,
    occurredAt,
    actor: { type: 'api_key' as const, id: 'key_leap' },
    source: 'api',
    data: { changes: { phone: '+1999', metadata: AWKWARD_METADATA, referenceDescription: null }, previous: { phone: '+1234567890', metadata: null, referenceDescription: 'Tesla Grid Services id.' } },
    batch: { id: `bat_${enrollmentId}_${seq}`, index: 0, size: 1 },
  };
}

/** A batch head carrying its follower, as the log writes the first event of a multi-event change. */
export function batchHead(workspaceId: string, enrollmentId: string): EnrollmentEvent {
  const batch = { id: `bat_${enrollmentId}`, size: 2 };
  const follower = {
    ...updatedEvent(workspaceId, enrollmentId, 2),
    type: 'participation.state_changed',
    data: { participationId: 'vpp_part_2a3b4c', trigger: 'consent_granted', from: { state: 'AWAITING_CONSENT', suspensionReasons: [] }, to: { state: 'AWAITING_TELEMETRY', suspensionReasons: [] } },
    batch: { ...batch, index: 1 },
  } as unknown as EnrollmentEvent;
  return { ...updatedEvent(workspaceId, enrollmentId, 1), batch: { ...batch, index: 0 }, followers: [follower] };
}

/** A copy without some fields. */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: readonly K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
