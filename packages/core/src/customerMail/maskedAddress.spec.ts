import { expect } from 'chai';
import { maskedAddress } from './maskedAddress.js';

describe('maskedAddress', () => {
  it('keeps the first character and the domain, and masks the rest', () => {
    expect(maskedAddress('sanne.devries@example.nl')).to.equal('s***@example.nl');
  });
  it('masks a one-character local part as much as a long one', () => {
    expect(maskedAddress('j@example.de')).to.equal('j***@example.de');
  });
  it('takes the domain after the last @ (a quoted local part may hold one)', () => {
    expect(maskedAddress('"a@b"@example.com')).to.equal('"***@example.com');
  });
  it('shows nothing of what is not an address', () => {
    expect(maskedAddress('not-an-address')).to.equal('***');
  });
});
