import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isAdapter, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterLoadError } from './AdapterLoadError.js';
import { checkAdapter } from './checkManifest.js';

/**
 * Loads adapters named in configuration — npm package names or paths — in phases (after Verdaccio's loader):
 * resolve and import, find the export made by `defineAdapter`, check the manifest and the SDK version, refuse a
 * second adapter with the same id. The first adapter that fails stops loading with an {@link AdapterLoadError}
 * listing every problem found in it.
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
    const manifest = checkAdapter(specifier, adapter);
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

/**
 * A package name as is; a path as a file URL, a folder being read as a package (its package.json's entry). A
 * specifier with a `/` that is not a scoped package (`plugins/acme-vpp`) is a path too when it names something
 * under `cwd`; otherwise it is refused with what to write instead, rather than read as a package named `plugins`.
 */
function toImportable(specifier: string, cwd: string): string {
  const isPath = specifier.startsWith('.') || specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier);
  const looksLikePath = !isPath && !specifier.startsWith('@') && /[\\/]/.test(specifier);
  if (!isPath && !looksLikePath) return specifier;
  const target = path.resolve(cwd, specifier);
  const found = fs.statSync(target, { throwIfNoEntry: false });
  if (found === undefined && looksLikePath) {
    throw new Error(
      `'${specifier}' is neither a folder or file under ${cwd} nor a package name (only scoped names such as @scope/name have a '/'); ` +
        `write a path as ./${specifier} or an absolute path, or a package by its name`,
    );
  }
  return pathToFileURL(found?.isDirectory() === true ? packageEntry(target) : target).href;
}

function packageEntry(folder: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { main?: string; exports?: unknown };
  const exported = manifest.exports as { '.'?: { default?: string; import?: string } | string } | undefined;
  const dot = exported?.['.'];
  const entry = typeof dot === 'string' ? dot : (dot?.import ?? dot?.default ?? manifest.main ?? 'index.js');
  return path.join(folder, entry);
}
