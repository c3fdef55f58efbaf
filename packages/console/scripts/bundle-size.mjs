// The console's first load: the JavaScript that dist/index.html loads (its module entry and every chunk it
// preloads), gzipped as a server would send it. Prints the figure and fails above the 200 KB budget.
// `npm run size -w @flexroll/console` after a build; test/src/console/bundleSize.spec.ts checks the same.
import { firstLoad, FIRST_LOAD_BUDGET_BYTES } from './firstLoad.mjs';

const { files, gzipBytes, rawBytes } = await firstLoad();
process.stdout.write(`console first load: ${files.length} JS file(s), ${(rawBytes / 1024).toFixed(1)} KB raw, ${(gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${FIRST_LOAD_BUDGET_BYTES / 1024} KB)\n`);
if (gzipBytes > FIRST_LOAD_BUDGET_BYTES) process.exit(1);
