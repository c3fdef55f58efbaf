import { expect } from 'chai';
import { CUSTOMER_DATA_FIELDS, grantedCustomerData } from './customerData.js';

const SUZIE = {
  firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com', phone: '+1234567890', serialNumber: '1234567890', referenceId: 'crm-42',
  address: { streetOne: '123 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' }, tags: ['tag1'], metadata: { secret: 'x' },
};

describe(grantedCustomerData.name, () => {
  it('keeps exactly the granted fields the enrollment has, and nothing else', () => {
    const customer = grantedCustomerData(SUZIE, ['email', 'lastName']);
    expect(customer).to.deep.equal({ email: 'suzie.homeowner@example.com', lastName: 'Homeowner' });
    expect(customer?.firstName).to.equal(undefined);
    expect(customer).not.to.have.property('tags');
  });

  it('leaves out a granted field the enrollment does not have, and is undefined when none is left', () => {
    expect(grantedCustomerData({ email: 'a@example.com' }, ['email', 'phone'])).to.deep.equal({ email: 'a@example.com' });
    expect(grantedCustomerData({ email: 'a@example.com' }, ['phone'])).to.equal(undefined);
    expect(grantedCustomerData(SUZIE, [])).to.equal(undefined);
  });

  it('copies the address, so the view cannot change the enrollment', () => {
    const customer = grantedCustomerData(SUZIE, ['address']);
    expect(customer?.address).to.deep.equal(SUZIE.address);
    expect(customer?.address).not.to.equal(SUZIE.address);
  });

  it('names seed 004’s personal fields, the enrollment’s own referenceId among them', () => {
    expect(CUSTOMER_DATA_FIELDS).to.deep.equal(['email', 'firstName', 'lastName', 'phone', 'address', 'serialNumber', 'referenceId']);
  });
});
