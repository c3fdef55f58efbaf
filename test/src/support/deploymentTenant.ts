import { randomBytes } from 'node:crypto';
import { SUZIE } from './fixtures.js';
import { flexrollAdmin } from './ServeProcess.js';

/** The environment every process of a test deployment shares: one database of its own, one secret key, one admin token. */
export function deploymentEnv(mongoUri: string, dbName: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const url = new URL(mongoUri);
  url.pathname = `/${dbName}`;
  const { MONGODB_URI: _uri, PORT: _port, FLEXROLL_PORT: _fport, ...rest } = process.env;
  return {
    ...rest,
    MONGODB_URI: url.toString(),
    FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'),
    FLEXROLL_ADMIN_TOKEN: `fr_admin_${randomBytes(12).toString('hex')}`,
    LOG_LEVEL: 'warn',
    // Five processes share the one PostgreSQL behind FerretDB with everyone else's tests: a few connections each.
    FLEXROLL_STORE_POOL_SIZE: '5',
    ...extra,
  };
}

/** A workspace with a secret key, a program and an instance, made the way an operator makes them. */
export interface Tenant {
  readonly workspaceId: string;
  readonly key: string;
  readonly instanceId: string;
}

/** Calls through `base` with the tenant's key; JSON in and out. */
export async function call(base: string, key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * Creates a workspace and key with the CLI, then its program (admin token) and instance through `base`;
 * `instanceSettings` adds to the instance's body (eligibility rules, expected durations, deadlines).
 */
export async function createTenant(env: NodeJS.ProcessEnv, base: string, name: string, instanceSettings: Record<string, unknown> = {}): Promise<Tenant> {
  const workspace = await flexrollAdmin(env, 'workspace', 'create', name);
  const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', `${name} key`)).secret as string;
  const program = await call(base, env.FLEXROLL_ADMIN_TOKEN!, 'POST', '/programs', { name: `${name} Powershare`, provider: { providerDisplayName: 'Leap' } });
  if (program.status !== 201) throw new Error(`program: ${program.status} ${await program.text()}`);
  const instance = await call(base, key, 'POST', '/programInstances', { ...instanceSettings, programId: ((await program.json()) as { id: string }).id, name: `${name} 2026` });
  if (instance.status !== 201) throw new Error(`instance: ${instance.status} ${await instance.text()}`);
  return { workspaceId: workspace.id as string, key, instanceId: ((await instance.json()) as { id: string }).id };
}

/** Seed 004's example enrollment without a device, under this referenceId and with these tags. */
export function enrollmentWithoutDevice(referenceId: string, tags: string[]): Record<string, unknown> {
  const { serialNumber: _serialNumber, ...customer } = SUZIE;
  return { ...customer, referenceId, tags };
}

/** Seed 004's example enrollment with this serial number. */
export function enrollmentBody(serialNumber: string): Record<string, unknown> {
  return { ...SUZIE, serialNumber };
}
