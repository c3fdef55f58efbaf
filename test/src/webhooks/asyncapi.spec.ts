import { expect } from 'chai';
import { DELIVERED_EVENT_TYPES, webhookPayloadSchema } from '@flexroll/core';
import { STORES } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';

/** Follows a local `$ref` ('#/a/b') in a document. */
const resolve = (document: any, ref: string): unknown => ref.slice(2).split('/').reduce((node, key) => node?.[key], document);

describe('The published webhook contract (/asyncapi.json)', () => {
  let server: TestServer;
  let document: any;
  before(async () => {
    server = await TestServer.start(STORES[0]!);
    const response = await fetch(`${server.base}/asyncapi.json`);
    expect(response.status).to.equal(200);
    document = await response.json();
  });
  after(async () => server?.stop());

  it('is an AsyncAPI 3.0 document whose every $ref resolves', () => {
    expect(document.asyncapi).to.equal('3.0.0');
    expect(document.info.title).to.be.a('string');
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!);
    expect(refs.filter((ref) => resolve(document, ref) === undefined), 'dangling $refs').to.deep.equal([]);
  });

  for (const type of DELIVERED_EVENT_TYPES) {
    it(`sends ${type} with the Standard Webhooks headers and the payload schema the deliveries are checked against`, () => {
      const [name, message] = Object.entries(document.components.messages as Record<string, any>).find(([, candidate]) => candidate.name === type) ?? [];
      expect(message, `${type} is in components/messages`).to.be.an('object');
      expect(message.payload.schema).to.deep.equal(JSON.parse(JSON.stringify(webhookPayloadSchema(type))));
      expect(resolve(document, message.headers.$ref)).to.have.nested.property('properties.webhook-signature');
      // An operation's messages point into the channel, whose messages point into components.
      const sends = (operation: any) => operation.messages.some((ref: { $ref: string }) => (resolve(document, ref.$ref) as { $ref: string }).$ref === `#/components/messages/${name}`);
      const operation = Object.values(document.operations as Record<string, any>).find(sends);
      expect(operation?.action, `an operation sends ${type}`).to.equal('send');
    });
  }
});
