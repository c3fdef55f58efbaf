import { expect } from 'chai';
import { checkCsvHeader, csvRow, jsonRow, originalField } from './normaliseRow.js';

describe('normaliseRow', () => {
  it('reads a CSV row in snake_case with bare and nested address columns, lists and metadata, into seed 004’s shape', () => {
    const header = ['reference_id', 'first_name', 'postal_code', 'address.city', 'manufacturer_slugs', 'tags', 'metadata.deviceType', 'phone'];
    const row = csvRow(checkCsvHeader(header), header, ['R-1', 'Suzie', '10001', 'New York', 'tesla; enphase', 'a,b', 'BATTERIES', '']);
    expect(row.value).to.deep.equal({ referenceId: 'R-1', firstName: 'Suzie', address: { postalCode: '10001', city: 'New York' }, manufacturerSlugs: ['tesla', 'enphase'], tags: ['a', 'b'], metadata: { deviceType: 'BATTERIES' } });
    expect(originalField(row, '/address/postalCode')).to.equal('/postal_code');
  });

  it('reads an NDJSON object in either casing, keeping unknown fields for the schema to refuse by their own name', () => {
    const row = jsonRow({ reference_id: 'R-2', address: { street_one: '1 Main St', postal_code: '10001' }, nickname: 'Suze', phone: null });
    expect(row.value).to.deep.equal({ referenceId: 'R-2', address: { streetOne: '1 Main St', postalCode: '10001' }, nickname: 'Suze' });
    expect(originalField(row, '/address/streetOne')).to.equal('/address/street_one');
  });

  it('refuses a CSV header with an unknown column or one field twice, naming the columns', () => {
    expect(() => checkCsvHeader(['referenceId', 'reference_id', 'nickname'])).to.throw().with.property('details').that.deep.equals([
      { field: '/columns/nickname', rule: 'known_column', message: 'is not a seed 004 field (known: identificationType, leadId, customerId, enrollmentId, firstName, lastName, email, phone, address, manufacturerSlugs, metadata, serialNumber, referenceId, referenceDescription, tags, rowKey, streetOne, streetTwo, city, state, postalCode, country, address.<field>, metadata.<key>)' },
      { field: '/columns/reference_id', rule: 'unique_column', message: 'names a field another column already fills' },
    ]);
  });
});
