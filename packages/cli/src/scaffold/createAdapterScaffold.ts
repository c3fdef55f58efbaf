import fs from 'node:fs/promises';
import path from 'node:path';
import { SDK_VERSION } from '@flexroll/sdk';
import { ADAPTER_TEMPLATES } from './adapterTemplates.js';

const ID = /^[a-z][a-z0-9-]{1,62}$/;

/** The Flexroll packages a scaffolded adapter depends on, by template placeholder, and their tarballs' names. */
const PACKAGES = { sdk: 'flexroll-sdk', testkit: 'flexroll-testkit', core: 'flexroll-core', storeMemory: 'flexroll-store-memory' } as const;

export interface ScaffoldOptions {
  /** The adapter's display name; the id in title case by default. */
  readonly name?: string;
  /**
   * A folder of packed tarballs (`npm run pack:sdk` in a Flexroll checkout): the adapter depends on them by file, so
   * that it installs outside the checkout. Without it the adapter names the version, which a checkout's workspace
   * links.
   */
  readonly packs?: string;
}

/**
 * Writes a new adapter package at `<pluginsDir>/<id>` from the templates: a manifest, the reference mapping to
 * start from, and a spec running the test kit. Refuses an invalid id, an existing folder, or a packs folder without
 * the tarballs. Returns the files written.
 */
export async function createAdapterScaffold(id: string, pluginsDir: string, options: ScaffoldOptions = {}): Promise<string[]> {
  if (!ID.test(id)) throw new Error(`The adapter name must match ${ID.source} (lower-case letters, digits and dashes), not '${id}'.`);
  const root = path.join(pluginsDir, id);
  if (await exists(root)) throw new Error(`${root} already exists; choose another name or remove it.`);
  const versions = options.packs === undefined ? versionSpecs() : await tarballSpecs(path.resolve(options.packs));
  const fill = (template: string) =>
    Object.entries(versions).reduce((text, [key, spec]) => text.replaceAll(`{{${key}}}`, spec), template.replaceAll('{{id}}', id).replaceAll('{{name}}', options.name ?? titleCase(id)));
  const written: string[] = [];
  for (const [file, template] of Object.entries(ADAPTER_TEMPLATES)) {
    const target = path.join(root, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, fill(template));
    written.push(target);
  }
  return written;
}

/**
 * What to do next, for where the adapter was written: inside a Flexroll checkout (a folder whose package.json names
 * the `flexroll` workspaces) or outside one, with or without packed tarballs.
 */
export async function scaffoldNextSteps(folder: string, options: ScaffoldOptions & { checkout?: string }): Promise<string> {
  const checkout = await enclosingCheckout(path.resolve(folder));
  const shown = path.relative(process.cwd(), folder) || '.';
  if (checkout !== undefined) {
    return `Next: \`npm install\` at ${checkout} links it as a workspace; then \`cd ${shown} && npm test\` runs the test kit (docs/adapters.md §1.1).`;
  }
  if (options.packs !== undefined) return `Next: \`cd ${shown} && npm install && npm test\` installs the packed SDK and test kit and runs the kit (docs/adapters.md §1.2).`;
  const pack = options.checkout === undefined ? 'in your Flexroll checkout, `npm run pack:sdk`' : `\`npm run pack:sdk\` in ${options.checkout}`;
  return `Next: this folder is outside a Flexroll checkout, so its SDK comes from packed tarballs: ${pack}, then scaffold again with \`--packs <that checkout>/.packs\` (docs/adapters.md §1.2).`;
}

function versionSpecs(): Record<keyof typeof PACKAGES, string> {
  return { sdk: SDK_VERSION, testkit: SDK_VERSION, core: SDK_VERSION, storeMemory: SDK_VERSION };
}

async function tarballSpecs(folder: string): Promise<Record<keyof typeof PACKAGES, string>> {
  const files = await fs.readdir(folder).catch(() => [] as string[]);
  const specs = {} as Record<keyof typeof PACKAGES, string>;
  for (const [key, prefix] of Object.entries(PACKAGES) as [keyof typeof PACKAGES, string][]) {
    const tarball = files.find((file) => file === `${prefix}-${SDK_VERSION}.tgz`);
    if (tarball === undefined) throw new Error(`${folder} has no ${prefix}-${SDK_VERSION}.tgz; run \`npm run pack:sdk\` in a Flexroll checkout and pass its .packs folder.`);
    specs[key] = `file:${path.join(folder, tarball)}`;
  }
  return specs;
}

async function enclosingCheckout(folder: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const manifest = await fs.readFile(path.join(dir, 'package.json'), 'utf8').then((text) => JSON.parse(text) as { name?: string; workspaces?: unknown }, () => undefined);
    if (manifest?.name === 'flexroll' && Array.isArray(manifest.workspaces)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function titleCase(id: string): string {
  return id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

async function exists(target: string): Promise<boolean> {
  return fs.access(target).then(() => true, () => false);
}
