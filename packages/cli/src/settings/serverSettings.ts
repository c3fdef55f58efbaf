import { readSettings, type Environment } from './readSettings.js';
import { SETTINGS_SCHEMA, type Settings } from './settingsSchema.js';

const SERVER_SETTINGS = [
  'port', 'host', 'rateLimitPerMinute', 'bodyLimit', 'adapterTimeoutMs', 'logLevel', 'failedAuthPerMinute',
  'headersTimeoutMs', 'requestTimeoutMs', 'keepAliveTimeoutMs', 'idempotencyLeaseMs', 'deviceClaimLeaseMs',
  'workspaceConcurrentRequests', 'workspaceConcurrentListReads', 'workspaceQueueWaitMs', 'failedSignInsPerEmailPerMinute', 'trustProxy',
] as const satisfies ReadonlyArray<keyof Settings>;

/** How `flexroll serve` is tuned: the HTTP server's part of {@link Settings} (flags override port and host). */
export type ServerSettings = Pick<Settings, (typeof SERVER_SETTINGS)[number]>;

/** The server's settings when the environment sets none: the defaults {@link SETTINGS_SCHEMA} declares. */
export const DEFAULT_SERVER_SETTINGS: ServerSettings = Object.fromEntries(
  SERVER_SETTINGS.map((name) => [name, SETTINGS_SCHEMA.properties[name].default as unknown]),
) as ServerSettings;

/**
 * The server's settings from the environment (README, "Settings"), read by {@link readSettings}: an unset or empty
 * variable takes its default; a malformed one stops the start-up with a message naming it and what it must be.
 * @example readServerSettings({ PORT: '8080' }).port // 8080
 */
export function readServerSettings(env?: Environment): ServerSettings {
  const settings = readSettings(env);
  return Object.fromEntries(SERVER_SETTINGS.map((name) => [name, settings[name]])) as ServerSettings;
}
