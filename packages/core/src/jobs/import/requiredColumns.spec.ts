import { expect } from 'chai';
import { checkRequiredColumns, MissingColumnsError } from './requiredColumns.js';

describe('checkRequiredColumns', () => {
  it('accepts a header with an identificationType and a key, in either casing, referenceId or rowKey', () => {
    expect(() => checkRequiredColumns(['reference_id', 'identification_type', 'email'])).not.to.throw();
    expect(() => checkRequiredColumns(['rowKey', 'identificationType'])).not.to.throw();
  });

  it('refuses a header without a key column or an identificationType, naming each column and the rule', () => {
    expect(() => checkRequiredColumns(['email', 'firstName'])).to.throw(MissingColumnsError).with.property('details').that.deep.equals([
      { field: '/columns/identificationType', rule: 'required', message: 'is missing: every row needs one (leadId, customerId, enrollmentId, customerInfo)' },
      { field: '/columns/referenceId', rule: 'required', message: 'is missing, and so is rowKey: every row of an import needs a referenceId (or a rowKey), which is what makes a rerun create nothing twice' },
    ]);
  });

  it('does not take a metadata or address column of the same name for the field', () => {
    expect(() => checkRequiredColumns(['identificationType', 'metadata.referenceId'])).to.throw(MissingColumnsError, /\/columns\/referenceId is missing/);
  });
});
