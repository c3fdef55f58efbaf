import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, scanWithAxe } from '../support/browser.js';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { DETAILS, DEVICE, instanceWithPage, PAGE } from './pageFixtures.js';

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 900 };

// Issue 22's browser journeys: keyboard only, at a phone's width and a desktop's, axe on every step, on both stores.
describeOnEachStore('The customer pages in a browser (issue 22)', (store) => {
  let server: TestServer;
  let browser: Browser;
  const shots = store.name === 'embedded'; // the docs' screenshots come from one run
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 10_000 } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Axe finds no serious or critical violation, and the screenshot goes to docs/console when this run makes them. */
  async function check(page: Page, name: string): Promise<void> {
    expect(await scanWithAxe(page), name).to.deep.equal([]);
    if (shots) await saveScreenshot(page, name);
  }

  /** Tabs to the element with this id (as a keyboard user does), at most 30 presses. */
  async function tabTo(page: Page, id: string): Promise<void> {
    for (let presses = 0; presses < 30; presses++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)) === id) return;
    }
    throw new Error(`could not reach #${id} with the keyboard`);
  }

  async function typeInto(page: Page, values: Record<string, string>): Promise<void> {
    for (const [id, value] of Object.entries(values)) {
      if (value === '') continue;
      await tabTo(page, id);
      await page.keyboard.type(value);
    }
  }

  async function enroll(page: Page, slug: string, lang: string, label: string): Promise<string> {
    await page.goto(`${server.base}/enroll/${slug}?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).to.equal(lang);
    await check(page, `enroll-${label}-1-details`);
    await typeInto(page, DETAILS);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await check(page, `enroll-${label}-2-device`);
    await tabTo(page, 'manufacturer');
    await page.keyboard.type(DEVICE.manufacturer);
    await typeInto(page, { serialNumber: `${DEVICE.serialNumber}-${label}` });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await check(page, `enroll-${label}-3-consent`);
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await check(page, `enroll-${label}-4-confirmation`);
    return (await page.getAttribute('a.link', 'href')) ?? '';
  }

  it('enrolls at a phone’s width in Dutch, keyboard only; approved, the status page says so in Dutch', async function () {
    this.timeout(120_000);
    const { key, instanceId, slug } = await instanceWithPage(server);
    const page = await browser.newPage({ viewport: PHONE });
    const link = await enroll(page, slug, 'nl', 'phone-nl');
    expect(link).to.match(/\/status\/[A-Za-z0-9_-]{43}\?lang=nl$/);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth), 'no sideways scrolling at 360 px').to.be.at.most(360);
    await page.goto(link);
    expect(await page.textContent('main')).to.include('We wachten op gegevens van uw apparaat.');
    await check(page, 'enroll-phone-nl-5-status');

    const enrollment = (await server.get(`/programInstances/${instanceId}/enrollments`, { key })).body.data[0];
    const participation = `/vpp-participations/${enrollment.participationId}`;
    await server.post(`${participation}/telemetry`, { key, body: {} });
    await server.post(`${participation}/triggers`, { key, body: { trigger: 'control_confirmed' } });
    await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'eligible' } });
    expect((await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'approved' } })).body.eligibility.status).to.equal('approved');
    await page.reload();
    expect(await page.textContent('main')).to.include('Goedgekeurd: u doet mee aan het programma.').and.include('Goed nieuws, uw apparaat is geregistreerd.');
    await check(page, 'enroll-phone-nl-6-approved');
    await page.close();
  });

  it('enrolls on a desktop in German with a double click: one enrollment; then the customer leaves', async function () {
    this.timeout(120_000);
    const { key, instanceId, slug } = await instanceWithPage(server, { ...PAGE, fields: { ...PAGE.fields, serialNumber: 'off' } });
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(`${server.base}/enroll/${slug}?lang=de`);
    await typeInto(page, DETAILS);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await tabTo(page, 'manufacturer');
    await page.keyboard.type('tesla');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    // The second click submits again while the first submission's page is loading, which aborts that navigation (so no
    // one navigation is waited for): the confirmation's link is, in whichever page answers last.
    await page.dblclick('button.primary');
    await page.locator('a.link').waitFor();
    await check(page, 'enroll-desktop-de-4-confirmation');
    const listed = await server.get(`/programInstances/${instanceId}/enrollments`, { key });
    expect(listed.body.totalItems, 'a double click creates one enrollment').to.equal(1);
    const enrollment = listed.body.data[0];
    expect(enrollment.eligibility.status).to.equal('submitted');
    await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'approved' } });

    await page.goto((await page.getAttribute('a.link', 'href'))!);
    await check(page, 'enroll-desktop-de-5-status');
    await tabTo(page, 'reason');
    await page.keyboard.type('Wir ziehen um.');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).to.include('Wir haben Ihren Wunsch, das Programm zu verlassen, gespeichert.').and.include('Sie haben das Programm verlassen.');
    await check(page, 'enroll-desktop-de-6-left');
    expect((await server.get(`/enrollments/${enrollment.id}`, { key })).body.metadata.exitReason).to.equal('Wir ziehen um.');
    await page.close();
  });

  it('shows a pre-check refusal with its reason, and asks for consent again when the terms change', async function () {
    this.timeout(120_000);
    const refused = await instanceWithPage(server, PAGE, { serviceTerritory: { postalCodePrefixes: ['90'] } });
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(`${server.base}/enroll/${refused.slug}?lang=en`);
    await typeInto(page, DETAILS);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await typeInto(page, { ...DEVICE, serialNumber: 'REFUSED-1' });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).to.include('Your address is outside the area this programme serves.');
    await check(page, 'enroll-phone-en-precheck');

    const { key, instanceId, slug, page: settings } = await instanceWithPage(server);
    const link = await enroll(page, slug, 'en', 'phone-en');
    await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, { key, body: { ...settings, terms: { version: '2025-06', text: 'The new terms.' } } });
    await page.goto(link);
    expect(await page.textContent('main')).to.include('The terms have changed');
    await tabTo(page, 'consent');
    await page.keyboard.press('Space');
    await check(page, 'enroll-phone-en-reconsent');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).to.include('Thank you: your consent to version 2025-06 is recorded.');
    await page.close();
  });
});
