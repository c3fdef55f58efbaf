import { Type, type OperatorEventOf } from '@flexroll/sdk';
import {
  DEVICE_STATUSES, DEVICE_TYPES, ELIGIBILITY, INELIGIBILITY_REASONS, PROVIDERS, SMART_CONTROL_ACTIONS, TEST_DISPATCH_FAILURE_REASONS, TEST_DISPATCH_STATUSES,
} from './krakenEnums.js';

/** One of a list of names, as `{ enum: [...] }` (the schema Kraken's enums have always had), typed as their union. */
const oneOf = <const Names extends readonly string[]>(names: Names) => Type.Unsafe<Names[number]>({ enum: [...names] });

/** Every event carries the Kraken device it is about (and the account, for polling), plus what changed. */
const device = { deviceId: Type.String({ minLength: 1, maxLength: 100 }), accountNumber: Type.Optional(Type.String({ pattern: '^A-[0-9A-F]{8}$' })) };
const closed = { additionalProperties: false };

/** Kraken's four events, by type, with the schema of each one's data; `mapOperatorEvent` receives them typed. */
export const operatorEvents = {
  'device.status': Type.Object({ ...device, status: oneOf(DEVICE_STATUSES), provider: Type.Optional(oneOf(PROVIDERS)), deviceType: Type.Optional(oneOf(DEVICE_TYPES)) }, closed),
  'test_dispatch.status': Type.Object({ ...device, status: oneOf(TEST_DISPATCH_STATUSES), assessmentFailureReason: Type.Optional(oneOf(TEST_DISPATCH_FAILURE_REASONS)) }, closed),
  'smart_control.changed': Type.Object({ ...device, action: oneOf(SMART_CONTROL_ACTIONS) }, closed),
  'eligibility.updated': Type.Object({ ...device, eligibility: oneOf(ELIGIBILITY), ineligibilityReasons: Type.Optional(Type.Array(oneOf(INELIGIBILITY_REASONS), { uniqueItems: true })) }, closed),
};

/** A Kraken event as `mapOperatorEvent` receives it: `switch (event.type)` narrows its payload. */
export type KrakenEvent = OperatorEventOf<typeof operatorEvents>;
