import { expect } from 'chai';
import { PageClient, sealedState, statusPath } from '../support/PageClient.js';
import { TestServer } from '../support/TestServer.js';
import { STORES } from '../support/stores.js';
import { instanceWithPage, PAGE } from './pageFixtures.js';

/**
 * Every word a customer page shows comes from a catalogue: in the pseudo-locale (`en-XA`, each message `⟦…⟧`), every
 * run of text on every page is inside brackets, save what the workspace or the customer wrote themselves (bracketed
 * here too) and the language switcher's names, which are each language's own name for itself.
 */
describe('The customer pages in the pseudo-locale (issue 22)', () => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(STORES[0]!, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 10_000, pseudoLocale: true } });
  });
  after(async () => server?.stop());

  /** The page's visible text runs that are not bracketed. */
  function unbracketed(html: string): string[] {
    const body = html.slice(html.indexOf('<body>'))
      .replace(/<nav class="langs"[\s\S]*?<\/nav>/, '')
      .replace(/<option value="[^"]*">[^<]*<\/option>/g, '');
    const texts = body.replace(/<[^>]+>/g, '\n').split('\n').map((text) => text.trim()).filter((text) => text !== '');
    const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
    return [...texts, title].filter((text) => !/^⟦[\s\S]*⟧(\s·\s⟦[\s\S]*⟧)?$/.test(text));
  }

  it('shows no string outside a catalogue on any page, from the form to leaving', async () => {
    const pageSettings = {
      ...PAGE, name: '⟦Powershare⟧', terms: { version: '⟦v1⟧', text: '⟦The terms.⟧' }, supportEmail: undefined, fields: { ...PAGE.fields, deviceType: 'optional' },
    };
    const { key, instanceId, slug } = await instanceWithPage(server, pageSettings, { deviceTypes: ['BATTERIES'] });
    const client = new PageClient(server.base);
    const answers = { firstName: '⟦Ann⟧', lastName: '⟦Lee⟧', email: 'ann@example.com', streetOne: '⟦1 Main St⟧', city: '⟦Town⟧', state: '⟦State⟧', postalCode: '⟦10001⟧', country: '⟦USA⟧' };
    const pages: string[] = [];
    const first = await client.get(`/enroll/${slug}?lang=en-XA`);
    pages.push(first.html);
    const invalid = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...answers, email: 'nope' });
    pages.push(invalid.html);
    const device = await client.post(`/enroll/${slug}`, { formState: sealedState(invalid.html), action: 'continue', ...answers });
    pages.push(device.html);
    const consent = await client.post(`/enroll/${slug}`, { formState: sealedState(device.html), action: 'continue', manufacturer: 'tesla', serialNumber: '⟦SN-1⟧', deviceType: 'BATTERIES' });
    pages.push(consent.html);
    const unticked = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit' });
    pages.push(unticked.html);
    const done = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' });
    pages.push(done.html.replace(/<a class="link"[^>]*>[^<]*<\/a>/, ''));
    const link = statusPath(done.html);
    pages.push((await client.get(`${link}?lang=en-XA`)).html);
    const enrollment = (await server.get(`/programInstances/${instanceId}/enrollments`, { key })).body.data[0];
    await server.post(`/vpp-participations/${enrollment.participationId}/telemetry`, { key, body: {} });
    await server.post(`/vpp-participations/${enrollment.participationId}/triggers`, { key, body: { trigger: 'control_confirmed' } });
    await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'eligible' } });
    await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'approved' } });
    const approved = await client.get(`${link}?lang=en-XA`);
    pages.push(approved.html);
    const empty = await client.post(`${link}/leave?lang=en-XA`, { formState: sealedState(approved.html), reason: '' });
    pages.push(empty.html);
    pages.push((await client.get('/enroll/no-such-page?lang=en-XA')).html);

    // What the customer typed that the API's rules keep from being bracketed (an e-mail address, a manufacturer slug, a device type).
    const typedPlainly = new Set(['ann@example.com', 'tesla', 'BATTERIES']);
    const strays = pages.flatMap((html, index) => unbracketed(html).filter((text) => !typedPlainly.has(text)).map((text) => `page ${index}: ${text}`));
    expect(strays).to.deep.equal([]);
    expect(pages.every((html) => html.includes('<html lang="en-XA">'))).to.equal(true);
  });
});
