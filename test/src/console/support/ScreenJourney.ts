import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, scanWithAxe } from '../../support/browser.js';
import type { StoreChoice } from '../../support/stores.js';
import { ConsoleRequests } from '../ConsoleRequests.js';
import { ConsoleStack } from '../ConsoleStack.js';
import { signIn } from '../signIn.js';

/**
 * What one screen's browser journey needs, set up once per spec file: a real `flexroll serve` on a store
 * ({@link ConsoleStack}), a member of a given role signed in through the sign-in page, the page's requests recorded
 * ({@link ConsoleRequests}) and its content-policy violations collected. `check()` (in afterEach) asserts that every
 * request was an operation of /openapi.json and that the page broke no CSP rule.
 */
export class ScreenJourney {
  readonly cspViolations: string[] = [];

  private constructor(
    readonly store: StoreChoice,
    readonly stack: ConsoleStack,
    readonly browser: Browser,
    readonly page: Page,
    readonly requests: ConsoleRequests,
  ) {}

  static async start(store: StoreChoice, options: { role?: 'viewer' | 'reviewer' | 'admin'; email?: string; settings?: Record<string, string> } = {}): Promise<ScreenJourney> {
    const stack = await ConsoleStack.start(store, options.settings);
    const member = await stack.activeMember(options.email ?? 'ada.admin@example.com', options.role ?? 'admin');
    const browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const journey = new ScreenJourney(store, stack, browser, page, new ConsoleRequests(page, stack.base));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) journey.cspViolations.push(message.text());
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await signIn(page, stack.base, member);
    return journey;
  }

  /** Opens a console path (`/webhooks`) and waits for its `h1`. */
  async open(path: string, heading: string | RegExp): Promise<void> {
    await this.page.goto(`${this.stack.base}/console${path}`);
    await this.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  /** axe-core finds no serious or critical violation on the page as it is now. */
  async axe(screen: string): Promise<void> {
    const violations = await scanWithAxe(this.page);
    expect(violations, `axe on ${screen}: ${JSON.stringify(violations, null, 2)}`).to.deep.equal([]);
  }

  /** A screenshot into docs/console/ (from the embedded store's run only, so the docs' pictures are one run's). */
  async screenshot(name: string): Promise<void> {
    if (this.store.name === 'embedded') await saveScreenshot(this.page, name);
  }

  /** At `width` px, the page scrolls sideways nowhere but inside its tables' boxes; axe still passes there. */
  async fitsWidth(width: number, screen: string): Promise<void> {
    const before = this.page.viewportSize();
    await this.page.setViewportSize({ width, height: 780 });
    try {
      const overflow = await this.page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect(overflow, `${screen} scrolls sideways by ${overflow} px at ${width} px`).to.be.at.most(0);
      await this.axe(`${screen} at ${width} px`);
    } finally {
      if (before !== null) await this.page.setViewportSize(before);
    }
  }

  /** Every request the page made is an operation of /openapi.json, and the page broke no rule of its content policy. */
  async check(): Promise<void> {
    expect(await this.requests.undocumented(), 'every request the console made is an operation of /openapi.json').to.deep.equal([]);
    expect(this.cspViolations, 'the page broke no rule of its content policy').to.deep.equal([]);
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    await this.stack?.stop();
  }
}
