import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { CustomerMailTask, resolvePort, STORE_TOKENS } from '@flexroll/core';
import { PageClient, sealedState } from '../support/PageClient.js';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { DETAILS, DEVICE, instanceWithPage } from './pageFixtures.js';

/** One mail as the local SMTP server received it. */
interface Received {
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly language: string | undefined;
}

/** A local SMTP server started by the test: it keeps what it is sent, or refuses (451) while `refusing`. */
class LocalSmtp {
  readonly received: Received[] = [];
  refusing = false;
  readonly #server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
      simpleParser(stream).then((mail) => {
        if (this.refusing) return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        this.received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', language: mail.headers.get('content-language') as string | undefined });
        callback();
      }, callback);
    },
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.#server.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

describeOnEachStore('E-mail to the self-enrolled customer (issue 22)', (store) => {
  let server: TestServer;
  let smtp: LocalSmtp;
  before(async () => {
    smtp = new LocalSmtp();
    const smtpUrl = await smtp.start();
    server = await TestServer.start(store, {
      customerPages: { minSubmitMs: 0, perAddressPerMinute: 10_000 },
      mail: { smtpUrl, mailFrom: 'Community Powershare <no-reply@leap.example>', publicUrl: 'https://enroll.leap.example' },
    });
  });
  after(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const drain = () => server.container.get(CustomerMailTask).drain();

  /** A customer enrolls through the page in `lang`; the enrollment's id and participation id. */
  async function enroll(lang: string, email: string): Promise<{ key: string; instanceId: string; enrollmentId: string; participationId: string }> {
    const { key, instanceId, slug } = await instanceWithPage(server);
    const client = new PageClient(server.base);
    const first = await client.get(`/enroll/${slug}?lang=${lang}`);
    const device = await client.post(`/enroll/${slug}?lang=${lang}`, { formState: sealedState(first.html), action: 'continue', ...DETAILS, email });
    const consent = await client.post(`/enroll/${slug}?lang=${lang}`, { formState: sealedState(device.html), action: 'continue', ...DEVICE });
    const done = await client.post(`/enroll/${slug}?lang=${lang}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' });
    expect(done.status, done.html).to.equal(200);
    const listed = await server.get(`/programInstances/${instanceId}/enrollments`, { key });
    const enrollment = listed.body.data[0];
    return { key, instanceId, enrollmentId: enrollment.id, participationId: enrollment.participationId };
  }

  it('e-mails the status link on submission, in the customer’s locale, and says so on the page and the event', async () => {
    const email = 'sanne.link@example.nl';
    const { key, enrollmentId } = await enroll('nl', email);
    const submitted = await server.get(`/events?enrollmentId=${enrollmentId}&type=enrollment.submitted`, { key });
    expect(submitted.body.data[0].data.statusLinkEmailed).to.equal(true);

    await drain();
    const mails = smtp.received.filter((mail) => mail.to.includes(email));
    expect(mails, 'one link mail; the form’s own moves owe none').to.have.length(1);
    expect(mails[0]!.subject).to.equal('Uw statuspagina voor Community Powershare');
    expect(mails[0]!.language).to.equal('nl');
    expect(mails[0]!.text).to.include('Hallo Sanne,');
    const link = /https:\/\/enroll\.leap\.example(\/status\/[A-Za-z0-9_-]{43})\?lang=nl/.exec(mails[0]!.text);
    expect(link, mails[0]!.text).to.not.equal(null);
    const page = await new PageClient(server.base).get(`${link![1]}?lang=nl`);
    expect(page.status, 'the mailed link opens the status page').to.equal(200);

    await drain();
    expect(smtp.received.filter((mail) => mail.to.includes(email)), 'no second mail').to.have.length(1);
  });

  it('e-mails each change of participation state with seed 000’s customer message, in German', async () => {
    const email = 'jonas.state@example.de';
    const { key, participationId } = await enroll('de', email);
    await drain();
    const moved = await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'telemetry_received' } });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    await drain();
    const mails = smtp.received.filter((mail) => mail.to.includes(email));
    expect(mails.map((mail) => mail.subject)).to.deep.equal(['Ihre Statusseite für Community Powershare', 'Neuigkeiten zu Ihrer Anmeldung bei Community Powershare']);
    const state = moved.body.current_state as string;
    const described = await server.get(`/vpp-participations/${participationId}`, { key, headers: { 'Accept-Language': 'de' } });
    const message = (described.body.participation_state as { state: string; description: string }[]).find((entry) => entry.state === state)?.description;
    expect(message, 'the state has a customer message').to.be.a('string');
    expect(mails[1]!.text).to.include(message!);
    expect(mails[1]!.language).to.equal('de');
  });

  it('retries after the mail server refuses, then sends once; nothing personal reaches the logs', async () => {
    const email = 'pieter.retry@example.nl';
    const { key, participationId, enrollmentId } = await enroll('en', email);
    await drain();
    smtp.refusing = true;
    await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'telemetry_received' } });
    await drain();
    const mine = () => smtp.received.filter((mail) => mail.to.includes(email));
    expect(mine(), 'only the link mail so far').to.have.length(1);
    const items = resolvePort(server.container, STORE_TOKENS.customerMails);
    const pending = (await items.listPending(100)).filter((item) => item.enrollmentId === enrollmentId);
    expect(pending).to.have.length(1);
    expect(pending[0]).to.deep.include({ status: 'pending', attempts: 1, kind: 'state_changed' });
    expect(pending[0]!.lastError).to.match(/451/);

    smtp.refusing = false;
    server.clock.advance(60_000);
    await drain();
    await drain();
    expect(mine().map((mail) => mail.subject)).to.deep.equal(['Your status page for Community Powershare', 'News about your enrollment in Community Powershare']);
    expect((await items.get(pending[0]!.workspaceId, pending[0]!.id))).to.deep.include({ status: 'sent', attempts: 2 });

    const logs = server.logLines.join('\n');
    expect(logs).to.include('customer mail attempt failed');
    const tokens = smtp.received.map((mail) => /\/status\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1]).filter((token) => token !== undefined);
    expect(tokens, 'every mailed link').to.have.length.above(0);
    for (const personal of [email, 'Sanne', 'de Vries', ...tokens]) expect(logs, personal).to.not.include(personal);
  });

  it('gives up after the outbox’s attempts and lists the mail as a dead letter', async () => {
    const email = 'lotte.dead@example.nl';
    const { key, participationId, enrollmentId } = await enroll('en', email);
    await drain();
    const items = resolvePort(server.container, STORE_TOKENS.customerMails);
    smtp.refusing = true;
    try {
      await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'telemetry_received' } });
      await drain();
      const [owed] = (await items.listPending(100)).filter((item) => item.enrollmentId === enrollmentId);
      expect(owed, 'the state mail is pending after a refusal').to.not.equal(undefined);
      for (let attempt = 0; attempt < 12; attempt++) {
        server.clock.advance(2 * 3_600_000);
        await drain();
      }
      const listed = await server.get(`/programInstances/${owed!.programInstanceId}/customer-mail`, { key });
      const dead = (listed.body.data as { enrollmentId: string }[]).filter((item) => item.enrollmentId === enrollmentId);
      expect(dead).to.have.length(1);
      expect(dead[0]).to.deep.include({ id: owed!.id, kind: 'state_changed', status: 'dead', attempts: 8, recipient: 'l***@example.nl' });
    } finally {
      smtp.refusing = false;
    }
    await drain();
    expect(smtp.received.filter((mail) => mail.to.includes(email)), 'only the link mail').to.have.length(1);
  });

  it('sends a dead letter again when an operator retries it, once, and lists only the instance’s own', async () => {
    const email = 'noor.retried@example.nl';
    const { key, instanceId, participationId, enrollmentId } = await enroll('en', email);
    await drain();
    smtp.refusing = true;
    try {
      await server.post(`/vpp-participations/${participationId}/triggers`, { key, body: { trigger: 'telemetry_received' } });
      for (let attempt = 0; attempt < 12; attempt++) {
        server.clock.advance(2 * 3_600_000);
        await drain();
      }
    } finally {
      smtp.refusing = false;
    }
    const listed = await server.get(`/programInstances/${instanceId}/customer-mail?status=dead`, { key });
    const [dead] = (listed.body.data as { id: string; enrollmentId: string }[]).filter((item) => item.enrollmentId === enrollmentId);
    expect(dead, 'the state mail died').to.deep.include({ status: 'dead', kind: 'state_changed' });

    const retried = await server.post(`/programInstances/${instanceId}/customer-mail/${dead!.id}/retry`, { key });
    expect(retried.status, JSON.stringify(retried.body)).to.equal(200);
    expect(retried.body).to.deep.include({ id: dead!.id, status: 'pending', attempts: 8, attemptLimit: 16, recipient: 'n***@example.nl' });
    expect(JSON.stringify(retried.body), 'no whole address, no name').to.not.match(/noor|retried@/);
    const pending = await server.get(`/programInstances/${instanceId}/customer-mail?status=pending`, { key });
    expect((pending.body.data as { id: string }[]).map((item) => item.id)).to.include(dead!.id);

    await drain();
    const mine = smtp.received.filter((mail) => mail.to.includes(email));
    expect(mine.map((mail) => mail.subject), 'the link, then the retried state mail').to.deep.equal(['Your status page for Community Powershare', 'News about your enrollment in Community Powershare']);
    const [stored] = (await server.get(`/programInstances/${instanceId}/customer-mail?status=sent&perPage=100`, { key })).body.data.filter((item: { id: string }) => item.id === dead!.id);
    expect(stored).to.deep.include({ status: 'sent', attempts: 9 });
    const again = await server.post(`/programInstances/${instanceId}/customer-mail/${dead!.id}/retry`, { key });
    expect(again.body, 'a mail that is not dead is left as it is').to.deep.include({ status: 'sent' });
    await drain();
    expect(smtp.received.filter((mail) => mail.to.includes(email)), 'sent once').to.have.length(2);

    const other = await instanceWithPage(server);
    const foreignInstance = await server.post(`/programInstances/${instanceId}/customer-mail/${dead!.id}/retry`, { key: other.key });
    expect([foreignInstance.status, foreignInstance.body.error?.code], 'another workspace’s instance is an unknown one').to.deep.equal([404, 'program_instance_not_found']);
    const foreignMail = await server.post(`/programInstances/${other.instanceId}/customer-mail/${dead!.id}/retry`, { key: other.key });
    expect([foreignMail.status, foreignMail.body.error?.code], 'and so is its mail').to.deep.equal([404, 'customer_mail_not_found']);
  });
});

