import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchBrowser, scanWithAxe } from './browser.js';

// The harness itself: chromium starts from Debian's package, axe runs under a strict CSP and finds what it should.
describe('browser harness', function () {
  this.timeout(60_000);
  let server: Server;
  let base: string;
  const pages: Record<string, string> = {
    '/good': '<!doctype html><html lang="en"><head><title>Good</title></head><body><main><h1>Good</h1><label for="a">Name</label><input id="a"></main></body></html>',
    '/bad': '<!doctype html><html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1><input id="a"></main></body></html>',
  };

  before(async () => {
    server = createServer((request, response) => {
      response.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; frame-ancestors 'none'");
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end(pages[request.url ?? ''] ?? 'missing');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('finds no serious violation on a labelled page and the missing label on an unlabelled one', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/good`);
      expect(await scanWithAxe(page)).to.deep.equal([]);
      await page.goto(`${base}/bad`);
      const violations = await scanWithAxe(page);
      expect(violations.map((violation) => violation.id)).to.include('label');
    } finally {
      await browser.close();
    }
  });
});
