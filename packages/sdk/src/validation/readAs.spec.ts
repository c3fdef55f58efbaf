import { Type } from '@sinclair/typebox';
import { expect } from 'chai';
import { OperatorCallError } from '../http/OperatorCallError.js';
import { OperatorHttpClient } from '../http/OperatorHttpClient.js';
import { expectInputError } from '../test-support/expectInputError.js';
import { isOneOf } from './isOneOf.js';
import { matchesSchema, readAs } from './readAs.js';

const Device = Type.Object({
  id: Type.String({ minLength: 1 }),
  status: Type.Object({ current: Type.Union([Type.Literal('LIVE'), Type.Literal('RETIRED')]), isSuspended: Type.Optional(Type.Boolean()) }),
});

describe(readAs.name, () => {
  it('gives back a value that matches, as it came', () => {
    const answer: unknown = { id: 'dev-1', status: { current: 'LIVE' }, extra: true };
    expect(readAs(Device, answer, 'the device')).to.equal(answer);
  });

  describe('when a value does not match', () => {
    it('throws an InputError naming what was read and the first field that broke the schema', () => {
      const error = expectInputError(() => readAs(Device, { id: 7, status: { current: 'LIVE' } }, 'the device'), '/id', 'type');
      expect(error.message).to.equal('the device does not match its schema at /id: must be a string; got number 7.');
      expect(error.details).to.deep.equal([{ field: '/id', rule: 'type', message: 'must be a string; got number 7.' }]);
    });

    it('names a missing field as required, a name outside the list as one_of, and the value itself as /', () => {
      expectInputError(() => readAs(Device, { id: 'dev-1' }, 'the device'), '/status', 'required');
      expectInputError(() => readAs(Device, { id: 'dev-1', status: { current: 'DANCING' } }, 'the device'), '/status/current', 'one_of');
      expect(expectInputError(() => readAs(Device, null, 'the device'), '/', 'type').details[0]?.message).to.equal('must be an object; got null.');
    });
  });

  it('refuses a Type.Unsafe schema when first used, since its checker cannot read one', () => {
    expect(() => readAs(Type.Unsafe<'a'>({ enum: ['a'] }), 'a', 'the name')).to.throw(/Unknown type/);
  });

  it('makes an operator answer that breaks a request’s schema malformed, naming the field', async () => {
    const fetch = async () => Response.json({ id: 'dev-1', status: { current: 'ASLEEP' } });
    const client = new OperatorHttpClient({ service: 'acme', baseUrl: 'https://acme.test', fetch });
    const error: unknown = await client.request({ path: '/devices/1', schema: Device }).then(() => undefined, (failure: unknown) => failure);
    expect(OperatorCallError.is(error) && [error.reason, error.attempts]).to.deep.equal(['malformed', 1]);
    expect(OperatorCallError.is(error) && error.message).to.match(/^acme GET \/devices\/1 answered 200 with a body that is not what was expected: the body does not match its schema at \/status\/current: /);
  });

  it('types an operator answer that matches a request’s schema', async () => {
    const fetch = async () => Response.json({ id: 'dev-1', status: { current: 'RETIRED' } });
    const { body } = await new OperatorHttpClient({ service: 'acme', baseUrl: 'https://acme.test', fetch }).request({ path: '/devices/1', schema: Device });
    const status: 'LIVE' | 'RETIRED' = body.status.current;
    expect(status).to.equal('RETIRED');
  });
});

describe(matchesSchema.name, () => {
  it('narrows a value that matches and refuses one that does not, throwing nothing', () => {
    const answer: unknown = { id: 'dev-1', status: { current: 'LIVE' } };
    expect(matchesSchema(Device, answer) && answer.status.current).to.equal('LIVE');
    expect(matchesSchema(Device, { id: '' , status: { current: 'LIVE' } })).to.equal(false);
  });
});

describe(isOneOf.name, () => {
  it('holds for a name in the list only', () => {
    const names = ['LIVE', 'RETIRED'] as const;
    expect([isOneOf('LIVE', names), isOneOf('DANCING', names), isOneOf(7, names), isOneOf(undefined, names)]).to.deep.equal([true, false, false, false]);
  });
});
