import { createLogger } from '@flexroll/api';
import { ApiKeyService, ProgramService, WorkspaceService, API_KEY_PERMISSIONS, type ApiKeyPermission } from '@flexroll/core';
import { readSettings } from '../settings/readSettings.js';
import { withStore } from './withStore.js';

export const createWorkspace = (name: string) =>
  withStore(async ({ container }) => container.get(WorkspaceService).create(name));

export const createKey = (workspaceId: string, options: { name: string; mode: 'live' | 'test'; permissions?: string }) =>
  withStore(async ({ container }) => {
    const permissions = options.permissions?.split(',').map((p) => p.trim()) as ApiKeyPermission[] | undefined;
    const type = permissions === undefined ? 'secret' : 'scoped';
    const { key, secret } = await container.get(ApiKeyService).create(workspaceId, { name: options.name, mode: options.mode, type, ...(permissions === undefined ? {} : { permissions }) });
    const { secretHash: _hash, ...shown } = key;
    return { ...shown, secret };
  });

export const listKeys = (workspaceId: string) =>
  withStore(async ({ container }) => (await container.get(ApiKeyService).list(workspaceId)).map(({ secretHash: _hash, ...shown }) => shown));

export const revokeKey = (workspaceId: string, keyId: string) =>
  withStore(async ({ container }) => {
    const { secretHash: _hash, ...shown } = await container.get(ApiKeyService).revoke(workspaceId, keyId);
    return shown;
  });

export const createProgram = (options: { name: string; provider: string; learnMoreUrl?: string; logoUrl?: string; description?: string }) =>
  withStore(async ({ container }) =>
    container.get(ProgramService).create({
      name: options.name,
      ...(options.description === undefined ? {} : { description: options.description }),
      ...(options.learnMoreUrl === undefined ? {} : { learnMoreUrl: options.learnMoreUrl }),
      provider: { providerDisplayName: options.provider, ...(options.logoUrl === undefined ? {} : { logoUrl: options.logoUrl }) },
    }),
  );

/**
 * `flexroll worker`: runs every background task (the sweeps every `intervalSeconds`, and the rest on their own
 * cadence) until SIGTERM or SIGINT, then lets runs in progress finish. Any number may run at once: each task keeps
 * that safe with unique inserts.
 */
export async function runWorker(intervalSeconds: number): Promise<void> {
  const settings = readSettings();
  const logger = createLogger({ level: settings.logLevel });
  await withStore(async (platform) => {
    const runner = platform.backgroundRunner();
    runner.start();
    logger.info('worker started', { sweepIntervalSeconds: intervalSeconds });
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await runner.stop();
    logger.info('worker stopped');
  }, { coreSettings: { sweepIntervalMs: intervalSeconds * 1000 }, logger }, settings);
}

export const PERMISSIONS_HELP = API_KEY_PERMISSIONS.join(', ');
