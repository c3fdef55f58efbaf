import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for the console's first load: 200 KB of JavaScript, gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

/** The built console's dist/ folder. */
export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

/** The scripts index.html loads at once (module entry and modulepreload links), their raw and gzipped sizes. */
export async function firstLoad(dist = DIST) {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const references = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((match) => match[1]);
  const files = [...new Set(references)].map((reference) => path.join(dist, reference.replace(/^\/console\//, '')));
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = await readFile(file);
    rawBytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, rawBytes, gzipBytes };
}
