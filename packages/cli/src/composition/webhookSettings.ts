import { DEFAULT_CORE_SETTINGS, type CoreSettings } from '@flexroll/core';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The webhook dispatcher's settings from the environment (README, "Settings"):
 * - `FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS` — `true` lets endpoints point at loopback, private, link-local,
 *   unique-local and metadata addresses. For development only; `false` (the default) refuses them.
 * - `FLEXROLL_WEBHOOK_POLL_MS` — how often a worker looks for new events and due retries (250 by default).
 * - `FLEXROLL_WEBHOOK_TIMEOUT_MS` (15000) and `FLEXROLL_WEBHOOK_LEASE_MS` (60000) — how long one delivery may take,
 *   and how long a worker's claim on an attempt lasts; the lease must be the longer.
 * A malformed value stops the start-up with a message naming the variable.
 */
export function readWebhookSettings(env: Environment = process.env): Partial<CoreSettings> {
  const settings: { -readonly [K in keyof CoreSettings]?: CoreSettings[K] } = {};
  const allow = env.FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS?.trim();
  if (allow !== undefined && allow !== '') {
    if (allow !== 'true' && allow !== 'false') throw new Error(`FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS must be true or false (it is '${allow}').`);
    settings.webhookAllowPrivateNetworks = allow === 'true';
  }
  const poll = env.FLEXROLL_WEBHOOK_POLL_MS?.trim();
  if (poll !== undefined && poll !== '') {
    if (!/^\d+$/.test(poll) || Number(poll) < 10 || Number(poll) > 60_000) throw new Error(`FLEXROLL_WEBHOOK_POLL_MS must be a whole number from 10 to 60000 (it is '${poll}').`);
    settings.webhookPollIntervalMs = Number(poll);
  }
  for (const [name, key, min] of [['FLEXROLL_WEBHOOK_TIMEOUT_MS', 'webhookTimeoutMs', 100], ['FLEXROLL_WEBHOOK_LEASE_MS', 'webhookLeaseMs', 200]] as const) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > 3_600_000) throw new Error(`${name} must be a whole number from ${min} to 3600000 (it is '${raw}').`);
    settings[key] = Number(raw);
  }
  const timeout = settings.webhookTimeoutMs ?? DEFAULT_CORE_SETTINGS.webhookTimeoutMs;
  const lease = settings.webhookLeaseMs ?? DEFAULT_CORE_SETTINGS.webhookLeaseMs;
  if (lease <= timeout) throw new Error(`FLEXROLL_WEBHOOK_LEASE_MS (${lease}) must be longer than FLEXROLL_WEBHOOK_TIMEOUT_MS (${timeout}): a lease shorter than a delivery lets a second worker send the same message while the first still is.`);
  return settings;
}
