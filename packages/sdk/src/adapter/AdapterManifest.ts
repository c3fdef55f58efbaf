import { PARTICIPATION_STATES } from '../participation/states.js';
import type { ParticipationTrigger } from '../participation/triggers.js';
import type { NativeStatusDeclaration } from './nativeStatuses.js';
import type { PollingSettings } from './polling.js';
import { CUSTOMER_DATA_FIELDS, type CustomerDataDeclaration } from './customerData.js';

/** A JSON Schema (draft 2020-12) as plain data. @example const payload: JsonSchema = { type: 'object', required: ['status'] }; */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * What an adapter declares about itself. The platform checks it against {@link ADAPTER_MANIFEST_SCHEMA} and the
 * SDK version range before binding the adapter.
 *
 * @example
 * const manifest: AdapterManifest = {
 *   id: 'acme-vpp', name: 'Acme VPP', version: '1.0.0', sdkVersion: '^0.1.0',
 *   configSchema: { type: 'object', properties: { apiToken: { type: 'string', 'x-secret': true } }, required: ['apiToken'], additionalProperties: false },
 *   capabilities: { meterAccess: 'optional', drivenTriggers: ['consent_requested', 'control_confirmed', 'device_live'] },
 *   operatorEvents: { 'device.live': { type: 'object', properties: { deviceRef: { type: 'string' } }, required: ['deviceRef'] } },
 * }
 */
export interface AdapterManifest<Schema extends JsonSchema = JsonSchema, Events extends Readonly<Record<string, JsonSchema>> = Readonly<Record<string, JsonSchema>>> {
  /** Lower-case letters, digits and dashes, starting with a letter (`^[a-z][a-z0-9-]{1,62}$`); unique per platform. */
  readonly id: string;
  readonly name: string;
  /** The adapter's own semantic version. */
  readonly version: string;
  /** The semver range of {@link SDK_VERSION} the adapter was written for. */
  readonly sdkVersion: string;
  /**
   * The JSON Schema of a program instance's config for this adapter. Mark secret properties with
   * `"x-secret": true`: the platform never returns or logs their values. Build it with `Type` (and declare the
   * manifest as `AdapterManifest<typeof configSchema>`) to have `context.config` typed from it.
   */
  readonly configSchema: Schema;
  readonly capabilities: AdapterCapabilities;
  /**
   * The operator events the adapter accepts, by type, each with the JSON Schema of its payload. Built with `Type`
   * (and the manifest declared `AdapterManifest<typeof configSchema, typeof operatorEvents>`), they type the event
   * `mapOperatorEvent` receives.
   */
  readonly operatorEvents: Events;
  /**
   * The operator's named statuses its effects may report (`nativeStatuses`), by name: their values, which states
   * each agrees with, and how long a disagreement may last before it is flagged as drift.
   */
  readonly nativeStatuses?: Readonly<Record<string, NativeStatusDeclaration>>;
  /** How often and in what batches `sync`/`syncMany` are polled. */
  readonly polling?: PollingSettings;
  /**
   * The customer's personal fields the adapter needs, and why. A program instance grants them (some or all) only
   * explicitly, when it is created (`customerDataGrant`); then the views of the outbox's calls carry them as
   * `customer`, and each hand-over is recorded on the enrollment (`adapter.customer_data_shared`). Undeclared:
   * the adapter never sees personal data.
   * @example customerData: { fields: ['email', 'firstName', 'lastName'], purpose: 'The operator creates the customer’s account and e-mails them an invitation.' }
   */
  readonly customerData?: CustomerDataDeclaration;
}

/** What the operator's side does and needs. @example const capabilities: AdapterCapabilities = { meterAccess: 'optional', drivenTriggers: ['device_live'] }; */
export interface AdapterCapabilities {
  /** Whether the operator needs boundary-meter access: always, where the instance says so, or never. */
  readonly meterAccess: 'required' | 'optional' | 'none';
  /** The participation triggers the operator fires itself (through its events or the API). */
  readonly drivenTriggers: readonly ParticipationTrigger[];
}

/** The schema every manifest must satisfy (the loader and the kit check it). @example compileSchema(ADAPTER_MANIFEST_SCHEMA)(manifest) */
export const ADAPTER_MANIFEST_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'name', 'version', 'sdkVersion', 'configSchema', 'capabilities', 'operatorEvents'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$' },
    sdkVersion: { type: 'string', minLength: 1 },
    configSchema: { type: 'object', required: ['type'], properties: { type: { const: 'object' } } },
    capabilities: {
      type: 'object',
      required: ['meterAccess', 'drivenTriggers'],
      additionalProperties: false,
      properties: {
        meterAccess: { enum: ['required', 'optional', 'none'] },
        drivenTriggers: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      },
    },
    operatorEvents: { type: 'object', additionalProperties: { type: 'object' } },
    nativeStatuses: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_]{0,39}$' },
      additionalProperties: {
        type: 'object',
        required: ['description', 'values'],
        additionalProperties: false,
        properties: {
          description: { type: 'string', minLength: 1, maxLength: 300 },
          values: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 100 } },
          agreesWith: { type: 'object', additionalProperties: { type: 'array', uniqueItems: true, items: { enum: [...PARTICIPATION_STATES] } } },
          driftAfterMinutes: { type: 'number', exclusiveMinimum: 0, maximum: 525600 },
        },
      },
    },
    customerData: {
      type: 'object',
      required: ['fields', 'purpose'],
      additionalProperties: false,
      properties: {
        fields: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...CUSTOMER_DATA_FIELDS] } },
        purpose: { type: 'string', minLength: 1, maxLength: 500 },
      },
    },
    polling: {
      type: 'object',
      additionalProperties: false,
      properties: {
        batchSize: { type: 'integer', minimum: 1, maximum: 500 },
        intervalSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
        maxIntervalSeconds: { type: 'integer', minimum: 10, maximum: 86400 },
      },
    },
  },
};
