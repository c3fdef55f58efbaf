import { compileSchema, type CoreSettings } from '@flexroll/core';
import { SETTINGS, SETTINGS_SCHEMA, type SettingName, type Settings, type SettingSchema } from './settingsSchema.js';

/** Environment variables by name, as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

const check = compileSchema(SETTINGS_SCHEMA);

/**
 * Flexroll's settings from the environment — the one place that reads `process.env` (ESLint refuses it elsewhere in
 * product code). Each setting is taken from the first of its variables that is set ({@link SETTINGS_SCHEMA}); an
 * unset or empty variable takes the default; a malformed one stops the start-up with a message naming it and what it
 * must be, rather than running with a setting nobody chose.
 * @example readSettings({ FLEXROLL_PORT: '8080' }).port // 8080
 */
export function readSettings(env: Environment = process.env): Settings {
  const settings: Partial<Record<SettingName, unknown>> = {};
  const given = new Map<SettingName, readonly [variable: string, raw: string]>();
  for (const [name, schema] of SETTINGS) {
    const found = firstSet(env, schema.env);
    const value = found === undefined ? undefined : fromText(schema, found[1]);
    if (found === undefined || value === undefined) continue;
    settings[name] = value;
    given.set(name, found);
  }
  // The one Ajv fills in the defaults as it checks.
  const issues = check(settings);
  const malformed = SETTINGS.find(([name]) => issues.some((issue) => issue.field === `/${name}`));
  if (malformed !== undefined) {
    const [name, schema] = malformed;
    const [variable, raw] = given.get(name) ?? [schema.env[0], ''];
    throw new Error(`${variable} must be ${mustBe(schema)} (it is '${raw}').`);
  }
  return settings as Settings; // checked against SETTINGS_SCHEMA just above
}

/** The settings the core takes from the environment; the rest of {@link CoreSettings} keeps the core's defaults. */
export function coreSettingsOf(settings: Settings): Partial<CoreSettings> {
  const { adapterTimeoutMs, idempotencyLeaseMs, deviceClaimLeaseMs, webhookAllowPrivateNetworks, adapterAllowPrivateNetworks, webhookPollIntervalMs, webhookTimeoutMs, webhookLeaseMs, feedSettleMs, operatorEventRetryAfterMs } = settings;
  const { sessionIdleMs, sessionAbsoluteMs, invitationTtlMs } = settings;
  return {
    adapterTimeoutMs, idempotencyLeaseMs, deviceClaimLeaseMs, webhookAllowPrivateNetworks, adapterAllowPrivateNetworks, webhookPollIntervalMs, webhookTimeoutMs, webhookLeaseMs, feedSettleMs, operatorEventRetryAfterMs,
    sessionIdleMs, sessionAbsoluteMs, invitationTtlMs,
  };
}

function firstSet(env: Environment, names: readonly string[]): readonly [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return [name, value];
  }
  return undefined;
}

/**
 * The text of a variable as the value its schema checks: digits as a number, `true`/`false` as a boolean, a list
 * split on commas (none at all counts as unset). Anything else stays text, so that the schema refuses it.
 */
function fromText(schema: SettingSchema, raw: string): unknown {
  switch (schema.type) {
    case 'integer':
      return /^\d+$/.test(raw) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'array': {
      const items = raw.split(',').map((item) => item.trim()).filter(Boolean);
      return items.length === 0 ? undefined : items;
    }
    default:
      return raw;
  }
}

/** What a setting must be, said from its schema: the second half of the start-up message. */
function mustBe(schema: SettingSchema): string {
  const { minimum = 0, maximum = Number.MAX_SAFE_INTEGER } = schema;
  if (schema.type === 'integer') return `a whole number from ${minimum} to ${maximum}`;
  if (schema.type === 'boolean') return 'true or false';
  if (schema.enum !== undefined) return `one of ${schema.enum.join(', ')}`;
  return schema.must ?? `a valid ${schema.env[0]}`;
}
