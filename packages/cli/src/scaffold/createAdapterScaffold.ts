import fs from 'node:fs/promises';
import path from 'node:path';
import { SDK_VERSION } from '@flexroll/sdk';
import { ADAPTER_TEMPLATES } from './adapterTemplates.js';

const ID = /^[a-z][a-z0-9-]{1,62}$/;

/**
 * Writes a new adapter package at `<pluginsDir>/<id>` from the templates: a manifest, the reference mapping to
 * start from, and a spec running the test kit. Refuses an invalid id or an existing folder. Returns the files.
 */
export async function createAdapterScaffold(id: string, pluginsDir: string, name = titleCase(id)): Promise<string[]> {
  if (!ID.test(id)) throw new Error(`The adapter name must match ${ID.source} (lower-case letters, digits and dashes), not '${id}'.`);
  const root = path.join(pluginsDir, id);
  if (await exists(root)) throw new Error(`${root} already exists; choose another name or remove it.`);
  const written: string[] = [];
  for (const [file, template] of Object.entries(ADAPTER_TEMPLATES)) {
    const target = path.join(root, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, template.replaceAll('{{id}}', id).replaceAll('{{name}}', name).replaceAll('{{sdk}}', SDK_VERSION));
    written.push(target);
  }
  return written;
}

function titleCase(id: string): string {
  return id.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
}

async function exists(target: string): Promise<boolean> {
  return fs.access(target).then(() => true, () => false);
}
