import { Type } from '@sinclair/typebox';
import { ELIGIBILITY_RULES_SCHEMA, EXPECTABLE_STATES, ISO_DURATION_PATTERN } from '@flexroll/core';
import { CUSTOMER_DATA_FIELDS } from '@flexroll/sdk';
import { closed, Cuid, StringEnum, DateTime, PageOf, PrefixedId, Text } from './common.js';

const Url = Type.String({ format: 'uri', maxLength: 2000 });

export const CreateProgramBody = Type.Object(
  {
    name: Text(),
    description: Type.Optional(Text(2000)),
    learnMoreUrl: Type.Optional(Url),
    provider: Type.Object({ id: Type.Optional(PrefixedId('prv')), providerDisplayName: Text(), logoUrl: Type.Optional(Url) }, closed),
  },
  closed,
);

export const ProgramResponse = Type.Object(
  {
    id: PrefixedId('vpr'),
    name: Type.String(),
    description: Type.Optional(Type.String()),
    learnMoreUrl: Type.Optional(Type.String()),
    provider: Type.Object({ id: Type.String(), providerDisplayName: Type.String(), logoUrl: Type.Optional(Type.String()) }, closed),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  closed,
);
export const ProgramPage = PageOf(ProgramResponse);

const Adapter = Type.Object({ adapterId: Type.String({ pattern: '^[a-z][a-z0-9-]{1,62}$' }), config: Type.Record(Type.String(), Type.Unknown()) }, closed);
/** How long each state is expected to take (seed 001's `expected_at`), by state, as an ISO-8601 duration. */
const ExpectedDurations = Type.Object(
  Object.fromEntries(EXPECTABLE_STATES.map((state) => [state, Type.Optional(Type.String({ pattern: ISO_DURATION_PATTERN, description: 'e.g. P3D, PT15M, P1DT12H' }))])),
  { ...closed, description: 'Overrides of the default expected durations (docs/api.md), replaced as a whole by PATCH' },
);
/** The deadlines' settings (issue 20, docs/deadlines.md): read when a step begins, so a change applies from the next one. */
const DeadlineSettings = Type.Object(
  {
    leadTime: Type.Optional(Type.String({ pattern: ISO_DURATION_PATTERN, description: 'How long before expectedAt participation.deadline_due_soon fires, e.g. PT24H (the default); PT0S for none; at most P365D' })),
    alertStates: Type.Optional(Type.Array(StringEnum(EXPECTABLE_STATES), { maxItems: EXPECTABLE_STATES.length, description: 'The states whose deadlines raise alerts, each once; default every state with an expected duration' })),
  },
  { ...closed, description: 'Deadline settings, replaced as a whole by PATCH' },
);
const settings = {
  adapter: Type.Optional(Adapter),
  meterAccessRequired: Type.Optional(Type.Boolean()),
  noticePeriodDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  telemetryStalenessHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 30 })),
  /** Saving rules makes a new version of them; screen existing enrollments again with a bulk `evaluate` action. */
  eligibilityRules: Type.Optional(ELIGIBILITY_RULES_SCHEMA),
  expectedDurations: Type.Optional(ExpectedDurations),
  deadlines: Type.Optional(DeadlineSettings),
};

const CustomerDataFields = Type.Array(Type.String({ description: `One of ${CUSTOMER_DATA_FIELDS.join(', ')}, declared by the adapter's manifest` }), { maxItems: CUSTOMER_DATA_FIELDS.length * 2 });
/** The customer's data the instance grants its adapter: given only at creation, from what the adapter's manifest declares (`customerData`). */
const CustomerDataGrantBody = Type.Object({ fields: CustomerDataFields }, { ...closed, description: 'Fields the adapter declares it needs; given only when the instance is created' });
const CustomerDataGrantResponse = Type.Object(
  { fields: Type.Array(Type.String()), purpose: Type.String({ description: 'Why the adapter needs them, as its manifest says' }), grantedAt: DateTime },
  { ...closed, description: 'The customer data granted to the adapter (absent: none; the adapter sees no personal data)' },
);

export const CreateProgramInstanceBody = Type.Object({ programId: PrefixedId('vpr'), name: Text(), ...settings, customerDataGrant: Type.Optional(CustomerDataGrantBody) }, closed);
export const UpdateProgramInstanceBody = Type.Object({ name: Type.Optional(Text()), ...settings }, { ...closed, minProperties: 1 });

export const ProgramInstanceResponse = Type.Object(
  {
    id: Cuid,
    programId: Type.String(),
    name: Type.String(),
    adapter: Adapter,
    meterAccessRequired: Type.Boolean(),
    noticePeriodDays: Type.Integer(),
    telemetryStalenessHours: Type.Integer(),
    eligibilityRules: Type.Optional(ELIGIBILITY_RULES_SCHEMA),
    eligibilityRulesVersion: Type.Optional(Type.Integer({ minimum: 1, description: 'The version of the rules in force; every change is a new one' })),
    eligibilityRulesSavedAt: Type.Optional(DateTime),
    expectedDurations: Type.Optional(ExpectedDurations),
    deadlines: Type.Optional(DeadlineSettings),
    customerDataGrant: Type.Optional(CustomerDataGrantResponse),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  closed,
);
export const ProgramInstancePage = PageOf(ProgramInstanceResponse);

/** One saved version of an instance's eligibility rules. */
export const EligibilityRulesVersionResponse = Type.Object(
  { programInstanceId: Cuid, version: Type.Integer({ minimum: 1 }), rules: ELIGIBILITY_RULES_SCHEMA, savedAt: DateTime },
  closed,
);
