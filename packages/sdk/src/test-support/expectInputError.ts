import { expect } from 'chai';
import { InputError } from '../errors/errors.js';
import { FlexrollError } from '../errors/FlexrollError.js';

/** Test support: asserts that `act` throws an InputError naming `field` (and `rule`, when given). */
export function expectInputError(act: () => unknown, field: string, rule?: string): InputError {
  let thrown: unknown;
  try {
    act();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected an InputError naming ${field}`).to.be.instanceOf(InputError);
  const error = thrown as InputError;
  expect(FlexrollError.is(error)).to.equal(true);
  expect(error.kind).to.equal('input');
  expect(error.message).to.include(field);
  expect(error.details.map((issue) => issue.field)).to.deep.equal([field]);
  if (rule !== undefined) expect(error.details[0]?.rule).to.equal(rule);
  return error;
}
