import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diagramFiles } from './diagramFiles.js';

/**
 * Writes the generated diagram files ({@link diagramFiles}) into `directory`, creating it if needed, and returns
 * the paths written. Run as a CLI: `node packages/sdk/dist/diagrams/writeDiagrams.js docs/diagrams`
 * (`npm run diagrams`).
 * @example await writeDiagrams('docs/diagrams') // ['/…/docs/diagrams/participation-states.mmd', …]
 */
export async function writeDiagrams(directory: string): Promise<string[]> {
  const target = resolve(directory);
  await mkdir(target, { recursive: true });
  const written: string[] = [];
  for (const [name, content] of Object.entries(diagramFiles())) {
    const path = join(target, name);
    await writeFile(path, content, 'utf8');
    written.push(path);
  }
  return written;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const directory = process.argv[2] ?? 'docs/diagrams';
  writeDiagrams(directory).then(
    (paths) => process.stdout.write(`${paths.map((path) => `wrote ${path}`).join('\n')}\n`),
    (error: unknown) => {
      process.stderr.write(`could not write diagrams to ${directory}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
