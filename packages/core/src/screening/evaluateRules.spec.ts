import { expect } from 'chai';
import { checkEligibilityRules } from './checkEligibilityRules.js';
import { ENROLLED_ELSEWHERE_REASON, evaluateRules } from './evaluateRules.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';

const SUZIE = { ...SUZIE_CUSTOMER_INFO, programInstanceId: 'cllgn0u4r000008l7eazybfbo' };

describe(evaluateRules.name, () => {
  it('admits seed 004’s Suzie Homeowner under rules she meets, with postal codes compared without spaces or case', () => {
    expect(evaluateRules({ allowedManufacturers: ['enphase'], serviceTerritory: { countries: ['usa'], postalCodes: ['100 01'] }, requiredFields: ['email', 'address'], requiredTags: ['tag1'] }, SUZIE)).to.deep.equal([]);
  });

  it('names every rule she fails, each in a sentence a person can read', () => {
    const failures = evaluateRules(
      { allowedManufacturers: ['sonnen'], serviceTerritory: { postalCodePrefixes: ['941'] }, requiredFields: ['metadata.utilityAccount'], requiredTags: ['low-income'], deviceTypes: ['BATTERIES'] },
      SUZIE,
    );
    expect(failures).to.deep.equal([
      { rule: 'allowedManufacturers', reason: 'The customer’s device manufacturer (tesla, enphase) is not one the program supports (sonnen).' },
      { rule: 'serviceTerritory', reason: 'The customer’s address (postal code 10001) is outside the program’s service territory.' },
      { rule: 'requiredFields', reason: 'The enrollment has no metadata.utilityAccount, which the program requires.' },
      { rule: 'requiredTags', reason: "The enrollment is not tagged 'low-income', which the program requires." },
      { rule: 'deviceTypes', reason: 'The customer’s device type is not on record (metadata.deviceType); the program accepts BATTERIES.' },
    ]);
  });

  it('uses seed 004’s own sentence for a device enrolled elsewhere', () => {
    expect(ENROLLED_ELSEWHERE_REASON).to.equal('The customer is already enrolled in another program.');
  });
});

describe(checkEligibilityRules.name, () => {
  it('refuses entries that are the same once normalised, and postal codes a prefix covers, naming each by its field', () => {
    const rules = { serviceTerritory: { countries: ['USA', 'usa '], postalCodes: ['sw1a 1aa', 'SW1A1AA', '10001'], postalCodePrefixes: ['100'] } };
    expect(() => checkEligibilityRules(rules, '/eligibilityRules')).to.throw().with.property('details').that.deep.equals([
      { field: '/eligibilityRules/serviceTerritory/countries/1', rule: 'duplicate', message: 'is the same as entry 0 once spaces and case are ignored' },
      { field: '/eligibilityRules/serviceTerritory/postalCodes/1', rule: 'duplicate', message: 'is the same as entry 0 once spaces and case are ignored' },
      { field: '/eligibilityRules/serviceTerritory/postalCodes/2', rule: 'covered', message: "is already covered by prefix '100'" },
    ]);
  });

  it('refuses an unknown rule and an empty territory by the schema, before anything else', () => {
    expect(() => checkEligibilityRules({ serviceTerritory: {}, minimumKw: 5 })).to.throw().with.property('details').that.deep.equals([
      { field: '/minimumKw', rule: 'additionalProperties', message: 'is not a known field' },
      { field: '/serviceTerritory', rule: 'minProperties', message: 'must NOT have fewer than 1 properties' },
    ]);
  });
});
