import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { STORES } from '../support/stores.js';
import { ConsoleStack } from './ConsoleStack.js';

const CONSOLE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/console/dist');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// The console as `flexroll serve` hands it out (issue 21): a strict content policy, the page never cached, the hashed
// files cached for good, the app's own paths answered with the page, and a first load within 200 KB gzipped.
describe('the console, built and served by `flexroll serve`', function () {
  this.timeout(90_000);
  let stack: ConsoleStack;
  before(async () => {
    stack = await ConsoleStack.start(STORES[0]!);
  });
  after(async () => stack?.stop());

  it('loads at most 200 KB of JavaScript gzipped at first (printed here)', async () => {
    // The same measure as `npm run size -w @flexroll/console` (a script of the console package, not a module of it).
    const { firstLoad, FIRST_LOAD_BUDGET_BYTES } = await import(pathToFileURL(path.join(CONSOLE_DIST, '../scripts/firstLoad.mjs')).href);
    const { files, gzipBytes, rawBytes } = await firstLoad(CONSOLE_DIST);
    console.log(`      console first load: ${files.length} JS file(s), ${(rawBytes / 1024).toFixed(1)} KB raw, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
    expect(files).to.have.length.above(0);
    expect(gzipBytes).to.be.at.most(FIRST_LOAD_BUDGET_BYTES);
  });

  it('answers /console and its own paths with the page under the strict policy, never cached, with no inline script or style', async () => {
    for (const route of ['/console', '/console/', '/console/enrollments/abc', '/console/sign-in?next=%2F']) {
      const response = await fetch(stack.base + route);
      expect(response.status, route).to.equal(200);
      expect(response.headers.get('content-security-policy'), route).to.equal(CSP);
      expect(response.headers.get('x-frame-options'), route).to.equal('DENY');
      expect(response.headers.get('cache-control'), route).to.equal('no-store');
      expect(response.headers.get('content-type'), route).to.match(/^text\/html/);
      const html = await response.text();
      expect(html).to.equal(await readFile(path.join(CONSOLE_DIST, 'index.html'), 'utf8'));
      expect(html, 'no inline script').to.not.match(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(html, 'no inline style').to.not.match(/<style|\sstyle=/);
    }
  });

  it('caches the hashed assets for a year and answers a missing one 404, not the page', async () => {
    const html = await readFile(path.join(CONSOLE_DIST, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="(\/console\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.some((asset) => asset.endsWith('.js')) && assets.some((asset) => asset.endsWith('.css'))).to.equal(true);
    for (const asset of assets) {
      const response = await fetch(stack.base + asset);
      expect(response.status, asset).to.equal(200);
      expect(response.headers.get('cache-control'), asset).to.equal('public, max-age=31536000, immutable');
      expect(response.headers.get('content-security-policy'), asset).to.equal(CSP);
    }
    const missing = await fetch(`${stack.base}/console/assets/index-missing.js`);
    expect(missing.status).to.equal(404);
    expect(missing.headers.get('content-type')).to.match(/^application\/json/);
  });

  it('leaves the API as it was: JSON answers keep their own policy and no-store', async () => {
    const response = await fetch(`${stack.base}/healthz`);
    expect(response.headers.get('content-security-policy')).to.equal("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers.get('cache-control')).to.equal('no-store');
  });
});
