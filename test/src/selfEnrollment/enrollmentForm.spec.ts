import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { PageClient, fieldError, sealedState, statusPath } from '../support/PageClient.js';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { DETAILS, DEVICE, instanceWithPage, PAGE } from './pageFixtures.js';

describeOnEachStore('The customer’s enrollment page (issue 22)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 10_000 } });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'API responses match the OpenAPI contract').to.deep.equal([]));

  /** Walks the three steps with good answers; answers the consent step's page. */
  async function upToConsent(client: PageClient, slug: string, lang = 'en') {
    const first = await client.get(`/enroll/${slug}?lang=${lang}`);
    expect(first.status).to.equal(200);
    const device = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...DETAILS });
    expect(device.status, device.html).to.equal(200);
    const consent = await client.post(`/enroll/${slug}`, { formState: sealedState(device.html), action: 'continue', ...DEVICE });
    expect(consent.status, consent.html).to.equal(200);
    return consent;
  }

  it('walks details, device and consent, creates one enrollment with its consent record, and links its status page', async () => {
    const { key, instanceId, slug } = await instanceWithPage(server);
    const client = new PageClient(server.base, { 'user-agent': 'Mozilla/5.0 (test)' });
    const first = await client.get(`/enroll/${slug}`, { 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5' });
    expect(first.headers.get('content-security-policy')).to.match(/^default-src 'self'/);
    expect(first.html).to.include('<html lang="nl">').and.include('Deze pagina is in het Nederlands.').and.include('Stap 1 van 3');
    expect(first.html, 'no inline script or style').not.to.match(/<script|<style| style="/);
    const css = await client.get('/enroll-assets/page.css');
    const theme = await client.get(`/enroll/${slug}/theme.css`);
    expect(theme.html).to.equal(':root{--accent:#0b6e4f;--accent-ink:#ffffff}\n');
    expect(Buffer.byteLength(first.html) + Buffer.byteLength(css.html) + Buffer.byteLength(theme.html), 'a page weighs under 60 KB, all included (it has no script)').to.be.below(60_000);

    const bad = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...DETAILS, email: 'not-an-email', postalCode: '' });
    expect(bad.status).to.equal(422);
    expect(fieldError(bad.html, 'email')).to.equal('Vul een e-mailadres in, zoals naam@voorbeeld.nl.');
    expect(fieldError(bad.html, 'postalCode')).to.equal('Vul dit in.');
    expect(bad.html, 'answers are kept').to.include('value="Sanne"');

    const device = await client.post(`/enroll/${slug}`, { formState: sealedState(bad.html), action: 'continue', ...DETAILS });
    expect(device.html).to.include('Stap 2 van 3');
    const consent = await client.post(`/enroll/${slug}`, { formState: sealedState(device.html), action: 'continue', ...DEVICE });
    expect(consent.html).to.include('Voorwaarden, versie 2025-01');
    const unticked = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit' });
    expect(unticked.status).to.equal(422);
    expect(fieldError(unticked.html, 'consent')).to.equal('Vink het vakje aan om toestemming te geven.');

    const submitted = { formState: sealedState(consent.html), action: 'submit', consent: 'yes' };
    const [once, twice] = await Promise.all([client.post(`/enroll/${slug}`, submitted), client.post(`/enroll/${slug}`, submitted)]);
    expect([once.status, twice.status]).to.deep.equal([200, 200]);
    expect(once.html).to.include('Dank u, uw aanmelding is binnen');
    const link = statusPath(once.html);
    expect(statusPath(twice.html), 'a double submit answers the same enrollment').to.equal(link);
    const again = await client.post(`/enroll/${slug}`, submitted);
    expect(statusPath(again.html), 'so does the back button and a retry').to.equal(link);

    const listed = await server.get(`/programInstances/${instanceId}/enrollments`, { key });
    expect(listed.body.totalItems).to.equal(1);
    const enrollment = listed.body.data[0];
    expect(enrollment).to.deep.include({ identificationType: 'customerInfo', firstName: 'Sanne', email: 'sanne.devries@example.nl', serialNumber: 'TSLA-PW-000123', manufacturerSlugs: ['tesla'] });
    const [record] = enrollment.metadata.selfEnrollment.consents;
    expect(record).to.deep.include({
      termsVersion: '2025-01',
      termsSha256: createHash('sha256').update(PAGE.terms.text).digest('hex'),
      wording: 'Ik heb de voorwaarden (versie 2025-01) gelezen en ik sta Community Powershare toe mijn apparaat aan te sturen tijdens programma-acties.',
      locale: 'nl',
      userAgent: 'Mozilla/5.0 (test)',
    });
    expect(record.address).to.match(/127\.0\.0\.1/);
    const participation = await server.get(`/vpp-participations/${enrollment.participationId}`, { key });
    expect(participation.body.current_state, 'the participation started with the consent given on the form').to.equal('AWAITING_TELEMETRY');
    expect(participation.headers.get('content-language'), 'seed 000’s English by default').to.equal('en');
    expect(participation.body.participation_state[0].description).to.equal('We’ve received your request to join the programme.');
    const german = await server.get(`/vpp-participations/${enrollment.participationId}`, { key, headers: { 'Accept-Language': 'de-AT, en;q=0.5' } });
    expect(german.headers.get('content-language')).to.equal('de');
    expect(german.body.participation_state[0].description).to.equal('Wir haben Ihre Anfrage zur Teilnahme am Programm erhalten.');

    const submittedEvents = await server.get(`/events?enrollmentId=${enrollment.id}&type=enrollment.submitted`, { key });
    expect(submittedEvents.body.data).to.have.length(1);
    expect(submittedEvents.body.data[0].data).to.deep.equal({
      programInstanceId: instanceId, slug, locale: 'nl', email: 'sanne.devries@example.nl', firstName: 'Sanne', lastName: 'de Vries', statusLinkEmailed: false,
    });
    const minted = await server.post(`/enrollments/${enrollment.id}/status-links`, { key });
    expect(minted.status).to.equal(201);
    expect(minted.body.path).to.match(/^\/status\/[A-Za-z0-9_-]{43}$/).and.not.equal(link);
    expect((await client.get(minted.body.path)).status, 'a minted link leads to the same page').to.equal(200);

    const status = await client.get(link, { 'accept-language': 'nl' });
    expect(status.status).to.equal(200);
    expect(status.html).to.include('We wachten op gegevens van uw apparaat.').and.include('Zorg dat uw apparaat aan staat en met internet verbonden is.');
    expect(status.html).to.include('Keizersgracht 1').and.not.include(enrollment.id);

    const logs = server.logLines.join('\n');
    for (const secret of ['sanne', 'Keizersgracht', 'TSLA-PW', link.slice('/status/'.length)]) expect(logs.toLowerCase()).not.to.include(secret.toLowerCase());
  });

  it('moves an enrollment without a device to submitted; approved by the administrator, the customer sees it and leaves with a reason', async () => {
    const { key, instanceId, slug } = await instanceWithPage(server, { ...PAGE, fields: { address: 'optional' } });
    const client = new PageClient(server.base);
    const first = await client.get(`/enroll/${slug}?lang=de`);
    const consent = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', firstName: 'Jonas', lastName: 'Weber', email: 'jonas@example.de' });
    expect(consent.html, 'a device step that asks nothing is passed over').to.include('Ihre Einwilligung');
    const done = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' });
    const link = statusPath(done.html);
    const listed = await server.get(`/programInstances/${instanceId}/enrollments`, { key });
    const enrollment = listed.body.data[0];
    expect(enrollment.eligibility.status, 'seed 004: “Customer completes enrollment form — Status set to Submitted”').to.equal('submitted');

    let status = await client.get(`${link}?lang=de`);
    expect(status.html).to.include('Eingereicht: Die Programmverwaltung prüft Ihre Anmeldung.').and.include('Sie können das Programm verlassen, sobald Ihre Anmeldung genehmigt ist.');
    expect((await server.patch(`/enrollments/${enrollment.id}`, { key, body: { status: 'approved' } })).body.eligibility.status).to.equal('approved');
    status = await client.get(`${link}?lang=de`);
    expect(status.html).to.include('Genehmigt: Sie nehmen am Programm teil.');

    const empty = await client.post(`${link}/leave?lang=de`, { formState: sealedState(status.html), reason: '' });
    expect(empty.status).to.equal(422);
    expect(fieldError(empty.html, 'reason')).to.equal('Bitte füllen Sie dies aus.');
    const left = await client.post(`${link}/leave?lang=de`, { formState: sealedState(status.html), reason: 'Moving house' });
    expect(left.status).to.equal(303);
    expect(left.headers.get('location')).to.equal(`${link}?lang=de&done=leave`);
    const after = await server.get(`/enrollments/${enrollment.id}`, { key });
    expect(after.body.eligibility).to.deep.include({ status: 'unenrolled', reason: 'Moving house' });
    expect(after.body.metadata.exitReason).to.equal('Moving house');
    const events = await server.get(`/events?enrollmentId=${enrollment.id}&type=enrollment.status_changed`, { key });
    expect(events.body.data.at(-1)).to.deep.include({ source: 'status_page' });
  });

  it('turns a customer away at the pre-check in their words, and takes their details as a lead where the page allows', async () => {
    const { slug } = await instanceWithPage(server, PAGE, { serviceTerritory: { postalCodePrefixes: ['90'] }, allowedManufacturers: ['tesla', 'enphase'] });
    const client = new PageClient(server.base);
    const first = await client.get(`/enroll/${slug}?lang=de`);
    const device = await client.post(`/enroll/${slug}`, { formState: sealedState(first.html), action: 'continue', ...DETAILS });
    expect(device.html, 'the rules’ manufacturers are offered').to.include('<option value="enphase">');
    const refused = await client.post(`/enroll/${slug}`, { formState: sealedState(device.html), action: 'continue', ...DEVICE });
    expect(refused.html).to.include('Wir können Sie derzeit nicht für dieses Programm anmelden').and.include('Ihre Adresse liegt außerhalb des Gebiets dieses Programms.');
    const lead = await client.post(`/enroll/${slug}`, { formState: sealedState(refused.html), action: 'lead' });
    expect(lead.html).to.include('Danke. Wir sagen Ihnen Bescheid');
  });

  it('asks again when the terms change, and records the new consent', async () => {
    const { key, instanceId, slug, page } = await instanceWithPage(server);
    const client = new PageClient(server.base);
    const consent = await upToConsent(client, slug);
    const link = statusPath((await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' })).html);
    let status = await client.get(link);
    expect(status.html).not.to.include('The terms have changed');
    await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, { key, body: { ...page, terms: { version: '2025-06', text: 'New terms.' } } });
    status = await client.get(link);
    expect(status.html).to.include('The terms have changed').and.include('Please read the new terms (version 2025-06)');
    const agreed = await client.post(`${link}/consent`, { formState: sealedState(status.html), version: '2025-06', consent: 'yes' });
    expect(agreed.status).to.equal(303);
    status = await client.get(`${link}?done=consent`);
    expect(status.html).to.include('Thank you: your consent to version 2025-06 is recorded.').and.not.include('The terms have changed');
    const enrollment = (await server.get(`/programInstances/${instanceId}/enrollments`, { key })).body.data[0];
    expect(enrollment.metadata.selfEnrollment.consents.map((record: { termsVersion: string }) => record.termsVersion)).to.deep.equal(['2025-01', '2025-06']);
  });

  it('answers a switched-off page 410 and an unknown one 404, in words, never a stack', async () => {
    const { key, instanceId, slug, page } = await instanceWithPage(server);
    await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, { key, body: { ...page, enabled: false } });
    const client = new PageClient(server.base);
    const closed = await client.get(`/enroll/${slug}`);
    expect(closed.status).to.equal(410);
    expect(closed.html).to.include('This enrollment page is not open').and.include('Community Powershare is not taking enrollments');
    const unknown = await client.get('/enroll/no-such-page');
    expect(unknown.status).to.equal(404);
    expect(unknown.html).to.include('Page not found');
    expect((await client.get('/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).to.equal(404);
    expect((await client.get('/status/short')).status).to.equal(404);
  });

  it('refuses a post without the browser’s CSRF cookie, a filled honeypot and a forged state', async () => {
    const { slug } = await instanceWithPage(server);
    const client = new PageClient(server.base);
    const first = await client.get(`/enroll/${slug}`);
    const state = sealedState(first.html);
    const stranger = new PageClient(server.base);
    expect((await stranger.post(`/enroll/${slug}`, { formState: state, action: 'continue', ...DETAILS })).status, 'no cookie: another site’s post').to.equal(403);
    expect((await client.post(`/enroll/${slug}`, { formState: state, action: 'continue', ...DETAILS, website: 'http://spam.example' })).status).to.equal(422);
    expect((await client.post(`/enroll/${slug}`, { formState: `${state.slice(0, -4)}AAAA`, action: 'continue', ...DETAILS })).status).to.equal(403);
    expect((await client.post(`/enroll/${slug}`, { action: 'continue' })).status).to.equal(403);
  });

  it('holds a customer to the time a person takes, and an address to its rate', async () => {
    const slow = await TestServer.start(store, { customerPages: { minSubmitMs: 60_000, perAddressPerMinute: 8 } });
    try {
      const { slug } = await instanceWithPage(slow);
      const client = new PageClient(slow.base);
      const consent = await upToConsent(client, slug);
      const hurried = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' });
      expect(hurried.status).to.equal(422);
      expect(hurried.html).to.include('That was quicker than a person fills in a form.');
      const answers: number[] = [];
      for (let request = 0; request < 6; request++) answers.push((await client.get(`/enroll/${slug}`)).status);
      expect(answers.slice(0, 4)).to.deep.equal([200, 200, 200, 200]);
      const limited = await client.get(`/enroll/${slug}`);
      expect(limited.status).to.equal(429);
      expect(limited.headers.get('retry-after')).to.match(/^\d+$/);
      expect(limited.html).to.include('Too many requests from your connection.');
    } finally {
      await slow.stop();
    }
  });

  it('saves the page through the API with its rules: a slug is the platform’s, locales need a catalogue, overrides must parse', async () => {
    const { key, instanceId, slug, page } = await instanceWithPage(server);
    const read = await server.get(`/programInstances/${instanceId}/enrollment-page`, { key });
    expect(read.body).to.deep.include({ slug, url: `/enroll/${slug}`, enabled: true });
    const other = await instanceWithPage(server);
    const taken = await server.request('PUT', `/programInstances/${other.instanceId}/enrollment-page`, { key: other.key, body: { ...other.page, slug } });
    expect(taken.status).to.equal(409);
    expect(taken.body.error.code).to.equal('enrollment_page_slug_taken');
    expect((await server.get(`/programInstances/${instanceId}/enrollment-page`, { key: other.key })).status, 'another workspace’s instance is missing').to.equal(404);
    const bad = await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, {
      key, body: { ...page, locales: ['en', 'fr'], messages: { en: { 'page.lang': '{broken', 'no.such': 'x' } } },
    });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.details.map((issue: { field: string; rule: string }) => `${issue.field} ${issue.rule}`)).to.have.members([
      '/locales/1 catalogue', '/messages/en/page.lang messageFormat', '/messages/en/no.such knownMessage',
    ]);
    const defaultOutside = await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, { key, body: { ...page, defaultLocale: 'de-CH' } });
    expect(defaultOutside.status).to.equal(422);
    const overridden = await server.request('PUT', `/programInstances/${instanceId}/enrollment-page`, { key, body: { ...page, messages: { en: { 'step.details': 'Tell us about you' } } } });
    expect(overridden.status).to.equal(200);
    expect((await new PageClient(server.base).get(`/enroll/${slug}`)).html).to.include('Tell us about you');
  });
});
