import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAdapter, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterLoadError } from './AdapterLoadError.js';
import { checkManifest } from './checkManifest.js';

/**
 * Loads adapters named in configuration — npm package names or paths — in phases (after Verdaccio's loader):
 * resolve and import, find the export made by `defineAdapter`, check the manifest and the SDK version, refuse a
 * second adapter with the same id. The first failure stops loading with an {@link AdapterLoadError}.
 *
 * @param importer how a specifier is imported; the default resolves paths against `cwd` and packages from here.
 */
export async function loadAdapters(
  specifiers: readonly string[],
  options: { cwd?: string; importer?: (specifier: string) => Promise<unknown> } = {},
): Promise<OperatorAdapter[]> {
  const importer = options.importer ?? ((specifier: string) => import(toImportable(specifier, options.cwd ?? process.cwd())));
  const loaded = new Map<string, OperatorAdapter>();
  for (const specifier of specifiers) {
    let module: unknown;
    try {
      module = await importer(specifier);
    } catch (error) {
      throw new AdapterLoadError(specifier, 'resolve', (error as Error).message.split('\n')[0] ?? 'cannot be imported', error);
    }
    const adapter = findAdapter(module);
    if (adapter === undefined) throw new AdapterLoadError(specifier, 'export', 'exports no adapter made by defineAdapter (expected a default export)');
    const manifest = checkManifest(specifier, adapter.manifest);
    if (loaded.has(manifest.id)) throw new AdapterLoadError(specifier, 'duplicate', `another adapter already has the id '${manifest.id}'`);
    loaded.set(manifest.id, adapter);
  }
  return [...loaded.values()];
}

function findAdapter(module: unknown): OperatorAdapter | undefined {
  const exports = module as Record<string, unknown> | undefined;
  const candidates = [exports?.default, (exports?.default as Record<string, unknown> | undefined)?.default, exports?.adapter];
  return candidates.find(isAdapter);
}

function toImportable(specifier: string, cwd: string): string {
  const isPath = specifier.startsWith('.') || specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier);
  return isPath ? pathToFileURL(path.resolve(cwd, specifier)).href : specifier;
}
