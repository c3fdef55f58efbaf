import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's chromium (installed by `.ci/run` with apt): Playwright's own browser download cannot reach its host here,
 * so playwright-core drives the system browser through its executable path.
 */
export const CHROMIUM_PATH = process.env.FLEXROLL_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots that the docs show are written: `docs/console/` of the repository. */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/console');

/** A headless chromium; `--no-sandbox` because CI runs as root, where chromium's sandbox refuses to start. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** One axe-core violation, as the tests report it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let axeScript: string | undefined;

/**
 * Runs axe-core in the page and answers the serious and critical violations (the standard's bar). axe is evaluated
 * through the DevTools protocol, which a page's CSP does not govern, so the page keeps its strict CSP (no
 * `bypassCSP`) and a test still sees any violation of it that the page's own code commits.
 */
export async function scanWithAxe(page: Page): Promise<AxeViolation[]> {
  axeScript ??= await readFile(axeSource, 'utf8');
  await page.evaluate(axeScript);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** Saves a full-page PNG to `docs/console/<name>.png` (for the docs) and answers its path. */
export async function saveScreenshot(page: Page, name: string, directory = SCREENSHOT_DIR): Promise<string> {
  await mkdir(directory, { recursive: true });
  const file = path.join(directory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
