import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { compileSchema } from '../platform/index.js';
import { columnPath } from '../jobs/index.js';
import { ENROLLMENT_FIELDS } from './enrollmentFields.js';
import { ENROLLMENT_FIELD_ENTRIES, ELIGIBILITY_CRITERIA_FIELDS, MUTABLE_ENROLLMENT_FIELDS } from './enrollmentFieldLists.js';
import { ENROLLMENT_INPUT_SCHEMA, ENROLLMENT_PATCH_FIELDS, ENROLLMENT_RESPONSE_FIELDS } from './enrollmentInputSchema.js';

/** A value each field's own schema accepts, so that a spec can send every field at once. */
const SAMPLES: Readonly<Record<keyof typeof ENROLLMENT_FIELDS, unknown>> = {
  leadId: 'cllgn0u4r000008l7eazybfbo', customerId: 'cllgn0u4r000008l7eazybfbo', enrollmentId: 'cllgn0u4r000008l7eazybfbo',
  firstName: 'Suzie', lastName: 'Smith', email: 'suzie@example.com', phone: '+12125550100',
  address: { streetOne: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' },
  manufacturerSlugs: ['tesla'], metadata: { plan: 'spring' }, serialNumber: 'SN-1', referenceId: 'R-1', referenceDescription: 'Tesla id.',
  tags: ['a'], enrollmentStartDate: '2026-12-06T19:00:00.000Z',
};

describe('the enrollment catalogue', () => {
  const patch = compileSchema(Type.Object(ENROLLMENT_PATCH_FIELDS, { additionalProperties: false }));

  it('lets PATCH remove with null exactly the fields it declares `setOrRemove`, and change no field it leaves fixed', () => {
    for (const [name, spec] of ENROLLMENT_FIELD_ENTRIES) {
      const removable = patch({ [name]: null }).length === 0;
      const settable = patch({ [name]: SAMPLES[name] }).length === 0;
      expect({ name, removable, settable }).to.deep.equal({ name, removable: spec.patch === 'setOrRemove', settable: spec.patch !== undefined });
    }
    expect(MUTABLE_ENROLLMENT_FIELDS).to.include.members(ELIGIBILITY_CRITERIA_FIELDS);
  });

  it('takes every client field in a POST body and no field the platform sets', () => {
    const post = compileSchema(ENROLLMENT_INPUT_SCHEMA);
    for (const [name, spec] of ENROLLMENT_FIELD_ENTRIES) {
      const issues = post({ identificationType: 'customerInfo', firstName: 'Suzie', lastName: 'Smith', email: 'suzie@example.com', [name]: SAMPLES[name] });
      expect({ name, accepted: issues.length === 0 }).to.deep.equal({ name, accepted: spec.source !== 'platform' });
    }
  });

  it('names every field in the response schema, and maps each import column to its field', () => {
    expect(Object.keys(ENROLLMENT_RESPONSE_FIELDS)).to.deep.equal(Object.keys(ENROLLMENT_FIELDS));
    for (const [name, spec] of ENROLLMENT_FIELD_ENTRIES) {
      expect({ name, column: columnPath(name) }).to.deep.equal({ name, column: spec.csv === undefined ? undefined : [name] });
    }
  });
});
