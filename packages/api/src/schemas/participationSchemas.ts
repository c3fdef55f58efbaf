import { Type } from '@sinclair/typebox';
import { PARTICIPATION_STATES, PARTICIPATION_TRIGGERS, SUSPENSION_REASONS, TIMELINE_STATUSES, V2_PARTICIPATION_STATES } from '@flexroll/sdk';
import { closed, DateTime, Nullable, PageOf, PageQuery, PrefixedId, StringEnum, Text } from './common.js';


/** Either vocabulary's state names: seed 000/001's, or seed 002's. The API-version header picks which is rendered. */
const AnyStateName = StringEnum([...new Set([...PARTICIPATION_STATES, ...V2_PARTICIPATION_STATES])]);
const Reason = StringEnum(SUSPENSION_REASONS);

const TimelineEntry = Type.Object(
  {
    state: AnyStateName,
    status: StringEnum(['COMPLETE', 'IN_PROGRESS', 'PENDING']),
    description: Type.String(),
    occurred_at: Nullable(DateTime),
    expected_at: Nullable(DateTime),
    suspension_reasons: Type.Array(Reason),
  },
  closed,
);

/** One of the operator's named statuses, kept beside Flexroll's state (an addition to seed 001's object). */
const NativeStatusEntry = Type.Object(
  {
    name: Type.String({ description: 'The name the adapter declares, e.g. `device`' }),
    value: Type.String({ description: 'The operator’s own value, e.g. KrakenFlex’s `LIVE`' }),
    since: DateTime,
    observed_at: DateTime,
  },
  closed,
);

/** Where the operator's statuses have disagreed with the state for longer than the adapter allows. */
export const DriftBody = Type.Object({ since: DateTime, statuses: Type.Array(Type.String()) }, closed);

/**
 * Seed 001's participation object, field for field, with seed 002's `reference_id`; when the instance's adapter
 * declares native statuses, also `native_statuses` and `drift` (null when there is none).
 */
export const ParticipationResponse = Type.Object(
  {
    object: Type.Literal('vpp-participation'),
    id: PrefixedId('vpo'),
    reference_id: Type.Optional(Type.String()),
    live_mode: Type.Boolean(),
    device_id: PrefixedId('dev'),
    location_id: PrefixedId('loc'),
    current_state: AnyStateName,
    control_active: Type.Boolean(),
    telemetry_active: Type.Boolean(),
    suspension_reasons: Type.Array(Reason),
    participation_state: Type.Array(TimelineEntry, { minItems: 1 }),
    time_updated: DateTime,
    time_created: DateTime,
    provider: Type.Object({ id: Type.String(), provider_display_name: Type.String(), logo_url: Nullable(Type.String()) }, closed),
    programme: Type.Object({ id: Type.String(), programme_display_name: Type.String(), learn_more_url: Nullable(Type.String()) }, closed),
    account_id: PrefixedId('acc'),
    native_statuses: Type.Optional(Type.Array(NativeStatusEntry)),
    drift: Type.Optional(Nullable(DriftBody)),
  },
  closed,
);

/** One state change of a participation's full history, as its event recorded it, in the caller's vocabulary. */
const HistoryEntry = Type.Object(
  {
    seq: Type.Integer({ minimum: 1, description: 'The enrollment event’s sequence number' }),
    state: AnyStateName,
    suspension_reasons: Type.Array(Reason),
    previous_state: AnyStateName,
    trigger: Type.String(),
    reason: Type.Optional(Type.String()),
    occurred_at: DateTime,
    actor: Type.Object({ type: Type.String(), id: Type.String() }, closed),
  },
  closed,
);
export const ParticipationHistoryPage = PageOf(HistoryEntry);
export const HistoryQuery = Type.Object(PageQuery, closed);

/**
 * One entry of seed 002's submission, in seed 001's timeline shape. `state`, `suspension_reasons` (the complete set,
 * in SUSPENDED) and `occurred_at` are the provider's; a PENDING `status` marks a state expected, not reached;
 * `description` and `expected_at` are the platform's to write, and are ignored (named in `Flexroll-Ignored-Fields`).
 */
const SubmittedEntry = Type.Object(
  {
    state: AnyStateName,
    status: Type.Optional(StringEnum(TIMELINE_STATUSES)),
    description: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    occurred_at: Type.Optional(Nullable(DateTime)),
    expected_at: Type.Optional(Nullable(DateTime)),
    suspension_reasons: Type.Optional(Type.Array(Reason, { maxItems: SUSPENSION_REASONS.length, uniqueItems: true })),
  },
  closed,
);

/** Seed 002's submission: the provider's reference and what it sees, as a timeline reconciled in order. */
export const SubmitParticipationStateBody = Type.Object(
  {
    reference_id: Type.Optional(Text(100)),
    participation_state: Type.Array(SubmittedEntry, { minItems: 1, maxItems: 20 }),
  },
  closed,
);

/** Whether the device can be controlled now: `false` when control is lost, `true` when it is restored. */
export const ControlBody = Type.Object({ available: Type.Boolean() }, closed);

/** A trigger by name; the two suspension triggers need the reason they raise or clear. */
export const TriggerBody = Type.Object(
  { trigger: StringEnum(PARTICIPATION_TRIGGERS), suspension_reason: Type.Optional(Reason), reason: Type.Optional(Text(500)) },
  {
    ...closed,
    if: { properties: { trigger: { enum: ['suspension_raised', 'suspension_cleared'] } }, required: ['trigger'] },
    then: { required: ['suspension_reason'] },
  },
);

export const TelemetryBody = Type.Object({ received_at: Type.Optional(DateTime) }, closed);
export const ConsentBody = Type.Object({ terms_version: Text(50), expires_at: Type.Optional(DateTime) }, closed);
export const SettlementBody = Type.Object({ settled_at: Type.Optional(DateTime) }, closed);
export const EmptyBody = Type.Object({}, closed);
