import { openPlatform, type Platform, type PlatformOptions } from '../composition/openPlatform.js';
import { readSettings } from '../settings/readSettings.js';
import type { Settings } from '../settings/settingsSchema.js';

/** Admin commands work on the store MONGODB_URI names; the embedded store lives inside `serve` and cannot be reached. */
export async function withStore<T>(work: (platform: Platform) => Promise<T>, options: Pick<PlatformOptions, 'coreSettings' | 'logger'> = {}, settings: Settings = readSettings()): Promise<T> {
  const uri = settings.mongodbUri;
  if (uri === undefined) {
    throw new Error('Set MONGODB_URI: admin commands act on the MongoDB store (an embedded store lives only inside `flexroll serve`, which prints a demo workspace and key).');
  }
  const platform = await openPlatform({ mongodbUri: uri, settings, adapters: settings.adapters, ...options });
  try {
    return await work(platform);
  } finally {
    await platform.close();
  }
}
